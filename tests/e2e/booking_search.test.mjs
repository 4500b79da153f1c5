// Find a doctor: names in either Chinese script find each other, filters narrow the results and live in
// the address (back/forward and a shared link give the same list), and a result opens the profile
// with free times by day.
import assert from 'node:assert/strict';
import { signIn } from './lib/auth.mjs';
import { demoDoctors, hkDay } from './lib/booking.mjs';
import { expectText, PHONE, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

/** Names of the doctors listed, in order, once the list has settled on `count` results. */
async function shownDoctors(page, lang, count) {
  await expectText(page.getByTestId('doctors-count'), count === 0 ? text(lang, 'doctors.none') : text(lang, 'doctors.found', { count }));
  return (await page.getByTestId('doctor-result-name').allInnerTexts()).map((s) => s.trim());
}

async function search(page, q) {
  await page.getByTestId('doctors-q').fill(q);
  await page.getByTestId('doctors-search').click();
}

e2e.test('a patient finds doctors by name in either Chinese script and narrows them down with filters', async (h) => {
  const { wong, li } = await demoDoctors(h.base);
  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'patient2' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.getByTestId('nav-doctors').click();
  await page.waitForURL((u) => u.pathname === '/doctors');
  await expectText(page.getByTestId('page-title'), text('en', 'doctors.title'));
  assert.deepEqual(await shownDoctors(page, 'en', 3), ['Dr. Chan Siu Ming', 'Dr. Li Wei', 'Dr. Wong Ka Yan']);

  // Dr. Li Wei's Chinese name is stored in Simplified (李伟): the Traditional spelling finds him.
  await search(page, '李偉');
  assert.deepEqual(await shownDoctors(page, 'en', 1), ['Dr. Li Wei']);
  assert.equal(new URL(page.url()).searchParams.get('q'), '李偉');
  const card = page.getByTestId('doctor-result');
  await expectText(card.getByTestId('doctor-result-org'), 'Greater Bay Private Hospital · Shenzhen');
  await expectText(card.getByTestId('doctor-result-languages'), 'Mandarin, English, Cantonese');
  await expectText(card.getByTestId('doctor-result-fee'), 'HK$600.00');
  assert.ok(li.next_free_slot, 'the demo cardiologist has free times');
  // Dr. Wong's is stored in Traditional (黃嘉欣): the Simplified spelling finds her.
  await search(page, '黄嘉欣');
  assert.deepEqual(await shownDoctors(page, 'en', 1), ['Dr. Wong Ka Yan']);
  assert.equal(wong.name_zh, '黃嘉欣');
  await search(page, 'nobody like this');
  await shownDoctors(page, 'en', 0);

  // Filters: clear the text, then narrow.
  await page.getByTestId('doctors-clear').click();
  await shownDoctors(page, 'en', 3);
  await page.getByTestId('doctors-language').selectOption('cmn');
  assert.deepEqual(await shownDoctors(page, 'en', 2), ['Dr. Li Wei', 'Dr. Wong Ka Yan']);
  await page.getByTestId('doctors-type').selectOption('in_person');
  assert.deepEqual(await shownDoctors(page, 'en', 2), ['Dr. Li Wei', 'Dr. Wong Ka Yan']);
  await page.getByTestId('doctors-region').selectOption('hong_kong');
  assert.deepEqual(await shownDoctors(page, 'en', 1), ['Dr. Wong Ka Yan']);
  await page.getByTestId('doctors-specialty').selectOption('psychiatry');
  await shownDoctors(page, 'en', 0);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('specialty'), 'psychiatry');
  assert.equal(url.searchParams.get('type'), 'in_person');

  // Back goes through the filters as they were applied; forward returns.
  await page.goBack();
  assert.deepEqual(await shownDoctors(page, 'en', 1), ['Dr. Wong Ka Yan']);
  assert.equal(await page.getByTestId('doctors-specialty').inputValue(), '');
  assert.equal(await page.getByTestId('doctors-region').inputValue(), 'hong_kong');
  await page.goBack();
  assert.deepEqual(await shownDoctors(page, 'en', 2), ['Dr. Li Wei', 'Dr. Wong Ka Yan']);
  await page.goForward();
  assert.deepEqual(await shownDoctors(page, 'en', 1), ['Dr. Wong Ka Yan']);

  // Soonest free time first, and only those free within two weeks (every demo doctor is).
  await page.getByTestId('doctors-clear').click();
  await shownDoctors(page, 'en', 3);
  await page.getByTestId('doctors-within').selectOption('14');
  await page.getByTestId('doctors-sort').selectOption('next_free');
  const ordered = await shownDoctors(page, 'en', 3);
  const { items } = await (await fetch(`${h.base}/api/v1/doctors?sort=next_free`)).json();
  assert.deepEqual(ordered, items.map((d) => d.display_name));

  // A result opens the doctor's profile with free times by day.
  await page.getByTestId('doctor-result').filter({ hasText: 'Dr. Li Wei' }).getByTestId('doctor-result-open').click();
  await page.waitForURL((u) => u.pathname === `/doctors/${li.id}`);
  await expectText(page.getByTestId('page-title'), 'Dr. Li Wei');
  await expectText(page.getByTestId('doctor-profile-org'), 'Greater Bay Private Hospital');
  await page.getByTestId('slot').first().waitFor();
  const firstDay = hkDay(li.next_free_slot);
  assert.equal(await page.locator('[data-testid="slot-day"][aria-pressed="true"]').getAttribute('data-day'), firstDay);
  const firstStart = Number(await page.getByTestId('slot').first().getAttribute('data-starts-at'));
  assert.equal(firstStart, li.next_free_slot, 'the first time shown is the next free one');
  // "Later" moves a week on; "Earlier" comes back.
  const range = await page.getByTestId('slots-range').innerText();
  await page.getByTestId('slots-later').click();
  await page.waitForFunction((r) => document.querySelector('[data-testid="slots-range"]')?.textContent !== r, range);
  await page.getByTestId('slots-earlier').click();
  await expectText(page.getByTestId('slots-range'), range);
});

e2e.test('a shared search link works signed out, in the language of the browser that opens it', async (h) => {
  const page = await h.newPage({ lang: 'zh-Hant', label: 'signed-out' });
  await page.goto(`${h.base}/doctors?specialty=cardiology`);
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'doctors.title'));
  assert.deepEqual(await shownDoctors(page, 'zh-Hant', 1), ['李伟醫生']);
  assert.equal(await page.getByTestId('doctors-specialty').inputValue(), 'cardiology');
  await expectText(page.getByTestId('doctor-result-org'), '大灣區私家醫院 · 深圳');
  // Choosing a time asks to sign in first, and comes back to the booking form after.
  await page.getByTestId('doctor-result-open').click();
  await page.getByTestId('slot').first().click();
  await page.waitForURL((u) => u.pathname === '/signin');
  assert.match(new URL(page.url()).searchParams.get('next'), /^\/doctors\/[a-z2-7]{26}\/book\/[a-z2-7]{26}\?day=/);
  await signIn(page, h.base, 'patient@demo.yiqiao.hk');
  await page.waitForURL((u) => u.pathname.includes('/book/'));
  await page.getByTestId('book-form').waitFor();
});
