// "See a doctor now" as patients use it: joining through the triage form and seeing one's place,
// a second patient (in Simplified Chinese) behind whose place moves up live when the first leaves,
// and red-flag answers that bring the emergency advice instead of a place.
import assert from 'node:assert/strict';
import { signIn } from './lib/auth.mjs';
import { expectFocused, expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';
import { assertNotReloaded, getInPage, joinQueue, markPage, queueItem, submitTriage } from './lib/queue.mjs';

const e2e = suite();
const GP = { en: 'General practice', 'zh-Hans': '普通科' };

e2e.test('a patient joins through triage; a second joins behind and moves up live when the first leaves', async (h) => {
  const amy = await h.newPage({ lang: 'en', label: 'amy' });
  await signIn(amy, h.base, 'patient2@demo.yiqiao.hk');
  await amy.getByTestId('nav-now').click();
  await amy.waitForURL((u) => u.pathname === '/now');
  await expectText(amy.getByTestId('page-title'), text('en', 'queue.title'));
  const gp = queueItem(amy, GP.en);
  await expectText(gp.getByTestId('queue-open'), text('en', 'queue.open_now'));
  await expectText(gp.getByTestId('queue-waiting'), text('en', 'queue.waiting_count', { count: 0 }));
  await expectText(gp.getByTestId('queue-wait'), text('en', 'queue.wait_no_doctor'));

  // An empty form is refused in the user's language before anything is sent.
  await gp.getByTestId('queue-choose').click();
  await amy.getByTestId('triage-submit').click();
  await expectText(amy.getByTestId('triage-details-error'), text('en', 'triage.need_answer'));

  await amy.getByTestId('triage-routine-cough').check();
  await amy.getByTestId('triage-routine-fever').check();
  await amy.getByTestId('triage-details').fill('Dry cough since Monday');
  await amy.getByTestId('triage-submit').click();
  await amy.waitForURL((u) => u.pathname.startsWith('/queue/'));
  await expectText(amy.getByTestId('queue-position'), '1');
  await expectText(amy.getByTestId('queue-ahead'), text('en', 'queue.wait.ahead', { count: 0 }));
  await expectText(amy.getByTestId('queue-estimate'), text('en', 'queue.wait_no_doctor'));
  await expectText(amy.getByTestId('queue-service'), GP.en);
  await amy.locator('[data-testid="live-state"][data-state="open"]').waitFor();

  // The second patient reads the app in Simplified Chinese.
  const zhang = await h.newPage({ lang: 'zh-Hans', label: 'zhang' });
  await signIn(zhang, h.base, 'patient3@demo.yiqiao.hk');
  await zhang.getByTestId('nav-now').click();
  await expectText(zhang.getByTestId('page-title'), text('zh-Hans', 'queue.title'));
  await expectText(queueItem(zhang, GP['zh-Hans']).getByTestId('queue-waiting'), text('zh-Hans', 'queue.waiting_count', { count: 1 }));
  await joinQueue(zhang, GP['zh-Hans'], { routine: ['sore_throat'] });
  await expectText(zhang.getByTestId('queue-position'), '2');
  await expectText(zhang.getByTestId('queue-ahead'), text('zh-Hans', 'queue.wait.ahead', { count: 1 }));
  await zhang.locator('[data-testid="live-state"][data-state="open"]').waitFor();
  await markPage(zhang);

  // The first leaves (after confirming); the second moves up without reloading.
  await amy.getByTestId('queue-leave').click();
  await amy.getByTestId('queue-leave-confirm').click();
  await expectText(amy.locator('[data-testid="queue-ended"][data-reason="left"] h2'), text('en', 'queue.ended.left_title'));
  await expectText(zhang.getByTestId('queue-position'), '1');
  await expectText(zhang.getByTestId('queue-ahead'), text('zh-Hans', 'queue.wait.ahead', { count: 0 }));
  await assertNotReloaded(zhang);

  // Back on /now the second patient's place is listed; joining the same queue twice is refused.
  const mine = await getInPage(zhang, '/api/v1/queue-entries');
  assert.equal(mine.body.items.length, 1);
  assert.equal(mine.body.items[0].position, 1);
});

e2e.test('red-flag answers show the emergency advice and queue nothing', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'patient' });
  await signIn(page, h.base, 'patient@demo.yiqiao.hk');
  await page.goto(`${h.base}/now`);
  await submitTriage(page, 'COVID-19 mild symptoms', { red: ['chest_pain'], routine: ['cough'] });
  const advice = page.getByTestId('emergency-advice');
  await advice.waitFor();
  await expectText(advice.locator('h2'), text('en', 'triage.emergency.title'));
  assert.match(await advice.innerText(), /999/);
  assert.match(await advice.innerText(), /A&E|Accident & Emergency/);
  assert.equal(await page.getByTestId('emergency-call').getAttribute('href'), 'tel:999');
  await expectText(advice.getByTestId('emergency-flags'), text('en', 'triage.symptom.chest_pain'));
  // The advice takes the form's place and has the focus, so a screen reader reads it at once.
  assert.equal(await page.getByTestId('triage-form').count(), 0);
  await expectFocused(page.locator('#emergency-heading'), 'the emergency advice');
  assert.equal(new URL(page.url()).pathname, '/now');
  const mine = await getInPage(page, '/api/v1/queue-entries');
  assert.deepEqual(mine.body.items, [], 'nothing was queued');

  // Answered by mistake: back to the form, which can then queue.
  await page.getByTestId('emergency-back').click();
  await page.getByTestId('triage-form').waitFor();
  await page.getByTestId('triage-routine-cough').check();
  await page.getByTestId('triage-submit').click();
  await page.waitForURL((u) => u.pathname.startsWith('/queue/'));
  await expectText(page.getByTestId('queue-position'), '1');
});
