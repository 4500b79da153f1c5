// Signing in as a user would (through the web app, with an authenticator app computed by `otpauth`),
// and a bearer-token API client for checks behind the UI (GET /me, public doctor profiles); the
// outbox is read on the server's command line.
//
// Every authenticator secret a test learns is kept in `authenticators` (by e-mail) for the rest of
// the test file, so a later sign-in, in the UI or through the API, can answer with a code. The server
// refuses a code whose time step was already used, so codes are handed out for strictly increasing
// steps (the server accepts one step either side of now).
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD, runYiqiao } from '../../support/server.mjs';

export { DEMO_PASSWORD };

/** e-mail → OTPAuth.TOTP of each account whose authenticator this test file set up. */
export const authenticators = new Map();
const lastStep = new Map(); // secret → the last time step a code was given for

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A valid code nobody has used yet (waits up to one period when both usable steps are spent). */
export async function nextCode(totp) {
  const secret = totp.secret.base32;
  const period = totp.period;
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / period);
    const step = Math.max(now, (lastStep.get(secret) ?? -Infinity) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return totp.generate({ timestamp: step * period * 1000 });
    }
    await sleep(((now + 1) * period * 1000 - Date.now()) + 50);
  }
}

/** A code that is surely wrong right now (differs from the codes of the steps the server accepts). */
export function wrongCode(totp) {
  const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: Date.now() + d * totp.period * 1000 })));
  for (let n = 0; ; n++) {
    const code = String((123456 + n * 111111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

// ---------------------------------------------------------------- through the web app

/**
 * Fills the sign-in form and submits it; resolves with what the app showed next:
 * 'home' (any page past sign-in), 'enrol' (the authenticator set-up page), 'code' (asks for the
 * 6-digit code) or 'error' (an error message on the form).
 */
export async function submitSignIn(page, base, email, password = DEMO_PASSWORD) {
  if (!new URL(page.url(), base).pathname.startsWith('/signin')) await page.goto(`${base}/signin`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  return signInOutcome(page);
}

async function signInOutcome(page) {
  await page.waitForFunction(
    () =>
      (location.pathname !== '/signin' && !document.querySelector('[data-testid="signin-submit"]')) ||
      (document.querySelector('[data-testid="signin-submit"]:not([disabled])') &&
        (document.querySelector('#signin-totp_code') || document.querySelector('[data-testid="signin-error"]'))),
  );
  const path = new URL(page.url()).pathname;
  if (path === '/enrol-totp') return 'enrol';
  if (path !== '/signin') return 'home';
  return (await page.getByTestId('signin-error').count()) ? 'error' : 'code';
}

/** Enters the code on the sign-in form's second step and submits; resolves like submitSignIn. */
export async function submitCode(page, code) {
  await page.getByTestId('totp-code').fill(code);
  await page.getByTestId('signin-submit').click();
  return signInOutcome(page);
}

/**
 * On the enrolment page: checks the QR code is drawn and the secret shown matches it, confirms with a
 * code, and waits for the page the app goes to next (`then`, the home page unless a `next` was asked
 * for). Returns the authenticator.
 */
export async function enrolAuthenticator(page, email, { then = '/home' } = {}) {
  const secretEl = page.getByTestId('totp-secret');
  await secretEl.waitFor({ state: 'visible' });
  const qr = page.getByTestId('totp-qr');
  await qr.waitFor({ state: 'visible' });
  // The QR code is a <canvas> the app draws: wait until it holds dark modules.
  await qr.evaluate(
    (canvas) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + 5000;
        const check = () => {
          const c = /** @type {HTMLCanvasElement} */ (canvas);
          if (c.width >= 100 && c.height >= 100) {
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] < 64 && data[i + 3] > 0) dark++;
            if (dark > 1000) return resolve(dark);
          }
          if (Date.now() > deadline) return reject(new Error('the QR code was not drawn'));
          requestAnimationFrame(check);
        };
        check();
      }),
  );
  const box = await qr.boundingBox();
  assert.ok(box && box.width >= 100 && box.height >= 100, `QR code too small to scan: ${JSON.stringify(box)}`);

  const uri = await page.getByTestId('totp-open-app').getAttribute('href');
  const totp = OTPAuth.URI.parse(uri);
  assert.ok(totp instanceof OTPAuth.TOTP, `not a TOTP URI: ${uri}`);
  const shown = (await secretEl.textContent()).replace(/\s+/g, '');
  assert.match(shown, /^[A-Z2-7]{16,}$/, 'the secret is shown in base32 for typing in');
  assert.equal(shown, totp.secret.base32, 'the secret on screen is the one in the QR code');
  assert.equal(totp.label, email, 'the authenticator entry is labelled with the e-mail');
  authenticators.set(email, totp);

  await page.getByTestId('totp-code').fill(await nextCode(totp));
  await page.getByTestId('enrol-submit').click();
  await page.waitForURL((u) => u.pathname === then);
  return totp;
}

/**
 * Signs in through the UI as `email`, setting up the authenticator when the app asks for it and
 * answering the code when it asks for one. Ends on the home page (or `next`). Resolves with how it
 * went: 'password' (nothing more asked), 'code' (an authenticator code) or 'enrolled' (set one up).
 */
export async function signIn(page, base, email, { password = DEMO_PASSWORD } = {}) {
  let outcome = await submitSignIn(page, base, email, password);
  let how = 'password';
  if (outcome === 'code') {
    const totp = authenticators.get(email);
    assert.ok(totp, `${email} asks for an authenticator code but this test never set one up`);
    outcome = await submitCode(page, await nextCode(totp));
    how = 'code';
  }
  if (outcome === 'enrol') {
    await enrolAuthenticator(page, email);
    outcome = 'home';
    how = 'enrolled';
  }
  if (outcome === 'error') {
    throw new Error(`sign-in of ${email} failed: ${await page.getByTestId('signin-error').innerText()}`);
  }
  assert.equal(outcome, 'home', `sign-in of ${email} ended at ${page.url()}`);
  await page.getByTestId('signout').waitFor(); // (the name beside it is hidden on phones)
  return how;
}

/** Signs out with the button in the top bar and waits for the sign-in page. */
export async function signOut(page) {
  await page.getByTestId('signout').click();
  await page.waitForURL((u) => u.pathname === '/signin');
  await page.getByTestId('signin-email').waitFor();
}

/** GET /api/v1/me with the page's own session cookie (what the server knows of this browser). */
export async function meInPage(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/me', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return r.ok ? (await r.json()).account : { status: r.status };
  });
}

// ---------------------------------------------------------------- straight to the API

async function call(base, method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'en' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('Content-Type') ?? '';
  const json = type.includes('json') ? await res.json() : null;
  return { status: res.status, body: json };
}

/** An anonymous API call: { status, body }. */
export function anonymous(base) {
  return {
    get: (path) => call(base, 'GET', path),
    post: (path, body) => call(base, 'POST', path, { body: body ?? {} }),
  };
}

/**
 * A bearer-token API client signed in as `email`; sets up the authenticator when the account must
 * have one (sharing `authenticators` with the UI helpers).
 */
export async function apiSession(base, email, password = DEMO_PASSWORD) {
  const known = authenticators.get(email);
  const login = { email, password, ...(known ? { totp_code: await nextCode(known) } : {}) };
  const r = await call(base, 'POST', '/api/v1/auth/token', { body: login });
  assert.equal(r.status, 200, `API sign-in of ${email}: ${JSON.stringify(r.body)}`);
  const token = r.body.token;
  if (r.body.account.mfa_enrolment_required) {
    const e = await call(base, 'POST', '/api/v1/me/totp/enrol', { token, body: {} });
    assert.equal(e.status, 200, `TOTP enrolment of ${email}: ${JSON.stringify(e.body)}`);
    const totp = OTPAuth.URI.parse(e.body.otpauth_uri);
    const c = await call(base, 'POST', '/api/v1/me/totp/confirm', { token, body: { code: await nextCode(totp) } });
    assert.equal(c.status, 204, `TOTP confirmation of ${email}: ${JSON.stringify(c.body)}`);
    authenticators.set(email, totp);
  }
  return {
    token,
    get: (path) => call(base, 'GET', path, { token }),
    post: (path, body) => call(base, 'POST', path, { token, body: body ?? {} }),
  };
}

let admin = null;
/**
 * One API session of the demo platform admin for the whole test file (each sign-in spends an
 * authenticator code, and only two are usable at a time).
 */
export function platformAdmin(base) {
  admin ??= apiSession(base, 'admin@demo.yiqiao.hk');
  return admin;
}

/**
 * The outbox in full (newest first), read as the operator does on the server's command line
 * (`yiqiao outbox list`): the admin API and the Outbox page hide secret links.
 */
export function outbox(server) {
  const r = runYiqiao(['outbox', 'list', '--json', '--database', server.database, '--data-dir', server.dataDir]);
  assert.equal(r.code, 0, `yiqiao outbox list: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout).items;
}
