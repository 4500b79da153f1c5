// A doctor takes a patient from the queue and the patient sees it live; a patient whose connection
// dropped catches up after reconnecting.
import assert from 'node:assert/strict';
import { signIn } from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';
import { joinQueue, markPage, assertNotReloaded } from './lib/queue.mjs';

const e2e = suite();

e2e.test('a doctor goes on duty, takes the next patient, and the patient’s page shows it live (Traditional Chinese)', async (h) => {
  const patient = await h.newPage({ lang: 'zh-Hant', label: 'patient' });
  await signIn(patient, h.base, 'patient@demo.yiqiao.hk');
  await patient.getByTestId('nav-now').click();
  await joinQueue(patient, '普通科', { urgent: ['high_fever'], routine: ['cough'], details: '發燒兩日' });
  await expectText(patient.getByTestId('queue-position'), '1');
  await markPage(patient);

  const doctor = await h.newPage({ lang: 'en', label: 'doctor' });
  await signIn(doctor, h.base, 'doctor@demo.yiqiao.hk');
  await doctor.getByTestId('nav-doctor-day').click();
  await doctor.waitForURL((u) => u.pathname === '/doctor/day');
  const gp = doctor.getByTestId('dq-item').filter({ hasText: 'General practice' });
  await expectText(gp.getByTestId('dq-waiting'), text('en', 'queue.waiting_count', { count: 1 }));
  await expectText(gp.getByTestId('dq-duty-state'), text('en', 'dq.you_off_duty'));
  assert.equal(await gp.getByTestId('dq-next').count(), 0, 'no "take next" while off duty');

  await gp.getByTestId('dq-duty').click();
  await expectText(gp.getByTestId('dq-duty-state'), text('en', 'dq.you_on_duty'));
  // The patient's estimate follows the doctor going on duty.
  await expectText(patient.getByTestId('queue-estimate'), /預計等候/);

  await gp.getByTestId('dq-next').click();
  const current = doctor.getByTestId('dq-current');
  await expectText(current.getByTestId('dq-current-patient'), 'Chan Tai Man');
  await expectText(current.getByTestId('dq-current-symptoms'), `${text('en', 'triage.symptom.high_fever')}, ${text('en', 'triage.symptom.cough')}`);
  await expectText(current.getByTestId('dq-current-details'), '發燒兩日');
  await expectText(gp.getByTestId('dq-waiting'), text('en', 'queue.waiting_count', { count: 0 }));
  assert.equal(await gp.getByTestId('dq-next').isDisabled(), true, 'one patient at a time');

  // The patient is told live: the doctor's name and that they are being connected.
  await expectText(patient.locator('[data-testid="queue-taken"] h2'), text('zh-Hant', 'queue.taken.title'));
  await expectText(patient.getByTestId('queue-doctor'), /黃嘉欣醫生/);
  await assertNotReloaded(patient);

  await current.getByTestId('dq-complete').click();
  await expectText(doctor.getByTestId('dq-current-success'), text('en', 'dq.completed_done'));
  await expectText(patient.locator('[data-testid="queue-ended"][data-reason="completed"] h2'), text('zh-Hant', 'queue.ended.completed_title'));

  // The queue is empty now: the doctor is told so, in words.
  await gp.getByTestId('dq-next').click();
  const error = gp.getByTestId('dq-queue-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-code'), 'queue_empty');

  await gp.getByTestId('dq-duty').click();
  await expectText(gp.getByTestId('dq-duty-state'), text('en', 'dq.you_off_duty'));
});

e2e.test('after the connection drops and comes back, the page catches up with what it missed', async (h) => {
  const amy = await h.newPage({ lang: 'en', label: 'amy' });
  await signIn(amy, h.base, 'patient2@demo.yiqiao.hk');
  await amy.goto(`${h.base}/now`);
  await joinQueue(amy, 'COVID-19 mild symptoms', { routine: ['loss_of_taste_or_smell'] });

  const page = await h.newPage({ lang: 'en', label: 'patient' });
  await signIn(page, h.base, 'patient3@demo.yiqiao.hk');
  await page.goto(`${h.base}/now`);
  await joinQueue(page, 'COVID-19 mild symptoms', { routine: ['cough'] });
  await expectText(page.getByTestId('queue-position'), '2');
  await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
  await markPage(page);

  await page.context().setOffline(true);
  await expectText(page.getByTestId('live-state'), text('en', 'queue.live.offline'));
  await amy.getByTestId('queue-leave').click();
  await amy.getByTestId('queue-leave-confirm').click();
  await amy.locator('[data-testid="queue-ended"][data-reason="left"]').waitFor();
  assert.equal((await page.getByTestId('queue-position').innerText()).trim(), '2', 'nothing arrives while offline');

  await page.context().setOffline(false);
  await page.locator('[data-testid="live-state"][data-state="open"]').waitFor({ timeout: 20_000 });
  await expectText(page.getByTestId('queue-position'), '1');
  await assertNotReloaded(page);
  // What the app tried while offline (WebSocket reconnections, API calls) failed, as it should.
  h.problems = h.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/.test(p));
});
