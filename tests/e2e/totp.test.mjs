// Staff must set up an authenticator app at their first sign-in, and give a code at every later one.
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import {
  authenticators,
  enrolAuthenticator,
  meInPage,
  nextCode,
  signOut,
  submitCode,
  submitSignIn,
  wrongCode,
} from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();
const NURSE = 'nurse@demo.yiqiao.hk';

e2e.test('a nurse enrols an authenticator at first sign-in, then needs a code to sign in', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'nurse' });

  // First sign-in: straight to the set-up page, with nothing else on offer.
  assert.equal(await submitSignIn(page, h.base, NURSE), 'enrol');
  await expectText(page.getByTestId('page-title'), text('en', 'enrol.title'));
  await page.getByText(text('en', 'enrol.lead_staff')).waitFor();
  await page.getByText(text('en', 'enrol.staff_signout_hint')).waitFor();
  assert.equal(await page.getByTestId('nav-home').count(), 0, 'no navigation before enrolment');
  const me = await meInPage(page);
  assert.equal(me.mfa_enrolment_required, true);
  assert.equal(me.totp_enabled, false);

  // The app will not show another page before the authenticator is set up (but goes there after).
  await page.goto(`${h.base}/profile`);
  await page.waitForURL((u) => u.pathname === '/enrol-totp' && u.searchParams.get('next') === '/profile');
  await page.getByTestId('totp-secret').waitFor();

  // A malformed code is caught in the form; a wrong one by the server; both keep the user here.
  await page.getByTestId('totp-code').fill('12a');
  await page.getByTestId('enrol-submit').click();
  await expectText(page.getByTestId('totp-code-error'), text('en', 'enrol.code_format'));
  const pending = OTPAuth.URI.parse(await page.getByTestId('totp-open-app').getAttribute('href'));
  await page.getByTestId('totp-code').fill(wrongCode(pending));
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('enrol-error').waitFor();
  assert.equal(new URL(page.url()).pathname, '/enrol-totp');
  assert.equal((await meInPage(page)).totp_enabled, false);

  // QR code drawn, secret shown and equal to the QR code's, a computed code confirms it.
  const totp = await enrolAuthenticator(page, NURSE, { then: '/profile' });
  await expectText(page.getByTestId('notice'), text('en', 'enrol.done'));
  const after = await meInPage(page);
  assert.equal(after.totp_enabled, true);
  assert.equal(after.mfa_enrolment_required, false);
  // The profile says the authenticator is on, and staff cannot turn it off.
  await expectText(page.getByTestId('totp-status'), text('en', 'profile.totp_on'));
  assert.equal(await page.getByTestId('totp-disable-form').count(), 0);

  await page.getByTestId('nav-home').click();
  const name = after.display_name;
  assert.match(name, /Cheung Mei Ling/);
  await expectText(page.getByTestId('whoami'), name);
  await expectText(page.getByTestId('page-title'), text('en', 'home.greeting', { name }));

  await signOut(page);
  await expectText(page.getByTestId('notice'), text('en', 'signout.done'));

  // Second sign-in: the password alone is not enough.
  assert.equal(await submitSignIn(page, h.base, NURSE), 'code');
  await page.getByTestId('totp-code').waitFor({ state: 'visible' });
  await page.getByText(text('en', 'signin.code_label')).waitFor();
  assert.equal(await page.getByTestId('whoami').count(), 0);

  // A wrong code: a visible error, still signed out.
  assert.equal(await submitCode(page, wrongCode(totp)), 'error');
  const error = page.getByTestId('signin-error');
  assert.equal(await error.getAttribute('data-code'), 'mfa_code_invalid');
  assert.ok((await error.innerText()).trim().length > 0, 'the error says something');
  assert.equal(new URL(page.url()).pathname, '/signin');
  assert.equal((await meInPage(page)).status, 401);

  // The right code: home.
  const code = await nextCode(totp);
  assert.equal(await submitCode(page, code), 'home');
  await page.waitForURL((u) => u.pathname === '/home');
  await expectText(page.getByTestId('page-title'), text('en', 'home.greeting', { name }));
  const signedIn = await meInPage(page);
  assert.equal(signedIn.email, NURSE);
  assert.equal(signedIn.session.mfa_done, true);
  assert.equal(authenticators.get(NURSE), totp);

  // The same code once more (someone looking over the shoulder, on another device): refused.
  const other = await h.newPage({ lang: 'en', label: 'replay' });
  assert.equal(await submitSignIn(other, h.base, NURSE), 'code');
  assert.equal(await submitCode(other, code), 'error');
  assert.equal(await other.getByTestId('signin-error').getAttribute('data-code'), 'mfa_code_invalid');
  assert.equal((await meInPage(other)).status, 401);
});
