// A new patient creates an account through the web app; a weak password is refused in place.
import assert from 'node:assert/strict';
import { anonymous, meInPage } from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

e2e.test('a new patient registers in 繁體中文 and lands on their home page', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'register' });
  await page.goto(`${h.base}/register`);
  await page.getByTestId('register-email').waitFor();
  await expectText(page.getByTestId('page-title'), text('en', 'register.title'));

  // The account's language is the one picked at the top of the page (the form says so).
  await page.getByTestId('lang-switcher').selectOption('zh-Hant');
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'register.title'));
  await page.getByText(text('zh-Hant', 'register.lang_note')).waitFor();

  const name = '李嘉欣 Kathy Lee';
  const email = `kathy.lee.${Date.now()}@example.com`;
  await page.getByTestId('register-name').fill(name);
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-phone').fill('+852 9123 4567');
  await page.getByTestId('register-password').fill('harbour lantern 88 tram');
  await page.getByTestId('register-password-again').fill('harbour lantern 88 tram');
  await page.getByTestId('register-submit').click();

  await page.waitForURL((u) => u.pathname === '/home');
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'home.greeting', { name }));
  await expectText(page.getByTestId('whoami'), name);
  await expectText(page.getByTestId('notice'), `${text('zh-Hant', 'register.welcome', { name })} ${text('zh-Hant', 'verify_email.sent', { email })}`);
  // The patient's home: their own cards, nothing for staff.
  await page.getByTestId('home-patient').getByText(text('zh-Hant', 'home.patient.profile')).waitFor();
  assert.equal(await page.getByTestId('home-doctor').count(), 0);
  assert.equal(await page.getByTestId('home-platform').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');

  const me = await meInPage(page);
  assert.equal(me.email, email);
  assert.equal(me.display_name, name);
  assert.equal(me.preferred_lang, 'zh-Hant');
  assert.deepEqual(me.roles.map((r) => r.role), ['patient']);
  assert.equal(me.mfa_enrolment_required, false, 'patients need no authenticator app');
});

e2e.test('a weak password shows an error at the field and creates no account', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'register-weak' });
  await page.goto(`${h.base}/register`);
  const email = `amy.weak.${Date.now()}@example.com`;
  await page.getByTestId('register-name').fill('Amy Weak');
  await page.getByTestId('register-email').fill(email);

  const tries = [
    { password: 'short-pw', message: 'Use at least 10 characters.' },
    { password: `${email.split('@')[0]}!x`, message: 'The password must not contain your e-mail address.' },
  ];
  for (const { password, message } of tries) {
    await page.getByTestId('register-password').fill(password);
    await page.getByTestId('register-password-again').fill(password);
    await page.getByTestId('register-submit').click();
    await expectText(page.getByTestId('register-password-error'), message);
    assert.equal(await page.getByTestId('register-password').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('register-error').waitFor();
    // Still on the form, nothing signed in, what was typed kept (but the password).
    assert.equal(new URL(page.url()).pathname, '/register');
    assert.equal(await page.getByTestId('whoami').count(), 0);
    assert.equal(await page.getByTestId('register-email').inputValue(), email);
    assert.equal((await meInPage(page)).status, 401);
  }

  // No account exists: the same e-mail can still register (a taken one answers 409).
  const r = await anonymous(h.base).post('/api/v1/auth/register', {
    email,
    password: 'a much better password',
    display_name: 'Amy Weak',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
});
