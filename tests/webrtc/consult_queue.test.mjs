// The README's "Try it" consultation, as written there: the patient joins the General practice
// queue; the doctor goes on duty, takes the patient and joins; the patient joins from the queue
// page; the doctor lets them in; they see each other; the doctor ends it with a signed note and the
// patient lands on the summary.
import { suite, expectText } from '../e2e/lib/harness.mjs';
import { signIn } from '../e2e/lib/auth.mjs';
import { joinQueue } from '../e2e/lib/queue.mjs';
import { MEDIA_FLAGS, requireNetns, joinFromCheck, expectVideoFrom } from './lib/call.mjs';

requireNetns();
const e2e = suite({ browserArgs: MEDIA_FLAGS, timeout: 120_000 });

e2e.test('a queue visit becomes a video consultation by the README steps', async (h) => {
  const patient = await h.newPage({ label: 'patient' });
  await signIn(patient, h.base, 'patient2@demo.yiqiao.hk');
  await patient.getByTestId('nav-now').click();
  await joinQueue(patient, 'General practice', { routine: ['cough'] });

  const doctor = await h.newPage({ label: 'doctor' });
  await signIn(doctor, h.base, 'doctor@demo.yiqiao.hk');
  await doctor.getByTestId('nav-doctor-day').click();
  const gp = doctor.getByTestId('dq-item').filter({ hasText: 'General practice' }).first();
  await gp.getByTestId('dq-duty').click();
  await gp.getByTestId('dq-next').click();
  await doctor.getByTestId('dq-current').getByTestId('join-consultation').click();
  await doctor.waitForURL(/\/consult\/[a-z2-7]{26}$/);
  await joinFromCheck(doctor);

  await patient.getByTestId('queue-taken').getByTestId('join-consultation').click();
  await patient.waitForURL(doctor.url());
  await joinFromCheck(patient);
  await patient.getByTestId('waiting-room').waitFor();
  await doctor.getByTestId('lobby-admit').click();
  await expectVideoFrom(patient, 1, {}, 'the patient to see the doctor');
  await expectVideoFrom(doctor, 1, {}, 'the doctor to see the patient');

  await doctor.getByTestId('note-assessment').fill('Upper respiratory tract infection');
  await doctor.getByTestId('dx-search').fill('感冒');
  await doctor.locator('[data-testid="dx-option"][data-code="J00"]').click();
  await doctor.getByTestId('note-sign').click();
  await expectText(doctor.getByTestId('note-status'), /Signed/);
  await doctor.getByTestId('consult-end').click();
  await doctor.getByTestId('consult-end-confirm').click();
  await patient.waitForURL(`${doctor.url()}/summary`);
  await expectText(patient.getByTestId('summary-diagnoses'), /common cold/);
});
