// An organisation admin adds weekly hours for a doctor and the new times appear among the doctor's
// public free slots; a holiday added on one of those days takes that day's times away.
import assert from 'node:assert/strict';
import { anonymous, meInPage, signIn } from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();
const HOUR = 3600;
const hkDay = (seconds) => new Date((seconds + 8 * HOUR) * 1000).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a YYYY-MM-DD. */
const weekday = (day) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

e2e.test('weekly hours added by the organisation admin become public slots; a holiday removes that day’s', async (h) => {
  const pub = anonymous(h.base);
  const doctorId = (await pub.get('/api/v1/doctors?q=Wong%20Ka%20Yan')).body.items[0].id;

  const page = await h.newPage({ lang: 'en', label: 'orgadmin' });
  await signIn(page, h.base, 'orgadmin@demo.yiqiao.hk');
  const org = (await meInPage(page)).roles.find((r) => r.role === 'org_admin').organisation_id;
  const holidays = new Set((await pub.get(`/api/v1/organisations/${org}/holidays`)).body.items.map((x) => x.day));

  // A Saturday at least two days ahead that is not a holiday yet: the demo doctor has no afternoon
  // hours on Saturdays.
  let day = addDays(hkDay(Date.now() / 1000), 2);
  while (weekday(day) !== 6 || holidays.has(day)) day = addDays(day, 1);
  const slotsOn = async (d) => (await pub.get(`/api/v1/doctors/${doctorId}/slots?from=${d}&to=${d}`)).body.items;
  /** Times between 14:00 and 16:00 Hong Kong time of a day. */
  const within = (d, items) =>
    items.filter((s) => s.starts_at >= Date.parse(`${d}T14:00:00+08:00`) / 1000 && s.ends_at <= Date.parse(`${d}T16:00:00+08:00`) / 1000);
  const afternoon = (items) => within(day, items);
  assert.deepEqual(afternoon(await slotsOn(day)), [], 'no Saturday afternoon times before');

  await page.getByTestId('nav-org').click();
  await page.waitForURL((u) => u.pathname === `/org/${org}/services`);
  await page.getByTestId('org-tab-availability').click();
  await page.waitForURL((u) => u.pathname === `/org/${org}/availability`);
  await expectText(page.getByTestId('page-title'), text('en', 'avail.title'));
  await page.getByTestId('avail-doctor').selectOption(doctorId);
  await page.getByTestId('avail-templates').waitFor();

  await page.getByTestId('tpl-service').selectOption({ label: 'Family medicine (in person)' });
  await page.getByTestId('tpl-weekday').selectOption('6');
  await page.getByTestId('tpl-start').fill('14:00');
  await page.getByTestId('tpl-end').fill('16:00');
  await page.getByTestId('tpl-submit').click();
  const result = page.getByTestId('avail-result');
  await result.waitFor();
  assert.ok(Number(await result.getAttribute('data-added')) >= 6, 'six 20-minute times a Saturday for the weeks ahead');
  await page.locator('[data-testid="avail-template"][data-weekday="6"]').filter({ hasText: '14:00–16:00' }).waitFor();

  const added = afternoon(await slotsOn(day));
  assert.equal(added.length, 6, JSON.stringify(added));
  assert.equal(added[0].service_name.en, 'Family medicine (in person)');
  assert.equal(added[0].starts_at, Date.parse(`${day}T14:00:00+08:00`) / 1000);
  assert.equal(added[5].ends_at, Date.parse(`${day}T16:00:00+08:00`) / 1000);

  // A bad span is refused in words before it is sent.
  await page.getByTestId('tpl-start').fill('16:00');
  await page.getByTestId('tpl-end').fill('15:00');
  await page.getByTestId('tpl-submit').click();
  await expectText(page.getByTestId('tpl-end-error'), text('en', 'avail.end_after_start'));

  // That Saturday becomes a holiday: its times go (the morning ones too).
  await page.getByTestId('org-tab-holidays').click();
  await page.waitForURL((u) => u.pathname === `/org/${org}/holidays`);
  await page.getByTestId('hol-list').waitFor();
  await page.getByTestId('hol-day').fill(day);
  await page.getByTestId('hol-name-en').fill('Clinic anniversary');
  await page.getByTestId('hol-name-zh-hant').fill('診所周年紀念');
  await page.getByTestId('hol-name-zh-hans').fill('诊所周年纪念');
  await page.getByTestId('hol-submit').click();
  const holResult = page.getByTestId('hol-result');
  await holResult.waitFor();
  assert.ok(Number(await holResult.getAttribute('data-withdrawn')) >= 6);
  await expectText(page.locator(`[data-testid="hol-row"][data-day="${day}"]`).getByTestId('hol-name'), 'Clinic anniversary');
  assert.deepEqual(await slotsOn(day), [], 'no times on the holiday');
  // The next Saturday keeps its new afternoon.
  const next = addDays(day, 7);
  if (!holidays.has(next)) assert.equal(within(next, await slotsOn(next)).length, 6);

  // Removing the holiday brings them back.
  const row = page.locator(`[data-testid="hol-row"][data-day="${day}"]`);
  await row.getByTestId('hol-remove').click();
  await row.getByTestId('hol-remove-confirm').click();
  // (The result of adding named the holiday too: wait for the removal's own words.)
  await expectText(page.getByTestId('hol-result'), /Clinic anniversary\) is no longer a holiday/);
  await row.waitFor({ state: 'detached' });
  assert.equal(afternoon(await slotsOn(day)).length, 6);
});
