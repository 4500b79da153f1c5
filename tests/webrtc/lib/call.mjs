// Shared steps of the consultation browser tests (run inside a network namespace by
// scripts/lib/netns-run.sh: Chromium needs a non-loopback interface for ICE).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { eventually } from '../../e2e/lib/harness.mjs';
import { addAppointment, addService, accountId, nowSeconds } from '../../integration/lib/rows.mjs';
import { netnsAvailable } from '../../support/coturn.mjs';
import { hkDay } from '../../e2e/lib/booking.mjs';

/** Chromium with a fake camera (a moving test pattern) and microphone, granting them without asking. */
export const MEDIA_FLAGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

export function requireNetns() {
  assert.ok(netnsAvailable(), 'run these tests through scripts/lib/netns-run.sh (no veth 10.99.0.1 here)');
}

let starts = 0;
/**
 * A video appointment of patient@ with doctor@ starting in two minutes; returns its id and the
 * doctor's day-list address for it (the day of its start in Hong Kong: near midnight there, that
 * is tomorrow, not the list's default of today).
 */
export function videoAppointment(server) {
  const svc = addService(server, { type: 'video' });
  const patient = accountId(server, 'patient@demo.yiqiao.hk');
  const startsAt = nowSeconds() + 120 + 7 * ++starts;
  const id = addAppointment(server, svc, { patient, startsAt });
  return { id, dayList: `/doctor/day?day=${hkDay(startsAt)}` };
}

/** Passes the device check and joins; resolves when the page is waiting or in the call. */
export async function joinFromCheck(page) {
  await page.getByTestId('device-check').waitFor();
  const join = page.getByTestId('consult-join');
  await eventually(async () => join.isEnabled(), 'the device check to allow joining');
  await join.click();
  await page.locator('[data-testid="waiting-room"], [data-testid="call"]').first().waitFor();
}

/** The frames decoded from each peer tile of the page, by account id. */
export async function framesByAccount(page) {
  return page.getByTestId('peer').evaluateAll((tiles) =>
    Object.fromEntries(tiles.map((t) => [t.dataset.accountId, Number(t.dataset.frames)])),
  );
}

/** Waits until the page decodes video from `count` peers, each past `atLeast` (by account). */
export async function expectVideoFrom(page, count, atLeast = {}, what = 'video', timeout = 20_000) {
  return eventually(
    async () => {
      const frames = await framesByAccount(page);
      const ids = Object.keys(frames);
      return ids.length === count && ids.every((id) => frames[id] > (atLeast[id] ?? 0)) ? frames : false;
    },
    what,
    timeout,
  );
}

/** Takes the namespace's addresses away for `ms` (a network drop for both media paths), then back. */
export async function dropNetwork(ms) {
  const run = (...args) => execFileSync('ip', args);
  run('addr', 'del', '10.99.0.1/24', 'dev', 'yq0');
  run('addr', 'del', '10.99.0.2/24', 'dev', 'yq1');
  await new Promise((r) => setTimeout(r, ms));
  run('addr', 'add', '10.99.0.1/24', 'dev', 'yq0');
  run('addr', 'add', '10.99.0.2/24', 'dev', 'yq1');
}
