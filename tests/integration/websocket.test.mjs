// The /ws endpoint: who may connect, the hello/ping protocol, and the limits that protect the
// server from oversized messages and clients that stop reading.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, timeScale } from '../support/server.mjs';
import { Client, expectStatus, sleep } from './lib/client.mjs';
import { signIn, demoEmail, DEMO_PASSWORD } from './lib/auth.mjs';
import { openWs, stalledWs, clientFrame } from './lib/ws.mjs';

const MAX_MESSAGE = 1024;
const MAX_QUEUE = 8;
const SEND_TIMEOUT = 2;

async function refused(promise) {
  try {
    const conn = await promise;
    conn.ws.terminate();
  } catch (e) {
    if (e.status) return e;
    throw e;
  }
  assert.fail('the upgrade was accepted');
}

for (const backend of backends()) {
  describe(`WebSocket /ws (${backend})`, () => {
    let srv;
    let patient;
    let doctor;
    before(async () => {
      srv = await startServer({
        backend,
        args: [
          '--ws-max-message', String(MAX_MESSAGE),
          '--ws-max-send-queue', String(MAX_QUEUE),
          '--ws-send-timeout-seconds', String(SEND_TIMEOUT),
        ],
      });
      patient = await signIn(srv, 'patient');
      doctor = await signIn(srv, 'doctor', { bearer: true });
    });
    after(async () => {
      await srv?.stop();
    });

    test('a cookie session gets hello with its account, and ping is answered with pong', async () => {
      const conn = await openWs(srv, { cookie: patient.cookie });
      assert.deepEqual(await conn.next(), { type: 'hello', account_id: patient.account.id });
      conn.send({ type: 'ping' });
      assert.deepEqual(await conn.next(), { type: 'pong' });
      conn.send({ type: 'ping', id: 2 });
      conn.send({ type: 'no-such-type' });
      conn.send('not json at all');
      conn.send('["an","array"]');
      assert.deepEqual(await conn.next(), { type: 'pong' });
      assert.deepEqual(await conn.next(), { type: 'error', code: 'unknown_type' });
      assert.deepEqual(await conn.next(), { type: 'error', code: 'invalid_json' });
      assert.deepEqual(await conn.next(), { type: 'error', code: 'invalid_json' });
      conn.ws.close(1000);
      assert.equal((await conn.closed).code, 1000);
    });

    test('a socket keeps working after messages that run on the worker pool', async () => {
      // queue.heartbeat is handled by the queue module on a worker thread; the socket must go on
      // answering afterwards (it once freed itself after the first such message).
      const conn = await openWs(srv, { cookie: patient.cookie });
      await conn.next();
      for (let i = 0; i < 5; i++) conn.send({ type: 'queue.heartbeat' });
      conn.send({ type: 'ping' });
      assert.deepEqual(await conn.next(), { type: 'pong' });
      conn.send({ type: 'queue.heartbeat' });
      conn.send({ type: 'ping' });
      assert.deepEqual(await conn.next(), { type: 'pong' });
      conn.ws.close(1000);
      assert.equal((await conn.closed).code, 1000);
    });

    test('a message type the sender may not send is refused before its handler, and the socket goes on', async () => {
      // queue.heartbeat is for patients (role:patient in `yiqiao routes`): a doctor holds no place.
      const conn = await openWs(srv, { bearer: doctor.bearer, origin: null });
      await conn.next();
      conn.send({ type: 'queue.heartbeat' });
      conn.send({ type: 'ping' });
      assert.deepEqual(await conn.next(), { type: 'error', code: 'forbidden', message_type: 'queue.heartbeat' });
      assert.deepEqual(await conn.next(), { type: 'pong' });
      // A type everyone signed in may send still reaches its handler (which refuses a bare join).
      conn.send({ type: 'room.join' });
      assert.deepEqual(await conn.next(), { type: 'room.error', code: 'invalid_message' });
      conn.ws.close(1000);
      assert.equal((await conn.closed).code, 1000);
    });

    test('a bearer token works too, without an Origin (a non-browser client)', async () => {
      const conn = await openWs(srv, { bearer: doctor.bearer, origin: null });
      assert.deepEqual(await conn.next(), { type: 'hello', account_id: doctor.account.id });
      conn.ws.close();
    });

    test('without a valid, complete session the upgrade is refused with 401', async () => {
      const none = await refused(openWs(srv, {}));
      assert.equal(none.status, 401);
      assert.equal(JSON.parse(none.body).code, 'unauthenticated');
      assert.match(none.headers['x-request-id'] ?? '', /^[0-9a-f]{16}$/, 'a refused upgrade carries a request id');
      assert.equal(JSON.parse(none.body).instance, none.headers['x-request-id']);
      assert.equal((await refused(openWs(srv, { cookie: 'forged-token' }))).status, 401);
      assert.equal((await refused(openWs(srv, { bearer: 'x'.repeat(43) }))).status, 401);

      // A staff session that has not enrolled its authenticator yet.
      const c = new Client(srv.url);
      const login = expectStatus(await c.post('/api/v1/auth/login', { email: demoEmail('nurse'), password: DEMO_PASSWORD }), 200);
      assert.equal(login.json.account.mfa_enrolment_required, true);
      assert.equal((await refused(openWs(srv, { cookie: c.cookie }))).status, 401);

      // A session that signed out.
      const gone = await signIn(srv, 'patient2');
      expectStatus(await gone.post('/api/v1/auth/logout'), 204);
      assert.equal((await refused(openWs(srv, { cookie: gone.token }))).status, 401);
    });

    test('an upgrade from a page on another origin is refused even with a valid cookie', async () => {
      const foreign = await refused(openWs(srv, { cookie: patient.cookie, origin: 'https://evil.example' }));
      assert.equal(foreign.status, 403);
      assert.equal(JSON.parse(foreign.body).code, 'csrf_rejected');
      assert.equal((await refused(openWs(srv, { cookie: patient.cookie, origin: 'http://127.0.0.1:1' }))).status, 403);
      // The same cookie from our own origin is fine.
      const ok = await openWs(srv, { cookie: patient.cookie });
      assert.equal((await ok.next()).type, 'hello');
      ok.ws.close();
    });

    test('a socket lives no longer than its session: sign-out and a password change close it', async () => {
      const email = `ws-${backend}@example.test`;
      const a = new Client(srv.url);
      expectStatus(await a.post('/api/v1/auth/register', { email, password: 'Socket-password-1', display_name: 'WS' }), 201);
      const b = new Client(srv.url);
      expectStatus(await b.post('/api/v1/auth/login', { email, password: 'Socket-password-1' }), 200);
      const c = new Client(srv.url);
      expectStatus(await c.post('/api/v1/auth/login', { email, password: 'Socket-password-1' }), 200);
      const [wa, wb, wc] = await Promise.all([a, b, c].map((x) => openWs(srv, { cookie: x.cookie })));
      for (const w of [wa, wb, wc]) assert.equal((await w.next()).type, 'hello');
      const stillOpen = async (w, what) => {
        w.send({ type: 'ping' });
        assert.deepEqual(await w.next(), { type: 'pong' }, what);
      };

      // Signing out closes that session's socket only.
      expectStatus(await b.post('/api/v1/auth/logout'), 204);
      assert.equal((await wb.closed).code, 4001, 'the signed-out session\'s socket closes');
      await stillOpen(wa, 'other sessions keep theirs');

      // A password change ends every other session, and their sockets.
      expectStatus(await a.post('/api/v1/me/password', { current_password: 'Socket-password-1', new_password: 'Socket-password-2' }), 204);
      assert.equal((await wc.closed).code, 4001, 'the other session\'s socket closes');
      await stillOpen(wa, 'the session that changed the password keeps its socket');
      wa.ws.close();
    });

    test(`a message over --ws-max-message (${MAX_MESSAGE} bytes) closes the socket with 1009`, async () => {
      const conn = await openWs(srv, { cookie: patient.cookie });
      await conn.next(); // hello
      const small = JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_MESSAGE - 40) });
      assert.ok(small.length <= MAX_MESSAGE);
      conn.send(small);
      assert.deepEqual(await conn.next(), { type: 'pong' }, 'a message under the cap is fine');
      conn.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_MESSAGE) }));
      const { code } = await conn.closed;
      assert.equal(code, 1009, 'message too big');
      // Other clients are unaffected.
      const other = await openWs(srv, { bearer: doctor.bearer });
      assert.equal((await other.next()).type, 'hello');
      other.ws.close();
    });

    // Issue 12: "a WebSocket client that reads as fast as it can is dropped as a slow consumer after a
    // burst of pings". The server now stops reading while the send queue is half full instead.
    test(`a client that reads as fast as it can gets every pong of a burst of pings (queue of ${MAX_QUEUE}: backpressure, no drop)`, async () => {
      const conn = await openWs(srv, { bearer: doctor.bearer });
      assert.equal((await conn.next()).type, 'hello');
      const BURST = 5000;
      let pongs = 0;
      const allPongs = new Promise((resolve) => {
        conn.ws.on('message', (data) => {
          if (JSON.parse(data.toString()).type === 'pong' && ++pongs === BURST) resolve(true);
        });
        conn.closed.then(() => resolve(false));
        setTimeout(() => resolve(false), 30_000);
      });
      // One write: the pings arrive at the server together, far faster than one pong is written.
      const raw = conn.ws._socket;
      raw.write(Buffer.concat(Array.from({ length: BURST }, () => clientFrame('{"type":"ping"}'))));
      assert.ok(await allPongs, `all ${BURST} pongs arrived (got ${pongs})`);
      const dropped = srv.logs().split('\n').filter((l) => l.includes('ws_slow_consumer_dropped'));
      assert.ok(!dropped.some((l) => l.includes(doctor.account.id)), 'the client that keeps up was not dropped');
      conn.send({ type: 'ping' });
      assert.equal((await conn.next()).type, 'pong', 'still connected');
      conn.ws.close();
    });

    test(`a client that never reads is still dropped, after ${SEND_TIMEOUT} s without progress`, async () => {
      const socket = await stalledWs(srv, patient.cookie);
      let writeFailed = false;
      socket.on('error', () => (writeFailed = true));
      socket.on('close', () => (writeFailed = true));
      const batch = Buffer.concat(Array.from({ length: 5000 }, () => clientFrame('{"type":"ping"}')));
      const started = Date.now();
      // Each ping makes the server write a pong that we never read. The kernel buffers both ways
      // (megabytes on loopback) fill first, so it takes hundreds of thousands of pongs: seconds on
      // the normal build, far longer on the sanitizer build, hence the scaled deadline.
      const deadline = 30_000 * timeScale;
      let sent = 0;
      while (!writeFailed && !srv.logs().includes('ws_slow_consumer_dropped') && Date.now() - started < deadline) {
        // Wait for our own buffer to drain, or the server to stop reading (then it never drains):
        // without the wait Node would buffer every batch in memory.
        if (!socket.write(batch)) {
          await new Promise((resolve) => {
            const done = () => {
              clearTimeout(timer);
              socket.off('drain', done);
              resolve();
            };
            const timer = setTimeout(done, 50);
            socket.on('drain', done);
          });
        }
        sent += 5000;
      }
      await sleep(100);
      const line = srv
        .logs()
        .split('\n')
        .find((l) => l.includes('ws_slow_consumer_dropped'));
      assert.ok(line, `the server logged the drop (after ${sent} pings, ${Date.now() - started} ms)`);
      assert.equal(JSON.parse(line).account, patient.account.id);
      // The connection is gone: reading now finds its end.
      socket.resume();
      await new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        socket.on('close', resolve);
        socket.on('end', resolve);
        setTimeout(resolve, 5000);
      });
      assert.ok(socket.destroyed || socket.readableEnded, 'the server closed the connection');
      socket.destroy();
      // And the server is fine.
      const conn = await openWs(srv, { cookie: patient.cookie });
      assert.equal((await conn.next()).type, 'hello');
      conn.ws.close();
    });
  });
}

// A phone that lost its network leaves a socket nobody answers on: the server pings it and closes
// it after --ws-idle-seconds, while a live client that merely has nothing to say stays connected.
describe('WebSocket /ws: dead links are closed, quiet live ones kept', () => {
  const IDLE = 4;
  let srv;
  let patient;
  before(async () => {
    srv = await startServer({ backend: 'sqlite', args: ['--ws-idle-seconds', String(IDLE)] });
    patient = await signIn(srv, 'patient');
  });
  after(async () => {
    await srv?.stop();
  });

  test(`a client that answers nothing is closed within about ${IDLE} s; one that answers pings stays`, async () => {
    const live = await openWs(srv, { cookie: patient.cookie }); // the ws package answers pings itself
    assert.equal((await live.next()).type, 'hello');
    let pinged = 0;
    live.ws.on('ping', () => pinged++);
    const dead = await stalledWs(srv, patient.cookie); // never reads: no pong ever comes back
    const started = Date.now();
    const closedAfter = await new Promise((resolve) => {
      dead.on('close', () => resolve(Date.now() - started));
      dead.resume(); // read again only to see the end; it still never answers
      setTimeout(() => resolve(null), (IDLE + 6) * 1000);
    });
    assert.ok(closedAfter !== null, 'the silent socket was closed');
    assert.ok(closedAfter >= (IDLE - 1) * 1000, `not before the idle time (${closedAfter} ms)`);
    assert.ok(pinged >= 1, 'the live client was pinged while quiet');
    live.send({ type: 'ping' });
    assert.deepEqual(await live.next(), { type: 'pong' }, 'the quiet live client is still connected');
    live.ws.close(1000);
  });
});
