// Hostile input at the network edge (issue 12, "Bad input found by outside testing"): raw sockets
// send each malformed shape to the real server; every one gets a clear answer (never a 500, never a
// silent close), and afterwards the server is healthy and nothing changed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { anonymous, expectProblem, expectStatus, sleep } from './lib/client.mjs';
import { signIn, demoEmail, DEMO_PASSWORD } from './lib/auth.mjs';
import { makePng } from './lib/images.mjs';
import { connect, parseResponses, rawRequest } from './lib/raw.mjs';

/**
 * Sends bytes on a fresh connection and waits for one whole answer and the server's close (FIN).
 * Resolves with { status, headers, json, closed, raw }.
 */
async function exchange(srv, bytes, { timeoutMs = 5000 } = {}) {
  const socket = await connect(srv);
  const chunks = [];
  let ended = false;
  const result = await new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(finish, timeoutMs);
    const check = () => {
      const data = Buffer.concat(chunks);
      const head = data.indexOf('\r\n\r\n');
      if (head < 0 || !ended) return;
      finish();
    };
    socket.on('data', (d) => {
      chunks.push(d);
      check();
    });
    socket.on('end', () => {
      ended = true;
      check();
    });
    socket.on('close', () => {
      ended = true;
      finish();
    });
    socket.on('error', () => {});
    socket.write(bytes);
  });
  socket.destroy();
  if (result.length === 0) return { status: null, closed: ended, raw: result };
  const [answer] = parseResponses(result);
  const json = /json/.test(answer.headers['content-type'] ?? '') ? JSON.parse(answer.body.toString('utf8')) : null;
  return { ...answer, json, closed: ended, raw: result };
}

/** Asserts a problem+json answer with this status and code, given before the server closed. */
function expectRawProblem(answer, status, code, what) {
  assert.equal(answer.status, status, `${what}: status (got ${answer.raw.toString('latin1').slice(0, 300)})`);
  assert.match(answer.headers['content-type'], /^application\/problem\+json/, what);
  assert.equal(answer.json.code, code, what);
  assert.equal(answer.json.status, status, what);
  assert.ok(answer.json.title, `${what}: a title a person can read`);
  assert.equal(answer.headers.connection, 'close', `${what}: the answer says the connection closes`);
  assert.ok(answer.closed, `${what}: the server closed the connection after answering`);
}

const latin1 = (s) => Buffer.from(s, 'latin1');

/** Opens `n` connections that send nothing; after half a second, the answers of those refused. */
async function openMany(srv, n) {
  const sockets = [];
  const answers = [];
  for (let i = 0; i < n; i++) {
    const s = await connect(srv);
    const got = [];
    s.on('data', (d) => got.push(d));
    s.on('error', () => {});
    sockets.push(s);
    answers.push(got);
  }
  await sleep(500);
  const refused = answers.filter((a) => a.length > 0).map((a) => parseResponses(Buffer.concat(a))[0]);
  return { sockets, refused };
}

for (const backend of backends()) {
  describe(`hostile input at the edge (${backend})`, () => {
    let srv;
    let patient;
    let before_;
    const PER_ADDRESS = 24;

    /** What a person can see through the API: must be the same before and after the attacks. */
    async function snapshot(client) {
      const anon = anonymous(srv);
      return {
        organisations: expectStatus(await anon.get('/api/v1/organisations'), 200).json.items.length,
        appointments: JSON.stringify(expectStatus(await client.get('/api/v1/appointments'), 200).json),
      };
    }

    before(async () => {
      srv = await startServer({ backend, args: ['--max-connections-per-address', String(PER_ADDRESS)] });
      patient = await signIn(srv, 'patient');
      before_ = await snapshot(patient);
    });
    after(async () => {
      await srv?.stop();
    });

    test('invalid UTF-8 in a query string answers 400 invalid_encoding, not 500', async () => {
      for (const target of [
        '/api/v1/doctors?q=%FF%FE',
        '/api/v1/doctors?q=%C3%28',
        '/api/v1/doctors?q=%ED%A0%80', // a UTF-16 surrogate
        '/api/v1/doctors?q=%C0%AF', // overlong '/'
        '/api/v1/doctors?q=a%00b', // NUL: PostgreSQL refuses it in text
        '/api/v1/doctors?q=\xff\xfe', // raw bytes, not even escaped
        '/api/v1/organisations/%FF/services',
      ]) {
        const answer = await exchange(srv, latin1(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
        expectRawProblem(answer, 400, 'invalid_encoding', target);
      }
      const malformed = await anonymous(srv).get('/api/v1/doctors?q=%zz');
      expectProblem(malformed, 400, 'bad_request', 'a broken %-escape');
      // The same search in valid UTF-8 works.
      expectStatus(await anonymous(srv).get('/api/v1/doctors?q=%E9%99%B3'), 200);
    });

    test('junk integers in query strings answer 422 naming the parameter, never 500', async () => {
      const doctor = await signIn(srv, 'doctor');
      const admin = await signIn(srv, 'admin');
      const someId = 'a'.repeat(26);
      const routes = [
        [anonymous(srv), '/api/v1/doctors', 'limit'],
        [anonymous(srv), '/api/v1/doctors', 'offset'],
        [anonymous(srv), `/api/v1/doctors/${someId}/slots`, 'days'],
        [patient, '/api/v1/appointments', 'limit'],
        [patient, '/api/v1/notifications', 'limit'],
        [patient, `/api/v1/consultations/${someId}/messages`, 'limit'],
        [doctor, `/api/v1/queues/${someId}/entries`, 'limit'],
        [admin, '/api/v1/admin/audit', 'before'],
        [doctor, `/api/v1/patients/${someId}/record/labs`, 'limit'],
        [patient, `/api/v1/patients/${someId}/access-log`, 'limit'],
        [patient, `/api/v1/patients/${someId}/access-log`, 'before'],
        [doctor, '/api/v1/record-codes?set=lab&q=a', 'limit'],
      ];
      const junk = ['abc', '', '1e3', '+5', '0x10', '%205', '5%20', '5.0', '-1', '99999999999999999999', '%E4%B8%80'];
      for (const [client, path, name] of routes) {
        for (const value of junk) {
          const what = `${path} ${name}=${value}`;
          const answer = expectProblem(await client.get(`${path}${path.includes('?') ? '&' : '?'}${name}=${value}`), 422, 'validation', what);
          assert.deepEqual(answer.json.errors.map((e) => e.field), [name], what);
        }
      }
    });

    test('invalid UTF-8 in a header answers 400; sign-in with a non-UTF-8 User-Agent is not a 500', async () => {
      const body = JSON.stringify({ email: demoEmail('patient'), password: DEMO_PASSWORD });
      const login = (agent) =>
        exchange(
          srv,
          Buffer.concat([
            latin1(
              `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ${agent}\r\n` +
                `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
            ),
            Buffer.from(body),
          ]),
        );
      const refused = await login('Mozilla/5.0 \xff\xfe\xc3');
      expectRawProblem(refused, 400, 'invalid_encoding', 'User-Agent of Latin-1 bytes');
      assert.equal(refused.headers['set-cookie'], undefined, 'no session was made');
      const other = await exchange(srv, latin1('GET /api/v1/meta HTTP/1.1\r\nHost: localhost\r\nX-Anything: caf\xe9\r\nConnection: close\r\n\r\n'));
      expectRawProblem(other, 400, 'invalid_encoding', 'any other header');
      // A long User-Agent of real UTF-8 is cut at a character, not inside one (PostgreSQL refuses
      // half a character): sign-in works.
      const long = await login(Buffer.from('a'.repeat(255) + '瀏覽器', 'utf8').toString('latin1'));
      assert.equal(long.status, 200, `long UTF-8 User-Agent: ${long.raw.toString('utf8').slice(0, 300)}`);
    });

    test('oversized headers answer 431 before the close', async () => {
      const answer = await exchange(srv, rawRequest('GET', '/api/v1/meta', { headers: { 'X-Big': 'x'.repeat(20_000) } }));
      expectRawProblem(answer, 431, 'headers_too_large', '20 KB header');
      const many = {};
      for (let i = 0; i < 400; i++) many[`X-H${i}`] = 'y'.repeat(40);
      expectRawProblem(await exchange(srv, rawRequest('GET', '/api/v1/meta', { headers: many })), 431, 'headers_too_large', '400 headers');
    });

    test('conflicting Content-Length and Transfer-Encoding answer 400 before the close', async () => {
      const shapes = {
        'Content-Length then chunked':
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'chunked then Content-Length':
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
        'two different Content-Lengths':
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x',
        'a Transfer-Encoding that is not chunked':
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n',
        'a malformed chunk':
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      };
      for (const [what, bytes] of Object.entries(shapes)) {
        expectRawProblem(await exchange(srv, latin1(bytes)), 400, 'bad_request', what);
      }
    });

    test('a bad HTTP version answers 505 before the close', async () => {
      for (const version of ['HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9', 'HTTP/9.9', 'HTTP/x.y']) {
        const answer = await exchange(srv, latin1(`GET /api/v1/meta ${version}\r\nHost: localhost\r\n\r\n`));
        expectRawProblem(answer, 505, 'http_version_not_supported', version);
      }
    });

    test('a garbage request line answers 400 before the close', async () => {
      for (const line of ['HELLO', 'GET', 'GET /api/v1/meta', ' / HTTP/1.1', 'G(T / HTTP/1.1', '\x16\x03\x01\x02\x00\x01\x00']) {
        const answer = await exchange(srv, latin1(`${line}\r\nHost: localhost\r\n\r\n`));
        // A line without a version is read as a bad version by some parsers: either answer is clear.
        assert.ok([400, 505].includes(answer.status), `${JSON.stringify(line)}: got ${answer.raw.toString('latin1').slice(0, 200)}`);
        expectRawProblem(answer, answer.status, answer.status === 400 ? 'bad_request' : 'http_version_not_supported', JSON.stringify(line));
      }
      expectRawProblem(await exchange(srv, latin1('GET /\x01 HTTP/1.1\r\nHost: localhost\r\n\r\n')), 400, 'bad_request', 'a control character in the target');
    });

    test('a WebSocket upgrade is accepted only on /ws', async () => {
      const upgrade = (path) =>
        latin1(
          `GET ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: yq_session=${patient.token}\r\nUpgrade: websocket\r\n` +
            'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      for (const path of ['/api/v1/meta', '/healthz', '/', '/ws/', '/ws/x', '/WS']) {
        const answer = await exchange(srv, upgrade(path));
        assert.notEqual(answer.status, 101, `${path}: no upgrade`);
        expectRawProblem(answer, 404, 'route_not_found', path);
      }
      const ok = await connect(srv);
      const first = await new Promise((resolve) => {
        ok.once('data', (d) => resolve(d.toString('latin1')));
        ok.write(upgrade('/ws'));
      });
      ok.destroy();
      assert.match(first, /^HTTP\/1\.1 101 /, '/ws itself still upgrades');
    });

    test('unauthenticated request bodies are capped small before authentication', async () => {
      // An anonymous client declares 10 MiB: answered at once, the body never sent.
      const toLogin = await exchange(srv, latin1('POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n'));
      expectRawProblem(toLogin, 413, 'payload_too_large', 'anonymous 10 MiB to sign-in');
      const toUpload = await exchange(srv, latin1('PUT /api/v1/doctors/x/photo HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: 2000000\r\n\r\n'));
      expectRawProblem(toUpload, 401, 'unauthenticated', 'anonymous 2 MB photo upload: refused from the header');
      const forged = await exchange(srv, latin1('PUT /api/v1/doctors/x/photo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer forged-token\r\nContent-Type: image/png\r\nContent-Length: 2000000\r\n\r\n'));
      expectRawProblem(forged, 401, 'unauthenticated', 'a forged token does not lift the cap');
      // A chunked body without a session stops at the small cap.
      const chunk = 'x'.repeat(4096);
      const chunks = Array.from({ length: 8 }, () => `1000\r\n${chunk}\r\n`).join('');
      const chunked = await exchange(srv, latin1(`POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`));
      expectRawProblem(chunked, 413, 'payload_too_large', 'anonymous chunked 32 KiB');
      // Small anonymous bodies are fine, and signed-in callers keep the route's limit.
      expectStatus(await anonymous(srv).post('/api/v1/auth/login', { email: demoEmail('patient'), password: 'wrong-password' }), 401);
      const doctor = await signIn(srv, 'doctor');
      const png = makePng(160, 160, 7);
      assert.ok(png.length > 8 * 1024, `the photo is over the anonymous cap (${png.length} bytes)`);
      expectStatus(
        await doctor.request('PUT', `/api/v1/doctors/${doctor.account.id}/photo`, { body: png, headers: { 'Content-Type': 'image/png' } }),
        200,
        'a signed-in doctor uploads a photo over 8 KiB',
      );
    });

    test(`connections over the per-address cap (${PER_ADDRESS}) get 503 with Retry-After`, async () => {
      const { sockets, refused } = await openMany(srv, PER_ADDRESS + 6);
      assert.ok(refused.length >= 6, `at least the 6 over the cap were refused (${refused.length})`);
      assert.ok(sockets.length - refused.length <= PER_ADDRESS, 'no more than the cap stayed open');
      for (const r of refused) {
        assert.equal(r.status, 503);
        assert.equal(r.headers['retry-after'], '10');
        assert.equal(JSON.parse(r.body.toString()).code, 'too_many_connections');
      }
      for (const s of sockets) s.destroy();
      // The places come back once those connections close.
      let health;
      for (let i = 0; i < 50; i++) {
        health = await anonymous(srv).get('/healthz').catch(() => null);
        if (health?.status === 200) break;
        await sleep(100);
      }
      expectStatus(health, 200, 'a new connection is served once the others closed');
    });

    test('after all that: healthy, sign-in works, and nothing changed', async () => {
      expectStatus(await anonymous(srv).get('/healthz'), 200);
      expectStatus(await anonymous(srv).get('/readyz'), 200);
      const again = await signIn(srv, 'patient');
      assert.deepEqual(await snapshot(again), before_);
      assert.ok(!/"status":500/.test(srv.logs()), 'no request was answered 500');
    });
  });
}

// Total cap: not database work, so SQLite only.
describe('hostile input: the total connection cap', () => {
  let srv;
  before(async () => {
    srv = await startServer({ backend: 'sqlite', args: ['--max-connections', '5'] });
  });
  after(async () => {
    await srv?.stop();
  });

  test('connections over --max-connections get 503 with Retry-After, and the server recovers', async () => {
    const { sockets, refused } = await openMany(srv, 9);
    assert.equal(refused.length, 4, 'the four over the cap of five were refused');
    for (const r of refused) {
      assert.equal(r.status, 503);
      assert.ok(Number(r.headers['retry-after']) > 0);
    }
    for (const s of sockets) s.destroy();
    await sleep(300);
    expectStatus(await anonymous(srv).get('/healthz'), 200);
    assert.ok(srv.logs().includes('"connections_refused"'), 'the refusals were logged');
  });
});

// Finding 8: behind nginx (or any TLS terminator) the session cookie is Secure and HSTS is sent.
describe('finding 8: https behind a proxy makes the cookie Secure and sends HSTS', () => {
  const login = (srv, headers = {}) =>
    fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ email: demoEmail('patient'), password: DEMO_PASSWORD }),
    });

  test('public_url https://...: Secure cookie and HSTS on every answer', async () => {
    const srv = await startServer({ backend: 'sqlite', args: ['--public-url', 'https://clinic.example.hk'] });
    try {
      const res = await login(srv);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('set-cookie'), /;\s*Secure/i);
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      const meta = await fetch(srv.url + '/api/v1/meta');
      assert.match(meta.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
    } finally {
      await srv.stop();
    }
  });

  test('X-Forwarded-Proto: https counts only from a trusted proxy (trust_forwarded_for)', async () => {
    const plain = await startServer({ backend: 'sqlite' });
    try {
      const res = await login(plain, { 'X-Forwarded-Proto': 'https' });
      assert.equal(res.status, 200);
      assert.doesNotMatch(res.headers.get('set-cookie'), /Secure/i, 'an untrusted header changes nothing');
      assert.equal(res.headers.get('strict-transport-security'), null);
    } finally {
      await plain.stop();
    }
    const proxied = await startServer({ backend: 'sqlite', args: ['--trust-forwarded-for', 'true', '--max-connections-per-address', '2'] });
    try {
      const viaHttps = await login(proxied, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' });
      assert.equal(viaHttps.status, 200);
      assert.match(viaHttps.headers.get('set-cookie'), /;\s*Secure/i);
      assert.match(viaHttps.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      const viaHttp = await login(proxied, { 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '203.0.113.9' });
      assert.doesNotMatch(viaHttp.headers.get('set-cookie'), /Secure/i);

      // Behind the proxy, the per-address cap counts the forwarded client address.
      const keep = (ip) => rawRequest('GET', '/healthz', { headers: { 'X-Forwarded-For': ip } });
      const open = [];
      const first = async (ip) => {
        const s = await connect(proxied);
        s.on('error', () => {});
        open.push(s);
        return new Promise((resolve) => {
          s.once('data', (d) => resolve(Number(d.toString('latin1').split(' ')[1])));
          s.write(keep(ip));
        });
      };
      assert.equal(await first('198.51.100.1'), 200);
      assert.equal(await first('198.51.100.1'), 200);
      assert.equal(await first('198.51.100.1'), 503, 'a third connection of the same client');
      assert.equal(await first('198.51.100.2'), 200, 'another client behind the same proxy');
      for (const s of open) s.destroy();
    } finally {
      await proxied.stop();
    }
  });
});
