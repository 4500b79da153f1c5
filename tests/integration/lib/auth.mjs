// Signing in as the demo people, the way an API client would: password, then (for staff) the
// authenticator enrolment at first sign-in or the 6-digit code afterwards, computed with `otpauth`.
//
// The server accepts the codes of the time steps now-1, now and now+1, and never the same step
// twice for an account (replay protection). To avoid waiting half a minute between sign-ins, codes
// are handed out for strictly increasing steps starting at the oldest one still accepted; so three
// sign-ins of one staff account fit in a time step, and a fourth waits for the next.
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD, runYiqiao } from '../../support/server.mjs';
import { Client, expectStatus, sleep } from './client.mjs';

export { DEMO_PASSWORD };
export const DEMO_DOMAIN = 'demo.yiqiao.hk';

/** 'doctor' → 'doctor@demo.yiqiao.hk'; a full address is kept. */
export function demoEmail(who) {
  return who.includes('@') ? who : `${who}@${DEMO_DOMAIN}`;
}

const PERIOD = 30;
const MARGIN = 2; // seconds kept from a step boundary so the server's clock agrees with ours

// server URL → e-mail → { totp, lastStep }
const authenticators = new Map();

function entry(srv, email) {
  let byEmail = authenticators.get(srv.url);
  if (!byEmail) authenticators.set(srv.url, (byEmail = new Map()));
  return byEmail.get(email);
}

/** Remembers the authenticator secret of an account on this server. */
export function rememberAuthenticator(srv, email, secret) {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
  });
  let byEmail = authenticators.get(srv.url);
  if (!byEmail) authenticators.set(srv.url, (byEmail = new Map()));
  byEmail.set(email, { totp, lastStep: -Infinity });
  return totp;
}

/** The code of a time step. */
export function codeAt(totp, step) {
  return totp.generate({ timestamp: step * PERIOD * 1000 });
}

/**
 * A code the server will accept and nobody has used yet: the oldest unused step still accepted,
 * waiting for the next step when all the accepted ones are spent. Returns { code, step }.
 */
export async function nextCode(srv, email) {
  const e = entry(srv, demoEmail(email));
  assert.ok(e, `no authenticator set up for ${email}`);
  for (;;) {
    const t = Date.now() / 1000;
    const lowest = Math.floor((t + MARGIN) / PERIOD) - 1; // still accepted a moment from now
    const highest = Math.floor((t - MARGIN) / PERIOD) + 1; // already accepted by a clock a little behind
    const step = Math.max(e.lastStep + 1, lowest);
    if (step <= highest) {
      e.lastStep = step;
      return { code: codeAt(e.totp, step), step };
    }
    await sleep(((step - 1) * PERIOD + MARGIN - t) * 1000 + 50);
  }
}

/** A six-digit code that no step the server accepts right now would produce. */
export function wrongCode(totp) {
  const now = Math.floor(Date.now() / 1000 / PERIOD);
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(totp, now + d)));
  for (let n = 0; ; n++) {
    const code = String((135790 + n * 111111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/**
 * Enrols the authenticator of a signed-in staff client (POST /me/totp/enrol, then confirm with a
 * code) and remembers the secret. Returns the enrolment answer ({secret, otpauth_uri}).
 */
export async function enrolAuthenticator(srv, client, email) {
  const enrol = expectStatus(await client.post('/api/v1/me/totp/enrol'), 200, `enrol ${email}`);
  rememberAuthenticator(srv, email, enrol.json.secret);
  const { code } = await nextCode(srv, email);
  expectStatus(await client.post('/api/v1/me/totp/confirm', { code }), 204, `confirm ${email}`);
  return enrol.json;
}

/**
 * Signs in and returns a client holding a complete session (for staff: authenticator enrolled at
 * the first sign-in, a code given afterwards).
 * @param {object} srv             from startServer
 * @param {string} who             'doctor' or a full e-mail address
 * @param {object} [o]
 * @param {string} [o.password]
 * @param {boolean} [o.bearer]     sign in through POST /auth/token and send the token as a bearer
 * @param {boolean} [o.enrol]      enrol the authenticator when the server asks for it (default true)
 */
export async function signIn(srv, who, o = {}) {
  const email = demoEmail(who);
  const password = o.password ?? DEMO_PASSWORD;
  const route = o.bearer ? '/api/v1/auth/token' : '/api/v1/auth/login';
  const client = new Client(srv.url);
  client.email = email;
  let answer = await client.post(route, { email, password });
  if (answer.status === 401 && answer.code === 'mfa_required') {
    const { code } = await nextCode(srv, email);
    answer = await client.post(route, { email, password, totp_code: code });
  }
  expectStatus(answer, 200, `sign in as ${email}`);
  if (o.bearer) {
    client.bearer = answer.json.token;
    client.fixed = true;
  }
  assert.ok(client.token, `sign in as ${email} gave no session`);
  client.account = answer.json.account;
  if (client.account.mfa_enrolment_required && o.enrol !== false) {
    await enrolAuthenticator(srv, client, email);
    client.account = expectStatus(await client.get('/api/v1/me'), 200).json.account;
    assert.equal(client.account.session.mfa_done, true);
  }
  return client;
}

/** Signs in as several people one after the other; returns { who: client }. */
export async function signInAll(srv, people, o = {}) {
  const out = {};
  for (const who of people) out[who] = await signIn(srv, who, o);
  return out;
}

/**
 * The outbox in full (newest first), read the way the operator does on the server's command line:
 * the admin API hides secret links (reset and invitation e-mails), `yiqiao outbox list` does not.
 */
export async function outbox(srv) {
  const r = runYiqiao(['outbox', 'list', '--json', '--database', srv.database, '--data-dir', srv.dataDir]);
  assert.equal(r.code, 0, `yiqiao outbox list: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout).items;
}

/** The token in a set-password link (reset or invitation) of an e-mail body. */
export function linkToken(body) {
  const m = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(body);
  assert.ok(m, `no set-password link in: ${body}`);
  return m[1];
}

/** The audit trail as the platform admin sees it (newest first, up to 100). */
export async function auditEvents(admin, before) {
  const q = before ? `?before=${before}` : '';
  return expectStatus(await admin.get('/api/v1/admin/audit' + q), 200, 'read the audit trail').json.items;
}
