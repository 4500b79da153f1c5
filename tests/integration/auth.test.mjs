// Accounts and sessions as people use them: registration, sign-in and out, the session cookie,
// bearer tokens, CSRF, throttling, staff authenticator enrolment, password change and reset.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { startServer, backends, runYiqiao, DEMO_PASSWORD } from '../support/server.mjs';
import { Client, anonymous, expectProblem, expectStatus, fieldErrors } from './lib/client.mjs';
import { bareRequest } from './lib/raw.mjs';
import { newToken } from './lib/mailbox.mjs';
import {
  signIn,
  demoEmail,
  nextCode,
  codeAt,
  wrongCode,
  rememberAuthenticator,
  outbox,
  linkToken,
  auditEvents,
} from './lib/auth.mjs';

/** A problem body without its request id, to compare two answers. */
function sansInstance(answer) {
  const { instance, ...rest } = answer.json;
  assert.ok(instance);
  return rest;
}

function cookieLine(answer) {
  return answer.headers.getSetCookie().find((l) => l.startsWith('yq_session='));
}

for (const backend of backends()) {
  describe(`accounts and sessions (${backend})`, () => {
    let srv;
    let anon;
    let admin;
    let serial = 0;
    const fresh = (tag) => `${tag}-${++serial}-${backend}@example.test`;

    /** Registers a patient and returns a signed-in cookie client. */
    async function register(tag, o = {}) {
      const email = fresh(tag);
      const password = o.password ?? 'Correct-horse-battery';
      const c = new Client(srv.url);
      const res = await c.post('/api/v1/auth/register', { email, password, display_name: o.name ?? 'Test Person', ...o.extra }, { headers: o.headers });
      expectStatus(res, 201, `register ${email}`);
      c.account = res.json.account;
      c.email = email;
      c.password = password;
      return c;
    }

    before(async () => {
      srv = await startServer({ backend });
      anon = anonymous(srv);
      admin = await signIn(srv, 'admin');
    });
    after(async () => {
      await srv?.stop();
    });

    test('registration: weak passwords and bad fields are refused with clear messages', async () => {
      const email = fresh('weak');
      const short = await anon.post('/api/v1/auth/register', { email, password: 'short1', display_name: 'Weak' });
      expectProblem(short, 422, 'validation');
      assert.deepEqual(short.json.errors, [
        { field: 'password', message: 'Use at least 10 characters.', message_key: 'field.password_too_short' },
      ]);
      const local = email.split('@')[0];
      const same = await anon.post('/api/v1/auth/register', { email, password: `${local.toUpperCase()}-2026!`, display_name: 'Weak' });
      expectProblem(same, 422, 'validation');
      assert.equal(fieldErrors(same).password, 'field.password_same_as_email');
      assert.equal(same.json.errors[0].message, 'The password must not contain your e-mail address.');
      const long = await anon.post('/api/v1/auth/register', { email, password: 'x'.repeat(129), display_name: 'Weak' });
      assert.equal(fieldErrors(long).password, 'field.password_too_long');
      const bad = await anon.post('/api/v1/auth/register', { email: 'no-at-sign', password: 'Long-enough-1' });
      expectProblem(bad, 422, 'validation');
      assert.deepEqual(fieldErrors(bad), { email: 'field.invalid_email', display_name: 'field.required' });
      const zh = await anon.post('/api/v1/auth/register', { email, password: 'short', display_name: 'W' }, { headers: { 'Accept-Language': 'zh-Hant' } });
      assert.equal(zh.json.errors[0].message, '密碼最少需要 10 個字元。');
      // None of these created the account.
      expectProblem(await anon.post('/api/v1/auth/login', { email, password: 'short1' }), 401, 'invalid_credentials');
    });

    test('registration signs the new patient in, in the language of the request', async () => {
      const c = await register('new', { headers: { 'Accept-Language': 'zh-Hans' }, extra: { phone: '+852 5555 0000' } });
      assert.ok(c.cookie, 'a session cookie was set');
      assert.equal(c.account.preferred_lang, 'zh-Hans');
      assert.equal(c.account.phone, '+852 5555 0000');
      assert.deepEqual(c.account.roles.map((r) => r.role), ['patient']);
      assert.equal(c.account.mfa_enrolment_required, false);
      const me = expectStatus(await c.get('/api/v1/me'), 200).json.account;
      assert.equal(me.email, c.email);
      assert.equal(me.id, c.account.id);
      // Addresses are compared without case: the same address in capitals signs in too.
      expectStatus(await anon.post('/api/v1/auth/login', { email: c.email.toUpperCase(), password: c.password }), 200);
    });

    test('registering a taken address is refused and leaves the account as it was', async () => {
      const c = await register('taken');
      // The API tells the person to sign in or reset instead (409 email_taken, by design).
      const again = await anon.post('/api/v1/auth/register', {
        email: c.email.toUpperCase(),
        password: 'Another-password-2026',
        display_name: 'Impostor',
      });
      expectProblem(again, 409, 'email_taken');
      assert.equal(again.json.detail, 'An account with this e-mail already exists. Try signing in or resetting the password.');
      assert.equal(cookieLine(again), undefined, 'no session for the impostor');
      expectProblem(await anon.post('/api/v1/auth/login', { email: c.email, password: 'Another-password-2026' }), 401, 'invalid_credentials');
      const ok = expectStatus(await anon.post('/api/v1/auth/login', { email: c.email, password: c.password }), 200);
      assert.equal(ok.json.account.display_name, 'Test Person');
    });

    test('sign in, /me, sign out: the cookie is HttpOnly and SameSite=Strict, and sign-out ends the session on the server', async () => {
      const c = new Client(srv.url);
      const res = expectStatus(await c.post('/api/v1/auth/login', { email: demoEmail('patient'), password: DEMO_PASSWORD }), 200);
      const line = cookieLine(res);
      assert.ok(line, 'Set-Cookie yq_session');
      const attrs = line.split(';').map((s) => s.trim());
      assert.ok(attrs.includes('HttpOnly'), line);
      assert.ok(attrs.includes('SameSite=Strict'), line);
      assert.ok(attrs.includes('Path=/'), line);
      assert.ok(!attrs.includes('Secure'), 'not Secure on plain HTTP');
      const maxAge = Number(attrs.find((a) => a.startsWith('Max-Age=')).slice(8));
      assert.ok(maxAge > 11 * 3600 && maxAge <= 12 * 3600, `Max-Age ${maxAge}: the absolute session length`);
      assert.match(c.cookie, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
      assert.equal(res.json.account.email, demoEmail('patient'));
      assert.equal(res.json.account.display_name, 'Chan Tai Man');
      assert.equal(res.json.account.session.mfa_done, true);
      assert.ok(!('password_hash' in res.json.account) && !res.text.includes('argon2'), 'no password hash');

      const me = expectStatus(await c.get('/api/v1/me'), 200).json.account;
      assert.equal(me.preferred_lang, 'zh-Hant');
      const token = c.cookie;
      const out = expectStatus(await c.post('/api/v1/auth/logout'), 204);
      const cleared = cookieLine(out);
      assert.match(cleared, /^yq_session=;/);
      assert.match(cleared, /Max-Age=0/);
      // The old token is dead on the server, not just forgotten by the browser.
      const replay = new Client(srv.url, { cookie: token, fixed: true });
      expectProblem(await replay.get('/api/v1/me'), 401, 'unauthenticated');
      expectProblem(await anon.get('/api/v1/me'), 401, 'unauthenticated');
    });

    test('wrong password and unknown account get the same answer', async () => {
      const wrong = await anon.post('/api/v1/auth/login', { email: demoEmail('patient2'), password: 'Wrong-password-1' });
      const unknown = await anon.post('/api/v1/auth/login', { email: `ghost-${backend}@demo.yiqiao.hk`, password: 'Wrong-password-1' });
      expectProblem(wrong, 401, 'invalid_credentials');
      expectProblem(unknown, 401, 'invalid_credentials');
      assert.deepEqual(sansInstance(wrong), sansInstance(unknown));
      assert.equal(wrong.json.detail, 'The e-mail or password is incorrect.');
      assert.equal(cookieLine(wrong), undefined);
    });

    test('bearer tokens: no cookie, work without the CSRF header, but not from a foreign page', async () => {
      const res = expectStatus(
        await anon.post('/api/v1/auth/token', { email: demoEmail('patient2'), password: DEMO_PASSWORD }),
        200,
      );
      assert.equal(cookieLine(res), undefined, 'the token route sets no cookie');
      assert.match(res.json.token, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(res.json.expires_at > Date.now() / 1000 + 11 * 3600);
      assert.equal(res.json.account.email, demoEmail('patient2'));
      const api = new Client(srv.url, { bearer: res.json.token, fixed: true });
      expectStatus(await api.get('/api/v1/me'), 200);
      const changed = await api.patch('/api/v1/me', { phone: '+852 6000 0001' }, { csrf: false });
      expectStatus(changed, 200, 'bearer PATCH without X-Requested-With');
      assert.equal(changed.json.account.phone, '+852 6000 0001');
      // A bearer request that a browser page on another site made is still refused.
      expectProblem(
        await api.patch('/api/v1/me', { phone: '+852 6000 0002' }, { csrf: false, headers: { Origin: 'https://evil.example' } }),
        403,
        'csrf_rejected',
      );
      expectProblem(await new Client(srv.url, { bearer: 'not-a-real-token', fixed: true }).get('/api/v1/me'), 401, 'unauthenticated');
      expectStatus(await api.post('/api/v1/auth/logout', undefined, { csrf: false }), 204);
      expectProblem(await api.get('/api/v1/me'), 401, 'unauthenticated');
    });

    test('CSRF: a cookie request that changes something needs X-Requested-With and our own Origin', async () => {
      const c = await register('csrf', { name: 'Before' });
      const noHeader = await c.patch('/api/v1/me', { display_name: 'Changed by a form' }, { csrf: false });
      expectProblem(noHeader, 403, 'csrf_rejected');
      assert.equal(noHeader.json.detail, 'This request did not come from the Yiqiao app and was refused.');
      const foreign = await c.patch('/api/v1/me', { display_name: 'Changed by evil' }, { headers: { Origin: 'https://evil.example' } });
      expectProblem(foreign, 403, 'csrf_rejected');
      const otherPort = await c.patch('/api/v1/me', { display_name: 'Changed by a neighbour' }, { headers: { Origin: 'http://127.0.0.1:1' } });
      expectProblem(otherPort, 403, 'csrf_rejected');
      expectProblem(await c.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf_rejected');
      assert.equal(expectStatus(await c.get('/api/v1/me'), 200).json.account.display_name, 'Before', 'nothing changed; still signed in');
      const ok = await c.patch('/api/v1/me', { display_name: 'After' }, { headers: { Origin: srv.url } });
      expectStatus(ok, 200, 'same origin with the header');
      assert.equal(ok.json.account.display_name, 'After');
      // A login form on another site cannot sign the browser in (login CSRF).
      expectProblem(
        await anon.post('/api/v1/auth/login', { email: c.email, password: c.password }, { headers: { Origin: 'https://evil.example' } }),
        403,
        'csrf_rejected',
      );
    });

    test('PATCH /me changes name, phone and language; the language is kept and used for messages', async () => {
      const c = await register('lang', { extra: { preferred_lang: 'en' } });
      const bad = await c.patch('/api/v1/me', { preferred_lang: 'fr', display_name: '' });
      expectProblem(bad, 422, 'validation');
      assert.deepEqual(fieldErrors(bad), { preferred_lang: 'field.unknown_choice', display_name: 'field.too_short' });
      const res = expectStatus(await c.patch('/api/v1/me', { preferred_lang: 'zh-Hans', display_name: '  陈大文  ', phone: '+852 9123 4567' }), 200);
      assert.equal(res.json.account.preferred_lang, 'zh-Hans');
      assert.equal(res.json.account.display_name, '陈大文', 'trimmed');
      const again = new Client(srv.url);
      const login = expectStatus(await again.post('/api/v1/auth/login', { email: c.email, password: c.password }), 200);
      assert.equal(login.json.account.preferred_lang, 'zh-Hans', 'kept across sessions');
      assert.equal(login.json.account.phone, '+852 9123 4567');
      // Without Accept-Language (or with one that names no language of ours, like fetch's "*"),
      // problems come in the account's language.
      const body = JSON.stringify({ current_password: 'not-it-at-all', new_password: 'Whatever-2026-x' });
      for (const extra of [{}, { 'Accept-Language': '*' }, { 'Accept-Language': 'fr-CH, de;q=0.8' }]) {
        const wrong = await bareRequest(srv, 'POST', '/api/v1/me/password', {
          headers: { Cookie: `yq_session=${again.cookie}`, 'X-Requested-With': 'yiqiao', 'Content-Type': 'application/json', ...extra },
          body,
        });
        assert.equal(wrong.status, 422, JSON.stringify(extra));
        assert.equal(wrong.json.title, '部分输入资料需要更正。', `title with ${JSON.stringify(extra)}`);
        assert.equal(wrong.json.errors[0].message, '当前密码不正确。');
      }
      // Accept-Language still wins when sent.
      const en = await again.post('/api/v1/me/password', { current_password: 'not-it-at-all', new_password: 'Whatever-2026-x' }, { headers: { 'Accept-Language': 'en' } });
      assert.equal(en.json.errors[0].message, 'The current password is incorrect.');
    });

    test('staff must enrol an authenticator at first sign-in; until then only enrolment is open', async () => {
      const email = demoEmail('doctor2');
      const c = new Client(srv.url);
      const first = expectStatus(await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD }), 200);
      assert.equal(first.json.account.mfa_enrolment_required, true);
      assert.equal(first.json.account.totp_enabled, false);
      assert.equal(first.json.account.session.mfa_done, false);
      assert.deepEqual(first.json.account.roles.map((r) => [r.role, r.organisation_name.en]), [['doctor', 'Kowloon East Hospital']]);
      // A second session opened before enrolment: it must not outlive the new factor.
      const early = new Client(srv.url);
      expectStatus(await early.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD }), 200);

      expectStatus(await c.get('/api/v1/me'), 200, 'GET /me is open');
      const refused = await c.patch('/api/v1/me', { display_name: 'Sneaky' });
      expectProblem(refused, 403, 'mfa_enrolment_required');
      assert.equal(refused.json.detail, 'Staff accounts must set up an authenticator app before continuing.');
      expectProblem(await c.put(`/api/v1/doctors/${first.json.account.id}/profile`, { title: 'Dr.' }), 403, 'mfa_enrolment_required');
      expectProblem(await c.post('/api/v1/auth/logout-everywhere'), 403, 'mfa_enrolment_required');
      expectProblem(await c.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'Skip-the-factor-1' }), 403, 'mfa_enrolment_required');
      const zh = await c.patch('/api/v1/me', { phone: '1' }, { headers: { 'Accept-Language': 'zh-Hant' } });
      assert.equal(zh.json.detail, '職員帳戶必須先設定驗證器應用程式才能繼續。');

      const enrol = expectStatus(await c.post('/api/v1/me/totp/enrol'), 200).json;
      assert.match(enrol.secret, /^[A-Z2-7]{32}$/, '160-bit base32 secret');
      const uri = OTPAuth.URI.parse(enrol.otpauth_uri);
      assert.equal(uri.secret.base32, enrol.secret);
      assert.equal(uri.issuer, 'Yiqiao');
      assert.equal(uri.label, email);
      assert.equal(uri.algorithm, 'SHA1');
      assert.equal(uri.digits, 6);
      assert.equal(uri.period, 30);
      const totp = rememberAuthenticator(srv, email, enrol.secret);

      expectProblem(await c.post('/api/v1/me/totp/confirm', { code: wrongCode(totp) }), 401, 'mfa_code_invalid');
      expectProblem(await c.patch('/api/v1/me', { phone: '1' }), 403, 'mfa_enrolment_required', 'still restricted after a wrong code');
      const confirmed = await nextCode(srv, email);
      expectStatus(await c.post('/api/v1/me/totp/confirm', { code: confirmed.code }), 204);
      const me = expectStatus(await c.get('/api/v1/me'), 200).json.account;
      assert.equal(me.totp_enabled, true);
      assert.equal(me.mfa_enrolment_required, false);
      assert.equal(me.session.mfa_done, true);
      expectStatus(await c.patch('/api/v1/me', { phone: '+852 2555 0202' }), 200, 'this session is complete now');
      expectProblem(await early.get('/api/v1/me'), 401, 'unauthenticated', 'the session from before enrolment ended');
      expectProblem(await c.post('/api/v1/me/totp/enrol'), 409, 'conflict', 'no second enrolment over a working one');
      expectProblem(await c.post('/api/v1/me/totp/disable', { password: DEMO_PASSWORD }), 403, 'forbidden', 'staff cannot turn it off');

      // The next sign-in asks for a code, refuses wrong and replayed ones.
      const next = new Client(srv.url);
      const ask = await next.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
      expectProblem(ask, 401, 'mfa_required');
      assert.equal(ask.json.detail, 'Enter the 6-digit code from your authenticator app.');
      assert.equal(cookieLine(ask), undefined, 'no session before the code');
      expectProblem(await next.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: wrongCode(totp) }), 401, 'mfa_code_invalid');
      expectProblem(
        await next.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: confirmed.code }),
        401,
        'mfa_code_invalid',
        'the code used to confirm enrolment cannot sign in again',
      );
      expectProblem(
        await next.post('/api/v1/auth/login', { email, password: 'Wrong-password-1', totp_code: codeAt(totp, confirmed.step + 1) }),
        401,
        'invalid_credentials',
        'a right code does not excuse a wrong password',
      );
      const { code } = await nextCode(srv, email);
      const ok = expectStatus(await next.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: code }), 200);
      assert.equal(ok.json.account.session.mfa_done, true);
      expectStatus(await next.patch('/api/v1/me', { phone: '+852 2555 0203' }), 200);
      const replay = new Client(srv.url);
      expectProblem(await replay.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: code }), 401, 'mfa_code_invalid', 'a used code is refused');
      assert.equal(replay.cookie, null);
    });

    test('a patient may turn the authenticator on, and off again with the password', async () => {
      const c = await register('patient-totp');
      // Review finding: whoever registered an address they do not own must not plant a second
      // factor that locks the real holder out after the reset that proves the mailbox.
      expectProblem(await c.post('/api/v1/me/totp/enrol'), 403, 'email_not_verified');
      expectStatus(await c.post('/api/v1/auth/verify-email', { token: newToken(srv, c.email, 'verify') }), 204);
      const enrol = expectStatus(await c.post('/api/v1/me/totp/enrol'), 200).json;
      rememberAuthenticator(srv, c.email, enrol.secret);
      expectStatus(await c.post('/api/v1/me/totp/confirm', { code: (await nextCode(srv, c.email)).code }), 204);
      const other = new Client(srv.url);
      expectProblem(await other.post('/api/v1/auth/login', { email: c.email, password: c.password }), 401, 'mfa_required');
      const wrong = await c.post('/api/v1/me/totp/disable', { password: 'not-the-password' });
      expectProblem(wrong, 422, 'validation');
      assert.equal(fieldErrors(wrong).password, 'field.password_incorrect');
      expectStatus(await c.post('/api/v1/me/totp/disable', { password: c.password }), 204);
      expectStatus(await other.post('/api/v1/auth/login', { email: c.email, password: c.password }), 200, 'no code needed any more');
      assert.equal(expectStatus(await other.get('/api/v1/me'), 200).json.account.totp_enabled, false);
    });

    test('changing the password ends every other session and e-mails the person', async () => {
      const a = await register('change');
      const b = new Client(srv.url);
      expectStatus(await b.post('/api/v1/auth/login', { email: a.email, password: a.password }), 200);
      const tokenClient = new Client(srv.url, { fixed: true });
      tokenClient.bearer = expectStatus(await anon.post('/api/v1/auth/token', { email: a.email, password: a.password }), 200).json.token;

      const wrong = await a.post('/api/v1/me/password', { current_password: 'Not-the-password', new_password: 'Brand-new-pass-2026' });
      assert.equal(fieldErrors(wrong).current_password, 'field.password_incorrect');
      const weak = await a.post('/api/v1/me/password', { current_password: a.password, new_password: 'short' });
      assert.equal(fieldErrors(weak).new_password, 'field.password_too_short');
      expectStatus(await b.get('/api/v1/me'), 200, 'failed attempts change nothing');

      expectStatus(await a.post('/api/v1/me/password', { current_password: a.password, new_password: 'Brand-new-pass-2026' }), 204);
      expectStatus(await a.get('/api/v1/me'), 200, 'this session goes on');
      expectProblem(await b.get('/api/v1/me'), 401, 'unauthenticated', 'the other cookie session ended');
      expectProblem(await tokenClient.get('/api/v1/me'), 401, 'unauthenticated', 'the bearer token ended');
      expectProblem(await anon.post('/api/v1/auth/login', { email: a.email, password: a.password }), 401, 'invalid_credentials');
      expectStatus(await anon.post('/api/v1/auth/login', { email: a.email, password: 'Brand-new-pass-2026' }), 200);
      // (The address also got the verification link at registration.)
      const mail = (await outbox(srv)).find((m) => m.to === a.email && m.subject === 'Your Yiqiao password was changed');
      assert.ok(mail, 'an e-mail tells the person');
    });

    test('sign out everywhere ends every session of the account', async () => {
      const a = await register('everywhere');
      const b = new Client(srv.url);
      expectStatus(await b.post('/api/v1/auth/login', { email: a.email, password: a.password }), 200);
      const t = new Client(srv.url, { fixed: true });
      t.bearer = expectStatus(await anon.post('/api/v1/auth/token', { email: a.email, password: a.password }), 200).json.token;
      const other = await register('bystander');
      const out = expectStatus(await b.post('/api/v1/auth/logout-everywhere'), 204);
      assert.match(cookieLine(out), /Max-Age=0/);
      for (const [name, c] of [['cookie a', a], ['cookie b', b], ['bearer', t]]) {
        expectProblem(await new Client(srv.url, { cookie: c.cookie, bearer: c.bearer, fixed: true }).get('/api/v1/me'), 401, 'unauthenticated', name);
      }
      expectStatus(await other.get('/api/v1/me'), 200, "another person's session is untouched");
      expectStatus(await anon.post('/api/v1/auth/login', { email: a.email, password: a.password }), 200, 'signing in again works');
    });

    test('password reset by e-mail: the link works once, old password and sessions end', async () => {
      const a = await register('reset', { extra: { preferred_lang: 'zh-Hant' } });
      const accepted = await anon.post('/api/v1/auth/password-reset', { email: a.email }, { headers: { 'Accept-Language': 'zh-Hant' } });
      const unknownEmail = fresh('nobody');
      const unknown = await anon.post('/api/v1/auth/password-reset', { email: unknownEmail }, { headers: { 'Accept-Language': 'zh-Hant' } });
      expectStatus(accepted, 202);
      expectStatus(unknown, 202);
      assert.deepEqual(accepted.json, { status: 'accepted' });
      assert.equal(unknown.text, accepted.text, 'an unknown address gets exactly the same answer');
      expectProblem(await anon.post('/api/v1/auth/password-reset', { email: 'nope' }), 422, 'validation');

      const mails = await outbox(srv);
      assert.equal(mails.filter((m) => m.to === unknownEmail).length, 0, 'no e-mail for an unknown address');
      // (The address also got the verification link at registration.)
      const mail = mails.find((m) => m.to === a.email && m.body.includes('/reset-password?token='));
      assert.ok(mail, 'the reset e-mail is in the outbox');
      assert.equal(mail.subject, '重設你的醫橋密碼', 'in the language of the request');
      assert.ok(mail.body.includes(srv.url + '/reset-password?token='), 'the link points at this server');
      const token = linkToken(mail.body);

      expectProblem(await anon.post('/api/v1/auth/password-reset/confirm', { token: token + 'x', password: 'Reset-password-2026' }), 400, 'token_invalid');
      const weak = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
      assert.equal(fieldErrors(weak).password, 'field.password_too_short');
      expectStatus(await a.get('/api/v1/me'), 200, 'nothing changed yet');

      expectStatus(await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'Reset-password-2026' }), 204);
      expectProblem(await a.get('/api/v1/me'), 401, 'unauthenticated', 'sessions ended by the reset');
      expectProblem(await anon.post('/api/v1/auth/login', { email: a.email, password: a.password }), 401, 'invalid_credentials');
      expectStatus(await anon.post('/api/v1/auth/login', { email: a.email, password: 'Reset-password-2026' }), 200);
      const again = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'Third-password-2026' });
      expectProblem(again, 400, 'token_invalid', 'a link works once');
      assert.equal(again.json.detail, 'This link is invalid or has expired. Please request a new one.');
      expectStatus(await anon.post('/api/v1/auth/login', { email: a.email, password: 'Reset-password-2026' }), 200);
    });

    test('finding 4: the platform admin never reads a reset link in the outbox; the server command line does', async () => {
      const a = await register('outbox-secret');
      expectStatus(await anon.post('/api/v1/auth/password-reset', { email: a.email }), 202);
      const full = (await outbox(srv)).find((m) => m.to === a.email && m.body.includes('/reset-password?token='));
      assert.ok(full, 'the CLI has the whole message');
      const token = linkToken(full.body);

      const answer = expectStatus(await admin.get('/api/v1/admin/outbox'), 200);
      assert.ok(!answer.text.includes(token), 'the token is not in the API answer');
      assert.ok(!answer.text.includes('/reset-password?token='), 'no set-password link at all');
      const shown = answer.json.items.find((m) => m.id === full.id);
      assert.equal(shown.redacted, true);
      assert.equal(shown.body, full.body.replace(/https?:\/\/\S+\/reset-password\?token=\S+/, '[secret link hidden]'));
      const plain = answer.json.items.find((m) => !m.redacted);
      assert.ok(plain, 'a message without a secret (the welcome or password-changed mails) is shown whole');

      // `yiqiao outbox show ID` prints it in full, and the read is in the audit trail.
      const shownOnServer = runYiqiao(['outbox', 'show', full.id, '--database', srv.database, '--data-dir', srv.dataDir]);
      assert.equal(shownOnServer.code, 0, shownOnServer.stderr);
      assert.ok(shownOnServer.stdout.includes(`To: ${a.email}`));
      assert.ok(shownOnServer.stdout.includes(token));
      const missing = runYiqiao(['outbox', 'show', 'no-such-id', '--database', srv.database, '--data-dir', srv.dataDir]);
      assert.equal(missing.code, 1);
      const [read] = await auditEvents(admin);
      assert.equal(read.action, 'outbox.read');
      assert.equal(read.actor_role, 'operator');
      assert.equal(read.target_id, full.id);
      // The link works: it is the real one.
      expectStatus(await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'Outbox-secret-2026' }), 204);
    });

    // Last: it uses up part of this address's failure allowance (50 per 15 minutes).
    test('repeated failures slow the address down with 429, alike for known and unknown accounts', async () => {
      const known = demoEmail('patient3');
      const unknown = `nobody-${backend}@demo.yiqiao.hk`;
      const answers = { [known]: [], [unknown]: [] };
      for (let i = 0; i < 6; i++) {
        for (const email of [known, unknown]) {
          answers[email].push(await anon.post('/api/v1/auth/login', { email, password: `Wrong-password-${i}` }));
        }
      }
      for (const email of [known, unknown]) {
        const got = answers[email];
        for (const r of got.slice(0, 5)) expectProblem(r, 401, 'invalid_credentials', email);
        const last = got[5];
        expectProblem(last, 429, 'too_many_attempts', `6th attempt for ${email}`);
        assert.equal(last.json.detail, 'Too many attempts. Please wait a while and try again.');
        assert.ok(last.json.retry_after >= 1 && last.json.retry_after <= 2, 'a short wait, not a lock-out');
        assert.equal(last.headers.get('retry-after'), String(last.json.retry_after));
      }
      const sansWait = (r) => ({ ...sansInstance(r), retry_after: undefined });
      assert.deepEqual(sansWait(answers[known][5]), sansWait(answers[unknown][5]), 'the 429 tells nothing about existence');
      assert.deepEqual(sansInstance(answers[known][0]), sansInstance(answers[unknown][0]));
      // Even the right password waits now, from this address.
      expectProblem(await anon.post('/api/v1/auth/login', { email: known, password: DEMO_PASSWORD }), 429, 'too_many_attempts');
      const zh = await anon.post('/api/v1/auth/token', { email: known, password: DEMO_PASSWORD }, { headers: { 'Accept-Language': 'zh-Hant' } });
      expectProblem(zh, 429, 'too_many_attempts');
      assert.equal(zh.json.detail, '嘗試次數過多，請稍後再試。');
      // Another account is not affected.
      expectStatus(await anon.post('/api/v1/auth/login', { email: demoEmail('patient2'), password: DEMO_PASSWORD }), 200);
    });
  });
}
