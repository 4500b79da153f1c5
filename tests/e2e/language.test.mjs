// The language switcher: English → 繁體中文 → 简体中文 changes the page, <html lang>, survives a reload,
// and for a signed-in user is saved to the account and follows them to another browser.
import assert from 'node:assert/strict';
import { meInPage, signIn } from './lib/auth.mjs';
import { eventually, expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

async function assertLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  assert.equal(await page.getByTestId('lang-switcher').inputValue(), lang);
}

e2e.test('signed out: the switcher changes texts and <html lang>, and a reload keeps the choice', async (h) => {
  // No stored choice and an English browser: English.
  const page = await h.newPage({ lang: null, locale: 'en-GB', label: 'signed-out' });
  await page.goto(`${h.base}/signin`);
  await expectText(page.getByTestId('page-title'), text('en', 'signin.title'));
  await expectText(page.getByTestId('signin-submit'), text('en', 'signin.submit'));
  await assertLang(page, 'en');

  // Every switcher option names its language in that language.
  const options = await page.getByTestId('lang-switcher').locator('option').allInnerTexts();
  assert.deepEqual(options.map((o) => o.trim()), ['English', '繁體中文', '简体中文']);

  await page.getByTestId('lang-switcher').selectOption({ label: '繁體中文' });
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'signin.title'));
  await expectText(page.getByTestId('signin-submit'), text('zh-Hant', 'signin.submit'));
  await page.getByText(text('zh-Hant', 'signin.no_account')).waitFor();
  await assertLang(page, 'zh-Hant');
  assert.match(await page.title(), new RegExp(`^${text('zh-Hant', 'signin.title')} · `));

  await page.getByTestId('lang-switcher').selectOption({ label: '简体中文' });
  await expectText(page.getByTestId('page-title'), text('zh-Hans', 'signin.title'));
  await expectText(page.getByTestId('signin-submit'), text('zh-Hans', 'signin.submit'));
  await page.getByText(text('zh-Hans', 'signin.no_account')).waitFor();
  await assertLang(page, 'zh-Hans');

  // Moving to another page keeps it; so does a reload (the choice is in localStorage).
  await page.getByTestId('link-register').click();
  await expectText(page.getByTestId('page-title'), text('zh-Hans', 'register.title'));
  await page.reload();
  await expectText(page.getByTestId('page-title'), text('zh-Hans', 'register.title'));
  await assertLang(page, 'zh-Hans');
  assert.equal(await page.evaluate(() => localStorage.getItem('yq.lang')), 'zh-Hans');
});

e2e.test('a browser set to Hong Kong Chinese starts in 繁體中文', async (h) => {
  const page = await h.newPage({ lang: null, locale: 'zh-HK', label: 'zh-HK' });
  await page.goto(`${h.base}/signin`);
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'signin.title'));
  await assertLang(page, 'zh-Hant');
});

e2e.test('signed in: the choice is saved to the account and follows it to another browser', async (h) => {
  const email = 'patient2@demo.yiqiao.hk'; // Amy Ho, English
  const page = await h.newPage({ lang: null, label: 'first-browser' });
  await signIn(page, h.base, email);
  const before = await meInPage(page);
  assert.equal(before.preferred_lang, 'en');
  const name = before.display_name;
  await expectText(page.getByTestId('page-title'), text('en', 'home.greeting', { name }));

  await page.getByTestId('lang-switcher').selectOption('zh-Hant');
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'home.greeting', { name }));
  await expectText(page.getByTestId('nav-profile'), text('zh-Hant', 'nav.profile'));
  await assertLang(page, 'zh-Hant');
  await eventually(async () => (await meInPage(page)).preferred_lang === 'zh-Hant', 'the account to say zh-Hant');

  await page.getByTestId('lang-switcher').selectOption('zh-Hans');
  await expectText(page.getByTestId('page-title'), text('zh-Hans', 'home.greeting', { name }));
  await expectText(page.getByTestId('nav-profile'), text('zh-Hans', 'nav.profile'));
  await assertLang(page, 'zh-Hans');
  await eventually(async () => (await meInPage(page)).preferred_lang === 'zh-Hans', 'the account to say zh-Hans');

  // The profile page shows the saved language as well.
  await page.getByTestId('nav-profile').click();
  assert.equal(await page.getByTestId('profile-lang').inputValue(), 'zh-Hans');

  // A fresh browser (nothing stored, English locale): after sign-in the account's language wins.
  const fresh = await h.newPage({ lang: null, locale: 'en-GB', label: 'second-browser' });
  await fresh.goto(`${h.base}/signin`);
  await expectText(fresh.getByTestId('page-title'), text('en', 'signin.title'));
  await signIn(fresh, h.base, email);
  await expectText(fresh.getByTestId('page-title'), text('zh-Hans', 'home.greeting', { name }));
  await assertLang(fresh, 'zh-Hans');
  await fresh.reload();
  await expectText(fresh.getByTestId('page-title'), text('zh-Hans', 'home.greeting', { name }));
});
