// What happens while a page is open: a time taken by someone else meanwhile is said clearly, with a way
// to other times; the unread badge in the top bar follows new notices live over the WebSocket; the
// notifications page adds them as they come and marks them read.
import assert from 'node:assert/strict';
import { apiSession, signIn } from './lib/auth.mjs';
import { chooseSlot, demoDoctors, fillBooking, freeSlots } from './lib/booking.mjs';
import { expectFocused, expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

e2e.test('a time another patient took meanwhile is said clearly, and other times are offered', async (h) => {
  const { li } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.goto(`${h.base}/doctors/${li.id}`);
  const { slotId } = await chooseSlot(page);
  await fillBooking(page, 'en', { reason: 'Chest tightness when climbing stairs' });

  // Someone else books that time while the form is open.
  const other = await apiSession(h.base, 'patient3@demo.yiqiao.hk');
  const r = await other.post('/api/v1/appointments', { slot_id: slotId, reason: '心悸' });
  assert.equal(r.status, 201, JSON.stringify(r.body));

  await page.getByTestId('book-confirm').click();
  const taken = page.getByTestId('book-taken');
  await expectText(taken.locator('strong'), text('en', 'booking.taken_title'));
  assert.equal(await taken.getAttribute('data-code'), 'slot_taken');
  await expectFocused(taken, 'the message that the time was taken');
  assert.equal(await page.getByTestId('book-confirm').count(), 0, 'no way to send it again');

  await page.getByTestId('book-pick-another').click();
  await page.waitForURL((u) => u.pathname === `/doctors/${li.id}`);
  await page.getByTestId('slot').first().waitFor();
  assert.equal(await page.locator(`[data-testid="slot"][data-slot-id="${slotId}"]`).count(), 0, 'the taken time is gone');
  const mine = await page.evaluate(async () => (await (await fetch('/api/v1/appointments')).json()).items);
  assert.ok(!mine.some((a) => a.slot_id === slotId), 'nothing was booked for this patient');
});

e2e.test('the unread badge follows new notices live, and the notifications page marks them read', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  const patient = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  await patient.post('/api/v1/notifications/read-all');
  const badge = page.getByTestId('nav-notifications-badge');
  await page.getByTestId('nav-notifications').waitFor();
  assert.equal(await badge.count(), 0, 'no badge with nothing unread');

  // A booking made elsewhere (another device) notifies: the badge appears without a reload.
  // A slot more than a day ahead: the patient may still cancel it (not within the hour before),
  // whatever the time of day the test runs.
  const slots = (await freeSlots(h.base, wong.id)).filter((s) => s.starts_at > Date.now() / 1000 + 86400);
  const a = await patient.post('/api/v1/appointments', { slot_id: slots[0].id, reason: 'Check-up' });
  assert.equal(a.status, 201);
  await expectText(badge, '1');
  await expectText(page.getByTestId('nav-live'), `${text('en', 'notif.nav')}: ${text('en', 'notif.unread_count', { count: 1 })}`);

  // The notifications page lists it; another arrives while it is open.
  await page.getByTestId('nav-notifications').click();
  await page.waitForURL((u) => u.pathname === '/notifications');
  const first = page.locator('[data-testid="notif"][data-kind="appointment.booked"]');
  await expectText(first.getByTestId('notif-title'), /\S/);
  const server = (await patient.get('/api/v1/notifications?limit=1')).body.items[0];
  await expectText(first.getByTestId('notif-title'), server.title);
  await expectText(first.getByTestId('notif-body'), server.body);
  assert.equal(await first.getAttribute('data-read'), 'false');

  const c = await patient.post(`/api/v1/appointments/${a.body.id}/cancel`, { reason: 'Clash' });
  assert.equal(c.status, 200);
  await expectText(badge, '2');
  const arrived = page.locator('[data-testid="notif"][data-kind="appointment.cancelled"]');
  await arrived.waitFor();
  assert.equal(await page.getByTestId('notif').first().getAttribute('data-kind'), 'appointment.cancelled', 'newest first');
  await expectText(page.getByTestId('notif-unread'), text('en', 'notif.unread_count', { count: 2 }));

  // Mark one read, then all.
  await first.getByTestId('notif-read').click();
  await expectText(badge, '1');
  assert.equal(await first.getAttribute('data-read'), 'true');
  await page.getByTestId('notif-all-read').click();
  await badge.waitFor({ state: 'detached' });
  assert.equal(await arrived.getAttribute('data-read'), 'true');
  assert.equal((await patient.get('/api/v1/notifications?limit=1')).body.unread, 0);

  // A notice links to what it is about.
  await arrived.getByTestId('notif-title').click();
  await page.waitForURL((u) => u.pathname === `/appointments/${a.body.id}`);
  await expectText(page.getByTestId('appt-status'), text('en', 'appt.status.cancelled'));
});

e2e.test('the notices page pages through older notices', async (h) => {
  const { chan } = await demoDoctors(h.base);
  const patient = await apiSession(h.base, 'patient3@demo.yiqiao.hk');
  // 11 bookings and cancellations make 22 notices: more than one page of 20.
  // Two hours ahead at least: patients change bookings online until an hour before.
  const slots = (await freeSlots(h.base, chan.id)).filter((s) => s.starts_at > Date.now() / 1000 + 2 * 3600);
  for (const slot of slots.slice(0, 11)) {
    const b = await patient.post('/api/v1/appointments', { slot_id: slot.id, reason: 'x' });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    const cancelled = await patient.post(`/api/v1/appointments/${b.body.id}/cancel`, {});
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  }
  const page = await h.newPage({ lang: 'zh-Hans', label: 'patient3' });
  await signIn(page, h.base, 'patient3@demo.yiqiao.hk');
  await page.goto(`${h.base}/notifications`);
  await page.getByTestId('notif-list').waitFor();
  assert.equal(await page.getByTestId('notif').count(), 20);
  await page.getByTestId('notif-older').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="notif"]').length >= 22);
  const ids = await page.getByTestId('notif').evaluateAll((els) => els.map((e) => e.getAttribute('data-notification-id')));
  assert.equal(new Set(ids).size, ids.length, 'no notice twice');
  assert.equal(await page.getByTestId('notif-older').count(), 0, 'nothing older');
  await expectText(page.getByTestId('page-title'), text('zh-Hans', 'notif.title'));
});
