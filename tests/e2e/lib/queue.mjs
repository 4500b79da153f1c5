// Steps of the "see a doctor now" and schedule tests, done as a user would (by test id and the text
// a user reads), shared by queue*.test.mjs, doctor_day*.test.mjs and org_schedule*.test.mjs.
import assert from 'node:assert/strict';

/** The queue on /now whose name (in the page's language) is `name`. */
export function queueItem(page, name) {
  return page.getByTestId('queue-item').filter({ has: page.getByTestId('queue-name').getByText(name, { exact: true }) });
}

/**
 * On /now: chooses the queue named `name`, ticks the symptoms (by group: red, urgent, routine),
 * writes the details and submits the triage form.
 */
export async function submitTriage(page, name, { red = [], urgent = [], routine = [], details = '' } = {}) {
  await queueItem(page, name).getByTestId('queue-choose').click();
  await page.getByTestId('triage-form').waitFor();
  for (const c of red) await page.getByTestId(`triage-red-${c}`).check();
  for (const c of urgent) await page.getByTestId(`triage-urgent-${c}`).check();
  for (const c of routine) await page.getByTestId(`triage-routine-${c}`).check();
  if (details) await page.getByTestId('triage-details').fill(details);
  await page.getByTestId('triage-submit').click();
}

/** Joins the queue named `name` and waits for the waiting view; returns the entry id from the address. */
export async function joinQueue(page, name, answers) {
  await submitTriage(page, name, answers);
  await page.waitForURL((u) => u.pathname.startsWith('/queue/'));
  await page.getByTestId('queue-waiting-view').waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  assert.match(id, /^[a-z2-7]{26}$/);
  return id;
}

/** A value the page keeps only until it reloads or navigates for real: proof that an update came live. */
export async function markPage(page) {
  await page.evaluate(() => {
    window.__yqNoReload = true;
  });
}

export async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__yqNoReload === true), true, 'the page was reloaded');
}

/** GET through the page's own session (what the server says to this browser). */
export function getInPage(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return { status: r.status, body: await r.json() };
  }, path);
}
