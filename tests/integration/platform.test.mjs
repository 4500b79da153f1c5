// The platform edge as an operator and a browser see it: health checks, request ids in the access
// log, security headers, the web app's files, problem+json errors in three languages, body limits,
// pipelining, slow clients and a graceful stop.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, backends, psql } from '../support/server.mjs';
import { anonymous, expectProblem, expectStatus, fieldErrors, sleep } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { connect, parseResponses, rawRequest, readUntilClose } from './lib/raw.mjs';

/** The JSON lines the server logged (stdout and stderr), parsed; other lines are skipped. */
function logLines(srv) {
  return srv
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function cspDirectives(header) {
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy present`);
  const d = cspDirectives(csp);
  assert.deepEqual(d['script-src'], ["'self'"], `${what}: scripts only from our origin`);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${what}: no unsafe-inline/eval in ${csp}`);
  assert.deepEqual(d['frame-ancestors'], ["'none'"], `${what}: no framing`);
  assert.deepEqual(d['object-src'], ["'none'"], `${what}: no plugins`);
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
  // Plain HTTP in the tests: HSTS belongs to TLS only.
  assert.equal(res.headers.get('strict-transport-security'), null, what);
}

const REQUEST_ID = /^[0-9a-f]{16}$/;

for (const backend of backends()) {
  describe(`platform edge (${backend})`, () => {
    let srv;
    let anon;
    before(async () => {
      srv = await startServer({ backend, args: ['--header-timeout-seconds', '1'] });
      anon = anonymous(srv);
    });
    after(async () => {
      const stopped = await srv?.stop();
      assert.deepEqual(stopped, { code: 0, signal: null }, 'the server stops cleanly on SIGTERM');
    });

    test('liveness and readiness answer JSON', async () => {
      const live = expectStatus(await anon.get('/healthz'), 200);
      assert.deepEqual(live.json, { status: 'ok' });
      assert.match(live.contentType, /^application\/json/);
      assert.equal(live.headers.get('cache-control'), 'no-store');
      const ready = expectStatus(await anon.get('/readyz'), 200);
      assert.deepEqual(ready.json, { status: 'ready' });
      const head = expectStatus(await anon.request('HEAD', '/healthz'), 200);
      assert.equal(head.bytes.length, 0, 'HEAD has no body');
      assert.equal(Number(head.headers.get('content-length')), JSON.stringify({ status: 'ok' }).length);
    });

    test('every answer carries a request id that the JSON access log repeats', async () => {
      const a = await anon.get('/healthz');
      const b = await anon.get('/api/v1/no-such-route');
      const idA = a.headers.get('x-request-id');
      const idB = b.headers.get('x-request-id');
      assert.match(idA, REQUEST_ID);
      assert.match(idB, REQUEST_ID);
      assert.notEqual(idA, idB);
      assert.equal(b.json.instance, idB, 'a problem names its request');
      await sleep(50);
      const lines = logLines(srv).filter((l) => l.event === 'request');
      const la = lines.find((l) => l.request_id === idA);
      const lb = lines.find((l) => l.request_id === idB);
      assert.ok(la, `access log has ${idA}`);
      assert.ok(lb, `access log has ${idB}`);
      assert.equal(la.method, 'GET');
      assert.equal(la.route, '/healthz');
      assert.equal(la.status, 200);
      assert.equal(la.ip, '127.0.0.1');
      assert.equal(typeof la.ms, 'number');
      assert.equal(typeof la.ts_ms, 'number');
      assert.equal(lb.status, 404);
    });

    test('the request log names the signed-in account but never the session token or password', async () => {
      const patient = await signIn(srv, 'patient');
      const me = await patient.get('/api/v1/me');
      await sleep(50);
      const line = logLines(srv).find((l) => l.request_id === me.headers.get('x-request-id'));
      assert.equal(line.account, patient.account.id);
      assert.equal(line.route, '/api/v1/me');
      assert.ok(!srv.logs().includes(patient.token), 'the session token is not logged');
      assert.ok(!srv.logs().includes('Demo-pass-2026'), 'passwords are not logged');
    });

    test('security headers on API answers, problems and web files', async () => {
      assertSecurityHeaders(await anon.get('/healthz'), '/healthz');
      assertSecurityHeaders(await anon.get('/api/v1/no-such-route'), 'a 404 problem');
      assertSecurityHeaders(await anon.get('/', { headers: { Accept: 'text/html' } }), 'index.html');
      assertSecurityHeaders(await anon.post('/api/v1/auth/login', { email: 'x' }), 'a 422 problem');
    });

    test('the web app is served from web/dist: index.html, hashed assets, SPA fallback', async () => {
      const index = expectStatus(await anon.get('/', { headers: { Accept: 'text/html' } }), 200, 'GET /');
      assert.match(index.contentType, /^text\/html/);
      assert.equal(index.headers.get('cache-control'), 'no-cache', 'index.html is revalidated');
      assert.match(index.text, /<div id="app">/);
      // The CSP forbids inline script: the page must not need any.
      for (const m of index.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(m[1], /\bsrc="/, 'every script is a file');
        assert.equal(m[2].trim(), '', 'no inline script');
      }
      assert.ok(!/\sstyle="/.test(index.text), 'no inline style attributes');

      const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
      assert.ok(script, 'index.html loads a hashed script');
      assert.match(script, /-[A-Za-z0-9_-]{6,}\.js$/, 'asset names carry a content hash');
      const js = expectStatus(await anon.get(script), 200, script);
      assert.match(js.contentType, /^text\/javascript/);
      assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.ok(js.bytes.length > 1000);
      const css = /<link[^>]+href="(\/assets\/[^"]+\.css)"/.exec(index.text)?.[1];
      if (css) {
        const c = expectStatus(await anon.get(css), 200, css);
        assert.match(c.contentType, /^text\/css/);
        assert.match(c.headers.get('cache-control'), /immutable/);
      }
      const manifest = expectStatus(await anon.get('/manifest.webmanifest'), 200);
      assert.equal(manifest.contentType, 'application/manifest+json');

      // A page path the browser navigates to gets the app; the app routes it.
      const page = expectStatus(await anon.get('/home', { headers: { Accept: 'text/html' } }), 200, '/home');
      assert.match(page.contentType, /^text\/html/);
      assert.equal(page.text, index.text);
      const deep = expectStatus(await anon.get('/org/staff', { headers: { Accept: 'text/html,*/*' } }), 200);
      assert.equal(deep.text, index.text);

      // Not a page: a missing file, or a request that does not want HTML.
      expectProblem(await anon.get('/assets/missing-abc123.js', { headers: { Accept: 'text/html' } }), 404, 'route_not_found');
      expectProblem(await anon.get('/home', { headers: { Accept: 'application/json' } }), 404, 'route_not_found');
      // An unknown API path is a JSON 404 even for a browser, never the app's HTML.
      const api = await anon.get('/api/v1/nothing-here', { headers: { Accept: 'text/html' } });
      expectProblem(api, 404, 'route_not_found');
      assert.match(api.contentType, /^application\/problem\+json/);
      expectProblem(await anon.request('DELETE', '/api/v1/me'), 405, 'method_not_allowed');
    });

    test('paths that climb out of the web root reveal no files', async () => {
      const socket = await connect(srv);
      const reads = readUntilClose(socket);
      socket.write(rawRequest('GET', '/../../../../etc/passwd', { headers: { Accept: 'text/html' } }));
      socket.write(rawRequest('GET', '/assets/../../CMakeLists.txt', { headers: { Connection: 'close' } }));
      const { data } = await reads;
      const answers = parseResponses(data);
      assert.equal(answers.length, 2);
      const index = (await anon.get('/', { headers: { Accept: 'text/html' } })).text;
      for (const a of answers) {
        // At most the app itself (a page path without an extension), never a file from elsewhere.
        if (a.status === 200) assert.equal(a.body.toString(), index);
        else assert.ok(a.status === 404 || a.status === 400, `status ${a.status}`);
        assert.ok(!a.body.toString().includes('root:'), 'no /etc/passwd');
        assert.ok(!a.body.toString().includes('cmake_minimum_required'), 'no repository files');
      }
      assert.equal(answers[1].status, 404, 'a file path outside the web root is not found');
    });

    test('problems are application/problem+json in the language asked for', async () => {
      const titles = {};
      for (const [lang, expected] of [
        ['en', 'There is no such address.'],
        ['zh-Hant', '沒有這個網址。'],
        ['zh-Hans', '没有这个网址。'],
        ['zh-HK', '沒有這個網址。'],
        ['zh-CN', '没有这个网址。'],
        ['fr, zh-Hant;q=0.9, en;q=0.5', '沒有這個網址。'],
      ]) {
        const res = await anon.get('/api/v1/no-such-route', { headers: { 'Accept-Language': lang } });
        expectProblem(res, 404, 'route_not_found', lang);
        assert.equal(res.json.title, expected, `title for ${lang}`);
        assert.equal(res.json.detail, expected, `detail for ${lang}`);
        titles[lang] = res.json.title;
      }
      assert.equal(new Set([titles.en, titles['zh-Hant'], titles['zh-Hans']]).size, 3);

      // Field messages too.
      const body = { email: 'not-an-address', password: 'x', display_name: 'A' };
      const en = await anon.post('/api/v1/auth/register', body, { headers: { 'Accept-Language': 'en' } });
      const hant = await anon.post('/api/v1/auth/register', body, { headers: { 'Accept-Language': 'zh-Hant' } });
      const hans = await anon.post('/api/v1/auth/register', body, { headers: { 'Accept-Language': 'zh-Hans' } });
      for (const r of [en, hant, hans]) expectProblem(r, 422, 'validation');
      assert.equal(fieldErrors(en).email, 'field.invalid_email');
      const msg = (r) => r.json.errors.find((e) => e.field === 'email').message;
      assert.equal(msg(en), 'Enter a valid e-mail address.');
      assert.equal(msg(hant), '請輸入有效的電郵地址。');
      assert.equal(msg(hans), '请输入有效的电子邮箱地址。');
      assert.equal(hant.json.title, '部分輸入資料需要更正。');
    });

    test('a JSON body over the limit is refused with 413 and changes nothing', async () => {
      const email = `big-${backend}@example.test`;
      const big = { email, password: 'a-long-enough-password', display_name: 'x'.repeat(70 * 1024) };
      const res = await anon.post('/api/v1/auth/register', big);
      expectProblem(res, 413, 'payload_too_large');
      assertSecurityHeaders(res, '413');
      assert.match(res.headers.get('x-request-id') ?? '', REQUEST_ID, 'the early 413 carries a request id too');
      assert.equal(res.json.instance, res.headers.get('x-request-id'));
      assert.equal(res.headers.get('cache-control'), 'no-store');

      // The same over a chunked body (no Content-Length to refuse up front).
      const socket = await connect(srv);
      const reads = readUntilClose(socket);
      const json = Buffer.from(JSON.stringify(big));
      let head = 'POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n';
      head += 'Transfer-Encoding: chunked\r\n\r\n';
      socket.write(head);
      for (let at = 0; at < json.length; at += 8192) {
        const part = json.subarray(at, at + 8192);
        if (socket.destroyed) break;
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write('\r\n');
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
      const { data } = await reads;
      assert.equal(parseResponses(data)[0].status, 413, 'chunked body over the cap');

      // Nothing was created: the address is still free.
      const ok = await anon.post('/api/v1/auth/register', { ...big, display_name: 'Big Body' });
      expectStatus(ok, 201, 'registering the same address with a small body');
    });

    test('invalid JSON gives 400, a body of another type 415', async () => {
      const headers = { 'Content-Type': 'application/json' };
      const broken = await anon.request('POST', '/api/v1/auth/login', { body: '{"email": "a@b.c",', headers });
      expectProblem(broken, 400, 'invalid_json');
      assert.equal(broken.json.title, 'The request body is not valid JSON.');
      expectProblem(await anon.request('POST', '/api/v1/auth/login', { body: '["a"]', headers }), 400, 'invalid_json');
      expectProblem(await anon.request('POST', '/api/v1/auth/login', { body: '', headers }), 400, 'invalid_json');
      const deep = '['.repeat(100) + ']'.repeat(100);
      expectProblem(await anon.request('POST', '/api/v1/auth/login', { body: `{"a":${deep}}`, headers }), 400, 'invalid_json');
      const text = await anon.request('POST', '/api/v1/auth/login', {
        body: 'email=a@b.c',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(text, 415, 'unsupported_media_type');
    });

    test('pipelined requests are answered in order on one connection', async () => {
      const socket = await connect(srv);
      const reads = readUntilClose(socket);
      socket.write(
        Buffer.concat([
          rawRequest('GET', '/healthz'),
          rawRequest('GET', '/api/v1/no-such-route'),
          rawRequest('POST', '/api/v1/auth/password-reset', {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'nobody@example.test' }),
          }),
          rawRequest('GET', '/readyz'),
          rawRequest('GET', '/api/v1/meta', { headers: { Connection: 'close' } }),
        ]),
      );
      const { data, closed } = await reads;
      assert.ok(closed, 'Connection: close is honoured');
      const answers = parseResponses(data);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 404, 202, 200, 200],
      );
      assert.deepEqual(JSON.parse(answers[0].body), { status: 'ok' });
      assert.equal(JSON.parse(answers[1].body).code, 'route_not_found');
      assert.deepEqual(JSON.parse(answers[3].body), { status: 'ready' });
      assert.ok(JSON.parse(answers[4].body).regions.includes('hong_kong'));
      const ids = answers.map((a) => a.headers['x-request-id']);
      assert.equal(new Set(ids).size, 5, 'each answer has its own request id');
      assert.equal(answers[4].headers.connection, 'close');
    });

    test('a client that sends its headers too slowly is disconnected (header timeout)', async () => {
      // --header-timeout-seconds 1: the whole header must arrive within a second, however it drips.
      const socket = await connect(srv);
      const reads = readUntilClose(socket, 8000);
      const partial = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ';
      // One more byte of a header value every 150 ms: never finished, never idle.
      const drip = setInterval(() => {
        if (!socket.destroyed && socket.writable) socket.write('a');
      }, 150);
      socket.write(partial);
      const { data, closed, ms } = await reads;
      clearInterval(drip);
      socket.destroy();
      assert.ok(closed, 'the server closed the connection');
      assert.ok(ms >= 700 && ms < 5000, `closed after ${ms} ms`);
      assert.ok(!data.toString().startsWith('HTTP/1.1 200'), 'the half-sent request was not served');

      // The server is still fine for everyone else.
      expectStatus(await anon.get('/healthz'), 200);
    });

    test('readiness turns 503 while the database refuses connections, and recovers', { skip: backend !== 'postgresql' && 'PostgreSQL only' }, async () => {
      const base = process.env.YIQIAO_TEST_POSTGRES;
      const name = new URL(srv.database).pathname.slice(1);
      try {
        psql(base, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        psql(base, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        let ready;
        for (let i = 0; i < 6; i++) {
          ready = await anon.get('/readyz');
          if (ready.status === 503) break;
        }
        expectProblem(ready, 503, 'unavailable');
        expectStatus(await anon.get('/healthz'), 200, 'liveness does not depend on the database');
      } finally {
        psql(base, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      }
      let ready;
      for (let i = 0; i < 10; i++) {
        ready = await anon.get('/readyz');
        if (ready.status === 200) break;
        await sleep(100);
      }
      expectStatus(ready, 200, 'ready again once the database is back');
      // And the API works again (every broken pooled connection was replaced).
      for (let i = 0; i < 8; i++) expectStatus(await anon.get('/api/v1/organisations'), 200, `request ${i} after recovery`);
    });
  });

  describe(`graceful stop (${backend})`, () => {
    let srv;
    before(async () => {
      srv = await startServer({ backend });
    });
    after(async () => {
      await srv?.stop();
    });

    test('SIGTERM: open WebSockets get 1001, a request in flight completes, new connections are refused, exit 0', async () => {
      const patient = await signIn(srv, 'patient2');
      const ws = new WebSocket(srv.url.replace('http', 'ws') + '/ws', {
        headers: { Cookie: `yq_session=${patient.cookie}`, Origin: srv.url },
      });
      const hello = await new Promise((resolve, reject) => {
        ws.once('message', (m) => resolve(JSON.parse(m.toString())));
        ws.once('error', reject);
      });
      assert.equal(hello.type, 'hello');
      const closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));

      // A request whose header has arrived and whose body is still on its way.
      const body = JSON.stringify({ email: 'nobody@example.test' });
      const socket = await connect(srv);
      const reads = readUntilClose(socket, 15_000);
      socket.write(
        `POST /api/v1/auth/password-reset HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n` +
          body.slice(0, 5),
      );
      await sleep(300);

      srv.process.kill('SIGTERM');
      assert.equal(await closed, 1001, 'WebSocket close code: going away');

      // The listener is closed: a new connection is refused.
      let refused = false;
      for (let i = 0; i < 20 && !refused; i++) {
        try {
          const s = await connect(srv);
          s.destroy();
          await sleep(50);
        } catch (e) {
          refused = e.code === 'ECONNREFUSED';
        }
      }
      assert.ok(refused, 'new connections are refused while draining');

      socket.write(body.slice(5));
      const { data } = await reads;
      const [answer] = parseResponses(data);
      assert.equal(answer.status, 202, 'the request in flight was answered');
      assert.equal(answer.headers.connection, 'close');

      const exit = await srv.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      const events = logLines(srv).map((l) => l.event);
      assert.ok(events.includes('draining'));
      assert.equal(events.at(-1), 'stopped');
    });
  });
}
