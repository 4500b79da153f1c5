// Changing appointments in My appointments: moving one to another time of the same doctor and service,
// cancelling one (with a reason, after a confirmation), downloading it as a calendar file, and the
// secret calendar feed (create, read by a calendar, remove).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { apiSession, signIn } from './lib/auth.mjs';
import { chooseSlot, demoDoctors, freeSlots } from './lib/booking.mjs';
import { expectText, PHONE, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();
const EMAIL = 'patient2@demo.yiqiao.hk';

/**
 * Books the doctor's `index`-th free slot starting at least two hours from now (patients may change an
 * appointment until an hour before it) for the patient, straight through the API.
 */
async function bookThroughApi(base, doctorId, index, reason) {
  const patient = await apiSession(base, EMAIL);
  const later = Date.now() / 1000 + 2 * 3600;
  const slot = (await freeSlots(base, doctorId)).filter((s) => s.starts_at > later)[index];
  const r = await patient.post('/api/v1/appointments', { slot_id: slot.id, reason });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { appointment: r.body, patient };
}

function vevents(ics) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

e2e.test('a patient moves an appointment to another time: the old time is gone, the new one shown', async (h) => {
  const { li } = await demoDoctors(h.base);
  const { appointment, patient } = await bookThroughApi(h.base, li.id, 0, 'Palpitations');
  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'patient2' });
  await signIn(page, h.base, EMAIL);
  await page.getByTestId('nav-appointments').click();
  const card = page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${appointment.id}"]`);
  const oldWhen = (await card.getByTestId('appt-when').innerText()).trim();

  await card.getByTestId('appt-reschedule').click();
  await page.waitForURL((u) => u.pathname === `/appointments/${appointment.id}/reschedule`);
  await expectText(page.getByTestId('reschedule-old'), oldWhen);
  await expectText(page.getByTestId('reschedule-new'), text('en', 'appt.move.none_chosen'));
  // The appointment's own time is not offered; pick the third time of a later week.
  assert.equal(await page.locator(`[data-testid="slot"][data-slot-id="${appointment.slot_id}"]`).count(), 0);
  await page.getByTestId('slot').first().waitFor();
  await page.getByTestId('slots-later').click();
  const chosen = await chooseSlot(page, { index: 2 });
  const newWhen = (await page.getByTestId('reschedule-new').innerText()).trim();
  assert.notEqual(newWhen, oldWhen);
  await page.getByTestId('reschedule-confirm').click();
  await page.waitForURL((u) => u.pathname === `/appointments/${appointment.id}`);
  await expectText(page.getByTestId('notice'), text('en', 'appt.move.done', { when: newWhen }));
  await expectText(page.getByTestId('appt-when'), newWhen);

  // In the list: the new time, and the old one nowhere.
  await page.getByTestId('nav-appointments').click();
  await expectText(page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${appointment.id}"]`).getByTestId('appt-when'), newWhen);
  const times = (await page.getByTestId('appt-when').allInnerTexts()).map((s) => s.trim());
  assert.ok(!times.includes(oldWhen), `${oldWhen} is still listed: ${times}`);

  const now = await patient.get(`/api/v1/appointments/${appointment.id}`);
  assert.equal(now.body.slot_id, chosen.slotId);
  assert.equal(now.body.starts_at, chosen.startsAt);
  assert.equal(now.body.rescheduled_from, appointment.slot_id);
  // The old time is free for others again.
  assert.ok((await freeSlots(h.base, li.id)).some((s) => s.id === appointment.slot_id));
});

e2e.test('a patient cancels an appointment with a reason after confirming, and it shows as cancelled', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const { appointment, patient } = await bookThroughApi(h.base, wong.id, 3, 'Sore throat');
  const page = await h.newPage({ lang: 'en', label: 'patient2' });
  await signIn(page, h.base, EMAIL);
  await page.goto(`${h.base}/appointments`);
  const card = page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${appointment.id}"]`);
  await card.getByTestId('appt-cancel').click();
  // Changing one's mind keeps it.
  await card.getByTestId('appt-cancel-keep').click();
  await card.getByTestId('appt-cancel').click();
  await card.getByTestId('appt-cancel-reason').fill('Feeling better');
  await card.getByTestId('appt-cancel-confirm').click();

  const cancelled = page.getByTestId('appt-past').locator(`[data-appointment-id="${appointment.id}"]`);
  await expectText(cancelled.getByTestId('appt-status'), text('en', 'appt.status.cancelled'));
  await expectText(cancelled.getByTestId('appt-cancelled'), /Feeling better$/);
  assert.equal(await page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${appointment.id}"]`).count(), 0);
  assert.equal(await cancelled.getByTestId('appt-cancel').count(), 0, 'nothing more to do with it');
  const now = await patient.get(`/api/v1/appointments/${appointment.id}`);
  assert.equal(now.body.status, 'cancelled');
  assert.equal(now.body.cancelled.reason, 'Feeling better');
});

e2e.test('an appointment downloads as a calendar file, and the calendar feed address works until removed', async (h) => {
  const { chan } = await demoDoctors(h.base);
  const { appointment } = await bookThroughApi(h.base, chan.id, 1, 'Review');
  const page = await h.newPage({ lang: 'en', label: 'patient2' });
  await signIn(page, h.base, EMAIL);
  await page.goto(`${h.base}/appointments/${appointment.id}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('appt-ics').click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const events = vevents(readFileSync(await download.path(), 'utf8'));
  assert.equal(events.length, 1);
  assert.equal(events[0].startDate.toUnixTime(), appointment.starts_at);
  assert.equal(events[0].endDate.toUnixTime(), appointment.ends_at);

  // The feed: a secret address shown once, readable without signing in, dead once removed.
  await page.getByTestId('nav-appointments').click();
  await page.getByTestId('feed-create').click();
  await expectText(page.getByTestId('feed-success'), text('en', 'appt.feed.created'));
  const url = await page.getByTestId('feed-url').inputValue();
  assert.match(url, /\/calendar\/[^/]+\.ics$/);
  assert.equal(await page.getByTestId('feed-subscribe').getAttribute('href'), url.replace(/^https?:/, 'webcal:'));
  const feedPath = new URL(url).pathname;
  const read = await fetch(h.base + feedPath);
  assert.equal(read.status, 200);
  const feed = vevents(await read.text());
  assert.ok(feed.some((e) => e.startDate.toUnixTime() === appointment.starts_at), 'the appointment is in the feed');

  // A new address replaces the old one.
  await page.getByTestId('feed-create').click();
  await page.waitForFunction((old) => document.querySelector('[data-testid="feed-url"]')?.value !== old, url);
  const renewed = new URL(await page.getByTestId('feed-url').inputValue()).pathname;
  assert.equal((await fetch(h.base + feedPath)).status, 404);
  assert.equal((await fetch(h.base + renewed)).status, 200);

  await page.getByTestId('feed-remove').click();
  await page.getByTestId('feed-remove-confirm').click();
  await expectText(page.getByTestId('feed-success'), text('en', 'appt.feed.removed'));
  assert.equal(await page.getByTestId('feed-url').count(), 0);
  assert.equal((await fetch(h.base + renewed)).status, 404);
});
