// Booking: a patient books a free time for themselves with the questionnaire and finds it in My
// appointments; a double tap or a retry after a lost answer books once (the Idempotency-Key of the
// attempt); a parent books for their child.
import assert from 'node:assert/strict';
import { signIn } from './lib/auth.mjs';
import { appointmentPageShown, chooseSlot, confirmBooking, demoDoctors, fillBooking } from './lib/booking.mjs';
import { expectFocused, expectText, PHONE, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

/** The signed-in patient's appointments as the server has them (the page's own session). */
function appointmentsInPage(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/appointments?when=upcoming', { headers: { Accept: 'application/json' } });
    return (await r.json()).items;
  });
}

e2e.test('a patient books a time for themselves with the questionnaire and finds it in My appointments', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.goto(`${h.base}/doctors/${wong.id}`);
  await expectText(page.getByTestId('page-title'), 'Dr. Wong Ka Yan');
  const { slotId, startsAt } = await chooseSlot(page, { index: 1 });
  await page.waitForURL((u) => u.pathname === `/doctors/${wong.id}/book/${slotId}`);
  await expectText(page.getByTestId('book-doctor'), 'Dr. Wong Ka Yan');

  // The reason is asked for before going on.
  await page.getByTestId('book-continue').click();
  await expectText(page.getByTestId('book-reason-error'), text('en', 'booking.reason_required'));
  await expectFocused(page.getByTestId('book-reason'), 'the reason field');

  const answers = { reason: 'Cough for a week', symptoms: 'Dry cough at night, no fever.', allergies: 'Penicillin' };
  await fillBooking(page, 'en', answers);
  await expectText(page.getByTestId('book-review-patient'), text('en', 'booking.for_self', { name: 'Amy Ho' }));
  const id = await confirmBooking(page);
  await expectText(page.getByTestId('notice'), /^Booked: /);
  const card = page.getByTestId('appt');
  await expectText(card.getByTestId('appt-status'), text('en', 'appt.status.booked'));
  await expectText(card.getByTestId('appt-doctor'), 'Dr. Wong Ka Yan');
  await expectText(card.getByTestId('appt-patient'), text('en', 'appt.me', { name: 'Amy Ho' }));
  await expectText(card.getByTestId('appt-reason'), answers.reason);
  await expectText(card.getByTestId('appt-symptoms'), answers.symptoms);
  await expectText(card.getByTestId('appt-allergies'), answers.allergies);
  const when = await card.getByTestId('appt-when').innerText();

  // My appointments lists it under upcoming, with the same time.
  await page.getByTestId('nav-appointments').click();
  await page.waitForURL((u) => u.pathname === '/appointments');
  const listed = page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${id}"]`);
  await expectText(listed.getByTestId('appt-when'), when);
  await expectText(listed.getByTestId('appt-status'), text('en', 'appt.status.booked'));

  const mine = await appointmentsInPage(page);
  const booked = mine.find((a) => a.id === id);
  assert.equal(booked.slot_id, slotId);
  assert.equal(booked.starts_at, startsAt);
  assert.equal(booked.reason, answers.reason);
  assert.equal(booked.known_allergies, answers.allergies);
});

e2e.test('a double tap, or confirming again after the answer was lost, books only once', async (h) => {
  const { chan } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/appointments') posts.push(r.headers()['idempotency-key']);
  });

  // 1. The answer to the first confirmation never arrives (the booking was made on the server).
  await page.goto(`${h.base}/doctors/${chan.id}`);
  const first = await chooseSlot(page);
  await fillBooking(page, 'en', { reason: 'Follow-up of low mood' });
  let lost = null;
  await page.route('**/api/v1/appointments', async (route) => {
    const answer = await route.fetch();
    lost = { status: answer.status(), body: await answer.json() };
    await route.abort('aborted');
  });
  await page.getByTestId('book-confirm').click();
  await expectText(page.getByTestId('book-error'), text('en', 'error.network'));
  assert.equal(lost?.status, 201, 'the server booked it');
  await expectText(page.getByTestId('book-confirm'), text('en', 'booking.confirm_again'));
  await page.unroute('**/api/v1/appointments');
  // Confirming again sends the same attempt: the server answers with the same appointment.
  const id = await confirmBooking(page);
  assert.equal(id, lost.body.id);
  assert.equal(posts.length, 2);
  assert.match(posts[0], /^[0-9a-f-]{36}$/);
  assert.equal(posts[1], posts[0], 'the retry carries the same Idempotency-Key');
  assert.equal((await appointmentsInPage(page)).filter((a) => a.slot_id === first.slotId).length, 1);

  // 2. A double tap on Confirm sends one booking.
  const firstKey = posts[0];
  posts.length = 0;
  await page.goto(`${h.base}/doctors/${chan.id}`);
  const second = await chooseSlot(page);
  assert.notEqual(second.slotId, first.slotId, 'the booked time is no longer offered');
  await fillBooking(page, 'en', { reason: 'Sleep problems' });
  await page.getByTestId('book-confirm').dblclick();
  await appointmentPageShown(page);
  assert.equal(posts.length, 1);
  assert.equal((await appointmentsInPage(page)).filter((a) => a.slot_id === second.slotId).length, 1);
  assert.notEqual(posts[0], firstKey, 'a new attempt has a new key');
});

e2e.test('a parent books for their child, and sees it among their appointments', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'parent' });
  await signIn(page, h.base, 'patient@demo.yiqiao.hk'); // Chan Tai Man, whose son is Chan Siu Bo
  const family = await page.evaluate(async () => (await (await fetch('/api/v1/dependants')).json()).dependants);
  const child = family.find((d) => d.display_name === 'Chan Siu Bo');
  assert.ok(child, JSON.stringify(family));

  await page.goto(`${h.base}/doctors/${wong.id}`);
  await chooseSlot(page);
  await fillBooking(page, 'en', { forWhom: child.patient_id, reason: 'Rash on both arms', allergies: 'None known' });
  await expectText(page.getByTestId('book-review-patient'), 'Chan Siu Bo');
  const id = await confirmBooking(page);
  await expectText(page.getByTestId('appt-patient'), 'Chan Siu Bo');

  await page.getByTestId('nav-appointments').click();
  const listed = page.getByTestId('appt-upcoming').locator(`[data-appointment-id="${id}"]`);
  await expectText(listed.getByTestId('appt-patient'), 'Chan Siu Bo');
  const booked = (await appointmentsInPage(page)).find((a) => a.id === id);
  assert.equal(booked.patient.id, child.patient_id);
});
