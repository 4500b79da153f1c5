// A whole video consultation in headless Chromium with fake camera and microphone, inside a network
// namespace (scripts/lib/netns-run.sh): the patient joins from their appointment and waits; the
// doctor joins from the day list and lets them in; video flows both ways; chat and a photo arrive;
// a 5-second network drop heals by itself; a third person joins; a stranger is refused; the note is
// signed and amended; the doctor ends the visit and the patient reads the summary in Chinese.
import assert from 'node:assert/strict';
import { suite, expectText, eventually } from '../e2e/lib/harness.mjs';
import { signIn } from '../e2e/lib/auth.mjs';
import { makePng } from '../integration/lib/images.mjs';
import { MEDIA_FLAGS, requireNetns, videoAppointment, joinFromCheck, expectVideoFrom, framesByAccount, dropNetwork } from './lib/call.mjs';

requireNetns();
const e2e = suite({ browserArgs: MEDIA_FLAGS, timeout: 180_000 });

e2e.test('patient and doctor hold a video consultation from waiting room to visit summary', async (h) => {
  const { id: appointment, dayList } = videoAppointment(h.server);

  const doctor = await h.newPage({ label: 'doctor' });
  await signIn(doctor, h.base, 'doctor@demo.yiqiao.hk');
  const patient = await h.newPage({ label: 'patient', lang: 'zh-Hant' });
  await signIn(patient, h.base, 'patient@demo.yiqiao.hk');

  // The patient joins from the appointment and waits.
  await patient.goto(`${h.base}/appointments/${appointment}`);
  await patient.getByTestId('join-consultation').click();
  await patient.waitForURL(/\/consult\/[a-z2-7]{26}$/);
  const room = patient.url().split('/').pop();
  await joinFromCheck(patient);
  await patient.getByTestId('waiting-room').waitFor();
  // Chat works in the waiting room.
  await patient.getByTestId('chat-input').fill('我喉嚨痛');
  await patient.getByTestId('chat-send').click();

  // The doctor joins from the day list, sees the patient waiting and the message, and lets them in.
  await doctor.goto(`${h.base}${dayList}`);
  await doctor.locator(`[data-testid="day-appt"][data-appointment-id="${appointment}"]`).getByTestId('join-consultation').click();
  await doctor.waitForURL(`${h.base}/consult/${room}`);
  await joinFromCheck(doctor);
  await expectText(doctor.getByTestId('chat-message').last(), /我喉嚨痛/);
  await doctor.getByTestId('lobby-admit').click();

  // Video both ways.
  const doctorId = await doctor.evaluate(() => fetch('/api/v1/me').then((r) => r.json()).then((j) => j.account.id));
  const patientId = await patient.evaluate(() => fetch('/api/v1/me').then((r) => r.json()).then((j) => j.account.id));
  await expectVideoFrom(patient, 1, {}, 'the patient to see the doctor');
  await expectVideoFrom(doctor, 1, {}, 'the doctor to see the patient');
  assert.equal(await patient.getByTestId('self-view').count(), 1, 'a video consultation shows the self-view');

  // A photo in the chat reaches the doctor; the doctor's reply shows as read once the patient sees it.
  await patient.getByTestId('chat-file').setInputFiles({ name: '喉嚨.png', mimeType: 'image/png', buffer: makePng(24, 24, 3) });
  await expectText(doctor.getByTestId('chat-attachment').last(), /喉嚨\.png/);
  await doctor.getByTestId('chat-input').fill('Please open your mouth wide');
  await doctor.getByTestId('chat-send').click();
  await expectText(patient.getByTestId('chat-message').last(), /Please open your mouth wide/);
  await eventually(async () => (await doctor.getByTestId('chat-tick').last().getAttribute('data-state')) === 'read', 'the read receipt');

  // The patient's network drops for 5 seconds (socket and media); the call heals without anyone acting.
  const before = { doctor: await framesByAccount(doctor), patient: await framesByAccount(patient) };
  await patient.context().setOffline(true);
  await dropNetwork(5000);
  await patient.context().setOffline(false);
  // What the offline page logged while it could not reach the server is expected here.
  const offlineNoise = (p) => p.includes('ERR_INTERNET_DISCONNECTED') || p.includes('ERR_NETWORK_CHANGED');
  h.problems = h.problems.filter((p) => !offlineNoise(p));
  await expectVideoFrom(patient, 1, { [doctorId]: before.patient[doctorId] + 30 }, 'video to the patient again', 45_000);
  await expectVideoFrom(doctor, 1, { [patientId]: before.doctor[patientId] + 30 }, 'video to the doctor again', 45_000);
  h.problems = h.problems.filter((p) => !offlineNoise(p));

  // A reload in the middle of the call: the page comes straight back into it.
  const oldPage = await doctor.getByTestId('peer').getAttribute('data-peer-id');
  await patient.reload();
  await expectVideoFrom(patient, 1, {}, 'video to the reloaded page', 30_000);
  await eventually(
    async () => {
      const tiles = await doctor.getByTestId('peer').evaluateAll((ts) => ts.map((t) => [t.dataset.peerId, Number(t.dataset.frames)]));
      return tiles.length === 1 && tiles[0][0] !== oldPage && tiles[0][1] > 0;
    },
    'video from the reloaded page (a new page id)',
    30_000,
  );

  // A third person: invited by e-mail, let in, sees both.
  const guest = await h.newPage({ label: 'guest' });
  await signIn(guest, h.base, 'patient3@demo.yiqiao.hk');
  await doctor.getByTestId('invite-email').fill('patient3@demo.yiqiao.hk');
  await doctor.getByTestId('invite-send').click();
  await doctor.getByTestId('invite-success').waitFor();
  await guest.goto(`${h.base}/consult/${room}`);
  await joinFromCheck(guest);
  await guest.getByTestId('waiting-room').waitFor();
  await doctor.getByTestId('lobby-admit').click();
  await expectVideoFrom(guest, 2, {}, 'the guest to see doctor and patient');
  await expectVideoFrom(patient, 2, {}, 'the patient to see doctor and guest');

  // A stranger is refused.
  const stranger = await h.newPage({ label: 'stranger' });
  await signIn(stranger, h.base, 'patient2@demo.yiqiao.hk');
  await stranger.goto(`${h.base}/consult/${room}`);
  assert.equal(await stranger.getByTestId('load-error').getAttribute('data-code'), 'not_found');

  // The note: coded diagnosis, signed, then amended; both versions kept.
  await doctor.getByTestId('note-subjective').fill('Sore throat for three days');
  await doctor.getByTestId('note-assessment').fill('Acute pharyngitis, likely viral');
  await doctor.getByTestId('note-plan').fill('Warm fluids, paracetamol as needed');
  await doctor.getByTestId('dx-search').fill('J02');
  await doctor.locator('[data-testid="dx-option"][data-code="J02.9"]').click();
  await doctor.getByTestId('note-sign').click();
  await expectText(doctor.getByTestId('note-status'), /Signed · v1/);
  await doctor.getByTestId('note-amend').click();
  await doctor.getByTestId('note-plan').fill('Warm fluids, paracetamol; return if fever over 38.5 °C');
  await doctor.getByTestId('note-reason').fill('Added fever advice');
  await doctor.getByTestId('note-save-amendment').click();
  await expectText(doctor.getByTestId('note-status'), /Amended · v2/);
  assert.equal(await doctor.getByTestId('note-version').count(), 2);

  // The end: the patient lands on the summary, in Traditional Chinese, and rates the visit.
  await doctor.getByTestId('consult-end').click();
  await doctor.getByTestId('consult-end-confirm').click();
  await patient.waitForURL(`${h.base}/consult/${room}/summary`);
  await expectText(patient.getByTestId('summary-diagnoses'), /急性咽喉炎/);
  await expectText(patient.getByTestId('summary-plan'), /38\.5/);
  await patient.getByTestId('rating-5').check();
  await patient.getByTestId('rating-send').click();
  await patient.getByTestId('rating-success').waitFor();
});
