#!/usr/bin/env node
// Layout check: drives the built web app in the Debian Chromium and saves full-page screenshots at
// phone (390x844) and laptop (1366x900) sizes in the three UI languages. It also fails on any console
// error, page error or Content-Security-Policy violation.
//
//   node web/scripts/screenshots.mjs --base http://127.0.0.1:PORT [--out DIR] [--signed-in]
//
// Without --signed-in only the pages that need no server are shot (sign-in, register, forgot and reset
// password), so it works against `vite preview`. With --signed-in the base must be a `yiqiao serve
// --demo-data` server on a fresh database: the script signs in the demo accounts through the UI, sets
// up their authenticator apps (staff must), and shoots every page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = opt('--base', 'http://127.0.0.1:4173');
const out = opt('--out', 'tests/e2e/artifacts/screens');
const signedIn = args.includes('--signed-in');
const only = opt('--only', null); // e.g. "en:phone"
const PASSWORD = 'Demo-pass-2026';

const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
const VIEWPORTS = { phone: { width: 390, height: 844 }, laptop: { width: 1366, height: 900 } };
mkdirSync(out, { recursive: true });

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

function watch(page, label) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Expected: signed-out pages ask GET /api/v1/me and get 401; preview has no API at all.
    if (/Failed to load resource: the server responded with a status of (401|404)/.test(text)) return;
    problems.push(`${label}: console: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
}

async function newContext(lang, viewport, storageState) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, storageState, locale: 'en-GB' });
  await context.addInitScript((l) => {
    window.localStorage.setItem('yq.lang', l);
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  }, lang);
  return context;
}

async function shoot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

const combos = [];
for (const lang of LANGS) for (const vp of Object.keys(VIEWPORTS)) if (!only || only === `${lang}:${vp}`) combos.push([lang, vp]);

// ---- Pages that need no server ----
for (const [lang, vp] of combos) {
  const context = await newContext(lang, VIEWPORTS[vp]);
  const page = await context.newPage();
  const label = `${lang}-${vp}`;
  watch(page, label);
  await page.goto(`${base}/signin`);
  await page.getByTestId('signin-email').waitFor();
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  if (htmlLang !== lang) problems.push(`${label}: <html lang> is ${htmlLang}`);
  await shoot(page, `${label}-signin`);
  await page.goto(`${base}/register`);
  await page.getByTestId('register-email').waitFor();
  await shoot(page, `${label}-register`);
  await page.goto(`${base}/forgot-password`);
  await shoot(page, `${label}-forgot`);
  await page.goto(`${base}/reset-password`);
  await shoot(page, `${label}-reset-notoken`);
  await page.goto(`${base}/no-such-page`);
  await shoot(page, `${label}-notfound`);
  await context.close();
}

// ---- Signed-in pages against a demo server ----
if (signedIn) {
  const secrets = {};
  const states = {};

  async function signIn(who, lang) {
    const context = await newContext(lang, VIEWPORTS.phone);
    const page = await context.newPage();
    watch(page, `signin-${who}`);
    await page.goto(`${base}/signin`);
    await page.getByTestId('signin-email').fill(`${who}@demo.yiqiao.hk`);
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(/\/(home|enrol-totp)/);
    if (page.url().includes('/enrol-totp')) {
      await page.getByTestId('totp-secret').waitFor();
      if (who === 'doctor') await shoot(page, `${lang}-phone-enrol`);
      const uri = await page.getByTestId('totp-open-app').getAttribute('href');
      const totp = OTPAuth.URI.parse(uri);
      const secret = (await page.getByTestId('totp-secret').textContent()).trim();
      if (totp.secret.base32 !== secret) problems.push(`${who}: shown secret differs from the otpauth URI's`);
      secrets[who] = totp;
      await page.getByTestId('totp-code').fill(totp.generate());
      await page.getByTestId('enrol-submit').click();
      await page.waitForURL(/\/home/);
    }
    states[who] = await context.storageState();
    await context.close();
  }

  await signIn('patient', 'en');
  await signIn('doctor', 'zh-Hant');
  await signIn('orgadmin', 'en');
  await signIn('admin', 'en');

  // A password-reset e-mail for the outbox, and a sign-in that stops at the authenticator code.
  {
    const context = await newContext('en', VIEWPORTS.phone);
    const page = await context.newPage();
    await page.goto(`${base}/forgot-password`);
    await page.getByTestId('forgot-email').fill('patient2@demo.yiqiao.hk');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-success').waitFor();
    await shoot(page, 'en-phone-forgot-sent');
    await page.goto(`${base}/signin`);
    await page.getByTestId('signin-email').fill('admin@demo.yiqiao.hk');
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('totp-code').waitFor();
    await shoot(page, 'en-phone-signin-code');
    await page.getByTestId('signin-password').fill('wrong-password-1');
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
    await shoot(page, 'en-phone-signin-error');
    await page.goto(`${base}/register`);
    await page.getByTestId('register-name').fill('Test');
    await page.getByTestId('register-email').fill('not-an-email');
    await page.getByTestId('register-password').fill('short');
    await page.getByTestId('register-password-again').fill('short');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-error').waitFor();
    await shoot(page, 'en-phone-register-errors');
    await context.close();
  }

  const me = async (page) => page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).account);
  for (const [lang, vp] of combos) {
    const label = `${lang}-${vp}`;
    const visit = async (who, path, name, ready) => {
      const context = await newContext(lang, VIEWPORTS[vp], states[who]);
      const page = await context.newPage();
      watch(page, `${label}-${name}`);
      await page.goto(`${base}${typeof path === 'function' ? await path(page) : path}`);
      if (ready) await page.getByTestId(ready).first().waitFor();
      await shoot(page, `${label}-${name}`);
      await context.close();
    };
    await visit('patient', '/home', 'patient-home', 'home-profile');
    await visit('patient', '/profile', 'patient-profile', 'profile-form');
    await visit('doctor', '/home', 'doctor-home', 'home-doctor-profile');
    await visit(
      'doctor',
      async (page) => {
        await page.goto(`${base}/home`);
        return `/doctors/${(await me(page)).id}/edit`;
      },
      'doctor-edit',
      'doctor-form',
    );
    await visit('orgadmin', '/home', 'orgadmin-home', 'home-org-admin');
    await visit(
      'orgadmin',
      async (page) => {
        await page.goto(`${base}/home`);
        return `/org/${(await me(page)).roles.find((r) => r.role === 'org_admin').organisation_id}/staff`;
      },
      'orgadmin-staff',
      'staff-list',
    );
    await visit('admin', '/home', 'admin-home', 'home-platform');
    await visit('admin', '/admin/organisations', 'admin-orgs', 'org-table');
    await visit('admin', '/admin/organisations/new', 'admin-org-new', 'org-form');
    await visit('admin', '/admin/outbox', 'admin-outbox', 'outbox-list');
    await visit('admin', '/admin/audit', 'admin-audit', 'audit-table');
    await visit('patient', '/admin/audit', 'patient-forbidden', 'forbidden');
  }
}

await browser.close();
if (problems.length) {
  console.error(`screenshots: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`screenshots: saved in ${out}`);
