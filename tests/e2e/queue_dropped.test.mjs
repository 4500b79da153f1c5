// A patient whose app is gone longer than the grace period is taken out of the queue; opening the
// page again (as from the notice) says so and offers to join again.
import assert from 'node:assert/strict';
import { apiSession, signIn } from './lib/auth.mjs';
import { eventually, expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';
import { joinQueue } from './lib/queue.mjs';

const GRACE = 3;
const e2e = suite({ args: ['--queue-grace-seconds', String(GRACE), '--queue-sweep-seconds', '1'] });

e2e.test('a patient whose app was closed is dropped and sees why when back', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'patient' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.goto(`${h.base}/now`);
  const id = await joinQueue(page, 'General practice', { routine: ['headache'] });
  await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
  // Still there after the grace period while the page is open (its WebSocket and heartbeats).
  const api = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  await page.waitForTimeout((GRACE + 2) * 1000);
  assert.equal((await api.get(`/api/v1/queue-entries/${id}`)).body.status, 'waiting');

  const context = page.context();
  await page.close();
  await eventually(async () => (await api.get(`/api/v1/queue-entries/${id}`)).body.status === 'dropped', 'the drop', 20_000);

  const back = await context.newPage();
  h.watch(back, 'back');
  h.pages.push({ page: back, label: 'back' });
  await back.goto(`${h.base}/queue/${id}`);
  await expectText(back.locator('[data-testid="queue-ended"][data-reason="dropped"] h2'), text('en', 'queue.ended.dropped_title'));
  const notices = (await api.get('/api/v1/notifications')).body.items;
  assert.ok(notices.some((n) => n.kind === 'queue.dropped'), JSON.stringify(notices));
  await back.getByTestId('queue-again').click();
  await back.waitForURL((u) => u.pathname === '/now');
});
