// An appointment whose time the clinic withdrew (the doctor's leave) is shown first in My appointments,
// marked to choose a new time; choosing one clears the mark.
import assert from 'node:assert/strict';
import { apiSession, signIn } from './lib/auth.mjs';
import { chooseSlot, demoDoctors, freeSlots } from './lib/booking.mjs';
import { expectText, PHONE, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

e2e.test('an appointment the clinic can no longer keep is shown first, and choosing a new time clears it', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const patient = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const later = Date.now() / 1000 + 3 * 3600;
  const slot = (await freeSlots(h.base, wong.id)).find((s) => s.starts_at > later);
  const booked = await patient.post('/api/v1/appointments', { slot_id: slot.id, reason: 'Blood pressure review' });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));

  // The doctor goes on leave over that time (set by the clinic's admin).
  const admin = await apiSession(h.base, 'orgadmin@demo.yiqiao.hk');
  const leave = await admin.post(`/api/v1/doctors/${wong.id}/exceptions`, {
    starts_at: slot.starts_at,
    ends_at: slot.ends_at,
    reason: 'Conference',
  });
  assert.equal(leave.status, 201, JSON.stringify(leave.body));
  assert.equal(leave.body.slots.needs_rebooking, 1);

  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.getByTestId('nav-appointments').click();
  const panel = page.getByTestId('appt-rebook');
  await expectText(panel.locator('h2'), text('en', 'appt.rebook_title', { count: 1 }));
  const card = panel.locator(`[data-appointment-id="${booked.body.id}"]`);
  await expectText(card.getByTestId('appt-status'), text('en', 'appt.needs_rebooking'));
  await expectText(card.getByTestId('appt-rebooking-note'), text('en', 'appt.needs_rebooking_text'));
  assert.equal(await page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${booked.body.id}"]`).count(), 0);

  await card.getByTestId('appt-reschedule').click();
  await expectText(page.getByTestId('reschedule-summary').locator('dt').first(), text('en', 'appt.move.withdrawn_time'));
  const chosen = await chooseSlot(page);
  await page.getByTestId('reschedule-confirm').click();
  await page.waitForURL((u) => u.pathname === `/appointments/${booked.body.id}`);
  await expectText(page.getByTestId('appt-status'), text('en', 'appt.status.booked'));
  assert.equal(await page.getByTestId('appt-rebooking-note').count(), 0);

  await page.getByTestId('nav-appointments').click();
  await page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${booked.body.id}"]`).waitFor();
  assert.equal(await page.getByTestId('appt-rebook').count(), 0);
  const now = (await patient.get(`/api/v1/appointments/${booked.body.id}`)).body;
  assert.equal(now.needs_rebooking, false);
  assert.equal(now.slot_id, chosen.slotId);
});
