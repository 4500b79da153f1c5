// At phone size (390x844) the patient's pages fit the screen: no sideways scrolling, in any language.
import assert from 'node:assert/strict';
import { meInPage, signIn } from './lib/auth.mjs';
import { PHONE, expectText, suite } from './lib/harness.mjs';
import { LANGS, text } from './lib/i18n.mjs';

const e2e = suite();

async function assertNoSidewaysScroll(page, what) {
  await page.waitForLoadState('networkidle');
  const m = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The widest element sticking out on the right, to say what to fix.
    culprit: [...document.querySelectorAll('body *')]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > window.innerWidth + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map((x) => `${x.el.tagName.toLowerCase()}${x.el.className ? '.' + String(x.el.className).replace(/\s+/g, '.') : ''} right=${Math.round(x.right)}`),
  }));
  assert.ok(
    m.scrollWidth <= m.innerWidth,
    `${what}: page is ${m.scrollWidth}px wide on a ${m.innerWidth}px screen; sticking out: ${m.culprit.join(', ')}`,
  );
}

e2e.test('the patient home page has no horizontal scroll at 390x844 in every language', async (h) => {
  const page = await h.newPage({ viewport: PHONE, lang: 'en', label: 'phone' });
  await page.goto(`${h.base}/signin`);
  await assertNoSidewaysScroll(page, 'sign-in page');
  await signIn(page, h.base, 'patient@demo.yiqiao.hk');
  const name = (await meInPage(page)).display_name;

  for (const lang of LANGS) {
    await page.getByTestId('lang-switcher').selectOption(lang);
    await expectText(page.getByTestId('page-title'), text(lang, 'home.greeting', { name }));
    await page.getByTestId('home-patient').waitFor();
    await assertNoSidewaysScroll(page, `home (${lang})`);
    // The top bar's controls are on screen and usable.
    for (const id of ['lang-switcher', 'signout']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} is off screen (${lang}): ${JSON.stringify(box)}`);
    }
    // The navigation row scrolls sideways on its own (not the page): every link can be brought on
    // screen, and the home page offers the patient's main tasks as cards too.
    for (const id of ['nav-home', 'nav-doctors', 'nav-appointments', 'nav-now', 'nav-profile']) {
      const link = page.getByTestId(id);
      await link.scrollIntoViewIfNeeded();
      const box = await link.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} cannot be scrolled on screen (${lang}): ${JSON.stringify(box)}`);
    }
    await assertNoSidewaysScroll(page, `home after scrolling the navigation (${lang})`);
    for (const id of ['home-now', 'home-doctors', 'home-appointments', 'home-family']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} is off screen (${lang}): ${JSON.stringify(box)}`);
    }
  }

  await page.getByTestId('nav-profile').click();
  await page.getByTestId('profile-form').waitFor();
  await assertNoSidewaysScroll(page, 'profile');
});
