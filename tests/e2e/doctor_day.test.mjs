// The doctor's day: a booked appointment shows with the patient's answers, and the doctor moves it
// through check-in, consultation and completion; another is cancelled with a reason the patient sees.
import assert from 'node:assert/strict';
import { anonymous, apiSession, signIn } from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();
const hkDay = (seconds) => new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);

e2e.test('a booked appointment shows on the doctor’s day; check-in, start and complete change its state', async (h) => {
  const pub = anonymous(h.base);
  const found = await pub.get('/api/v1/doctors?q=Wong%20Ka%20Yan');
  const doctorId = found.body.items[0].id;
  const slots = (await pub.get(`/api/v1/doctors/${doctorId}/slots?days=3`)).body.items;
  const now = Date.now() / 1000;
  // Two free times on the same Hong Kong day, far enough ahead that a patient may still cancel.
  const usable = slots.filter((s) => s.starts_at > now + 2 * 3600);
  const first = usable[0];
  const second = usable.find((s) => s.id !== first.id && hkDay(s.starts_at) === hkDay(first.starts_at));
  assert.ok(first && second, 'the demo doctor has free times in the next days');
  const day = hkDay(first.starts_at);

  const amy = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const booked = await amy.post('/api/v1/appointments', {
    slot_id: first.id,
    reason: 'Follow-up of blood pressure',
    symptoms: 'Headaches in the morning',
    known_allergies: 'Penicillin',
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const other = await amy.post('/api/v1/appointments', { slot_id: second.id, reason: 'Vaccination advice' });
  assert.equal(other.status, 201, JSON.stringify(other.body));

  const page = await h.newPage({ lang: 'en', label: 'doctor' });
  await signIn(page, h.base, 'doctor@demo.yiqiao.hk');
  await page.getByTestId('nav-doctor-day').click();
  await page.waitForURL((u) => u.pathname === '/doctor/day');
  if ((await page.getByTestId('day-date').inputValue()) !== day) await page.getByTestId('day-date').fill(day);

  const row = page.locator(`[data-testid="day-appt"][data-appointment-id="${booked.body.id}"]`);
  await expectText(row.getByTestId('day-appt-patient'), 'Amy Ho');
  await expectText(row.getByTestId('day-appt-status'), text('en', 'doctorday.status.booked'));
  const answers = await row.getByTestId('day-appt-answers').innerText();
  for (const s of ['Follow-up of blood pressure', 'Headaches in the morning', 'Penicillin']) assert.ok(answers.includes(s), answers);

  await row.getByTestId('day-checkin').click();
  await expectText(row.getByTestId('day-appt-status'), text('en', 'doctorday.status.checked_in'));
  assert.equal(await row.getByTestId('day-checkin').count(), 0, 'checked in once');
  await row.getByTestId('day-start').click();
  await expectText(row.getByTestId('day-appt-status'), text('en', 'doctorday.status.in_consultation'));
  await row.getByTestId('day-complete').click();
  await expectText(row.getByTestId('day-appt-status'), text('en', 'doctorday.status.completed'));
  assert.equal(await row.locator('button').count(), 0, 'nothing more to do with a completed appointment');
  // It is the server's state, not the page's.
  await page.reload();
  await expectText(page.locator(`[data-testid="day-appt"][data-appointment-id="${booked.body.id}"]`).getByTestId('day-appt-status'), text('en', 'doctorday.status.completed'));

  const row2 = page.locator(`[data-testid="day-appt"][data-appointment-id="${other.body.id}"]`);
  await row2.getByTestId('day-cancel').click();
  await row2.getByTestId('day-cancel-reason').fill('The doctor is unwell');
  await row2.getByTestId('day-cancel-confirm').click();
  await expectText(row2.getByTestId('day-appt-status'), text('en', 'doctorday.status.cancelled'));
  const seen = await amy.get(`/api/v1/appointments/${other.body.id}`);
  assert.equal(seen.body.status, 'cancelled');
  assert.equal(seen.body.cancelled.reason, 'The doctor is unwell');
});
