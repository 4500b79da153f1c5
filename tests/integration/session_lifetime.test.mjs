// What lives on a session lives no longer than it (issue 12, "Sessions, rooms and limits"): a
// WebSocket closes at its session's idle or absolute expiry, on a role removal, and stays while
// its page talks; a calendar feed URL ends with a password change and with sign-out everywhere;
// one account holds a bounded number of sockets; every WebSocket message type has a rate limit.
// Real server, each database.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, backends } from '../support/server.mjs';
import { Client, expectStatus, sleep } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { openWs } from './lib/ws.mjs';
import { sql } from './lib/rows.mjs';

const CHECK = 1; // --ws-session-check-seconds
const MAX_SOCKETS = 3;
const ARGS = ['--ws-session-check-seconds', String(CHECK), '--ws-max-sockets-per-account', String(MAX_SOCKETS)];

const hashOf = (token) => createHash('sha256').update(token).digest('hex');

/** Resolves with the close code once the socket closes, or null after `ms`. */
function closedWithin(conn, ms) {
  return Promise.race([conn.closed.then((c) => c.code), sleep(ms).then(() => null)]);
}

/** A fresh patient account with its own session (cookie). */
async function newPatient(srv, label) {
  const c = new Client(srv.url);
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'Lifetime-pass-2026';
  expectStatus(await c.post('/api/v1/auth/register', { email, password, display_name: label }), 201);
  return Object.assign(c, { email, password });
}

for (const backend of backends()) {
  describe(`session lifetime (${backend})`, () => {
    let srv;
    before(async () => {
      srv = await startServer({ backend, args: ARGS });
    });
    after(async () => {
      await srv?.stop();
    });

    test('a WebSocket closes at its session idle expiry, pings or not; one whose page is in use keeps the session alive', async () => {
      const quiet = await newPatient(srv, 'quiet');
      const talking = await newPatient(srv, 'talking');
      const q = await openWs(srv, { cookie: quiet.token });
      const pinger = setInterval(() => q.send({ type: 'ping' }), 200); // an open, untouched tab
      const t = await openWs(srv, { cookie: talking.token });
      // The app in use sends messages of its own (a queue heartbeat here); pings alone are not use.
      const talker = setInterval(() => t.send({ type: 'queue.heartbeat' }), 200);
      try {
        await sleep(CHECK * 1000 + 300); // one look with the talker active
        // Both sessions were last used long ago, as if nobody had touched them for hours.
        for (const c of [quiet, talking]) sql(srv, `UPDATE sessions SET last_seen_at = last_seen_at - 86400 WHERE token_hash = '${hashOf(c.token)}'`);
        assert.equal(await closedWithin(q, (CHECK + 5) * 1000), 4001, 'the idle session ends its socket');
        assert.equal(await closedWithin(t, 1000), null, 'the talking page keeps its socket');
        expectStatus(await talking.get('/api/v1/me'), 200);
      } finally {
        clearInterval(talker);
        clearInterval(pinger);
        t.ws.close();
      }
      assert.equal((await quiet.get('/api/v1/me')).status, 401, 'and the session itself is over');
    });

    test('a WebSocket closes at its session absolute expiry and when the session is revoked behind its back', async () => {
      const a = await newPatient(srv, 'absolute');
      const conn = await openWs(srv, { cookie: a.token });
      const talker = setInterval(() => conn.send({ type: 'queue.heartbeat' }), 200);
      try {
        sql(srv, `UPDATE sessions SET expires_at = 1 WHERE token_hash = '${hashOf(a.token)}'`);
        assert.notEqual(await closedWithin(conn, (CHECK + 3) * 1000), null, 'talking does not outlive the absolute expiry');
      } finally {
        clearInterval(talker);
      }
    });

    test('removing a staff role closes the account sockets at once (they come back with what it holds now)', async () => {
      const orgadmin = await signIn(srv, 'orgadmin');
      const nurse = await signIn(srv, 'nurse');
      const harbour = orgadmin.account.roles.find((r) => r.role === 'org_admin').organisation_id;
      const conn = await openWs(srv, { cookie: nurse.token });
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${nurse.account.id}`, { roles: ['nurse', 'doctor'] }), 200);
      assert.equal(await closedWithin(conn, 2000), 4001, 'a role change closes the socket: session changed');
      const again = await openWs(srv, { cookie: nurse.token });
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${nurse.account.id}`, { roles: ['nurse'] }), 200);
      assert.notEqual(await closedWithin(again, 2000), null);
    });

    test('a calendar feed URL ends with a password change and with sign-out everywhere', async () => {
      const p = await newPatient(srv, 'feed');
      const feed = () => expectStatus(p.post('/api/v1/calendar-feed'), 201);
      let url = expectStatus(await p.post('/api/v1/calendar-feed'), 201).json.url;
      assert.equal((await fetch(url)).status, 200);
      expectStatus(await p.post('/api/v1/me/password', { current_password: p.password, new_password: 'Lifetime-new-2026' }), 204);
      assert.equal((await fetch(url)).status, 404, 'the old feed URL stops with the old password');
      p.password = 'Lifetime-new-2026';
      url = expectStatus(await p.post('/api/v1/calendar-feed'), 201).json.url;
      assert.equal((await fetch(url)).status, 200, 'a new one can be made');
      expectStatus(await p.post('/api/v1/auth/logout-everywhere'), 204);
      assert.equal((await fetch(url)).status, 404, 'and it stops with sign-out everywhere');
      assert.ok(feed);
    });

    test(`one account holds at most ${MAX_SOCKETS} WebSockets on a node; the next is closed with 1008`, async () => {
      const p = await newPatient(srv, 'sockets');
      const open = [];
      for (let i = 0; i < MAX_SOCKETS; i++) open.push(await openWs(srv, { cookie: p.token }));
      const extra = await openWs(srv, { cookie: p.token });
      const refusal = await extra.next();
      assert.deepEqual([refusal.type, refusal.code], ['error', 'too_many_sockets']);
      assert.equal(await closedWithin(extra, 3000), 1008);
      open[0].ws.close();
      await open[0].closed;
      const after = await openWs(srv, { cookie: p.token });
      assert.equal((await after.next()).type, 'hello', 'a freed place can be taken');
      for (const c of [...open.slice(1), after]) c.ws.close();
    });

    test('every WebSocket message type has a rate limit: a flood is answered rate_limited and the socket stays', async () => {
      const p = await newPatient(srv, 'flood');
      const conn = await openWs(srv, { cookie: p.token });
      assert.equal((await conn.next()).type, 'hello');
      for (let i = 0; i < 200; i++) conn.send({ type: 'queue.heartbeat' });
      const got = [];
      for (;;) {
        try {
          got.push(await conn.next(1500));
        } catch {
          break;
        }
      }
      const limited = got.filter((m) => m.type === 'error' && m.code === 'rate_limited');
      assert.ok(limited.length >= 1, JSON.stringify(got.slice(0, 5)));
      assert.equal(limited[0].message_type, 'queue.heartbeat');
      assert.ok(limited.length <= 3, 'the refusal itself is sent at most once a second');
      conn.send({ type: 'ping' });
      assert.equal((await conn.next()).type, 'pong', 'still connected');
      conn.ws.close();
    });
  });
}
