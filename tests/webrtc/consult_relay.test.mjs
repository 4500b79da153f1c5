// A consultation whose media may only go through the TURN relay (the server's
// --ice-transport-policy relay, which keeps patients' and doctors' addresses from each other):
// coturn runs in the namespace with the shared secret, the server hands out time-limited
// credentials made from it, and video flows both ways through the relay.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from '../e2e/lib/harness.mjs';
import { signIn } from '../e2e/lib/auth.mjs';
import { startCoturn } from '../support/coturn.mjs';
import { MEDIA_FLAGS, requireNetns, videoAppointment, joinFromCheck, expectVideoFrom } from './lib/call.mjs';

requireNetns();
const SECRET = 'relay-test-secret-' + process.pid;
const turn = await startCoturn({ secret: SECRET });
after(() => turn.stop());

const e2e = suite({
  browserArgs: MEDIA_FLAGS,
  timeout: 120_000,
  args: ['--turn-urls', turn.url, '--turn-secret', SECRET, '--ice-transport-policy', 'relay'],
});

e2e.test('with relay-only ICE, video flows both ways through coturn', async (h) => {
  const { id: appointment } = videoAppointment(h.server);
  const doctor = await h.newPage({ label: 'doctor' });
  await signIn(doctor, h.base, 'doctor@demo.yiqiao.hk');
  const patient = await h.newPage({ label: 'patient' });
  await signIn(patient, h.base, 'patient@demo.yiqiao.hk');

  await patient.goto(`${h.base}/appointments/${appointment}`);
  await patient.getByTestId('join-consultation').click();
  await patient.waitForURL(/\/consult\/[a-z2-7]{26}$/);
  await joinFromCheck(patient);
  await doctor.goto(patient.url());
  await joinFromCheck(doctor);
  await doctor.getByTestId('lobby-admit').click();

  await expectVideoFrom(patient, 1, {}, 'relayed video at the patient');
  await expectVideoFrom(doctor, 1, {}, 'relayed video at the doctor');
  for (const page of [patient, doctor])
    assert.equal(await page.getByTestId('peer').getAttribute('data-route'), 'relay', 'media goes through the TURN relay');
  // coturn saw our server's credentials: the username is "<expiry>:<account id>".
  assert.match(turn.log(), /session .*(realm|user) <?\d{10}:[a-z2-7]{26}/);
});
