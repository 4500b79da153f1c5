// Helpers of the booking browser tests: the demo doctors' ids, choosing a free time on a doctor's page
// and going through the booking form as a patient would.
import assert from 'node:assert/strict';
import { anonymous } from './auth.mjs';
import { expectText } from './harness.mjs';
import { text } from './i18n.mjs';

/** The demo doctors (src/identity/demo_data.cpp) by e-mail name, looked up in the public directory. */
export async function demoDoctors(base) {
  const r = await anonymous(base).get('/api/v1/doctors?limit=50');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const by = (name) => {
    const d = r.body.items.find((x) => x.display_name === name);
    assert.ok(d, `no demo doctor ${name} in ${JSON.stringify(r.body.items.map((x) => x.display_name))}`);
    return d;
  };
  return { wong: by('Dr. Wong Ka Yan'), chan: by('Dr. Chan Siu Ming'), li: by('Dr. Li Wei') };
}

/** The doctor's free slots over the next `days` days, straight from the API. */
export async function freeSlots(base, doctorId, { days = 14, service } = {}) {
  const q = new URLSearchParams({ days: String(days), ...(service ? { service } : {}) });
  const r = await anonymous(base).get(`/api/v1/doctors/${doctorId}/slots?${q}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items;
}

/**
 * On a doctor's page: waits for the free times and clicks the `index`-th time of the day shown first
 * (or of `day`); resolves with the slot id and start the page had on the button.
 */
export async function chooseSlot(page, { index = 0, day } = {}) {
  await page.getByTestId('slot-picker').waitFor();
  if (!day && index > 0) {
    // Late in the day, today may have fewer times left than asked for: take the first day that has
    // enough (its button says how many are free once the week is loaded).
    const days = page.locator('[data-testid="slot-day"]:not([disabled])');
    await days.first().waitFor();
    for (const b of await days.all()) {
      if (Number(await b.getAttribute('data-free')) > index) {
        day = await b.getAttribute('data-day');
        break;
      }
    }
    assert.ok(day, `a day of the week shown has more than ${index} free times`);
  }
  if (day) await page.locator(`[data-testid="slot-day"][data-day="${day}"]`).click();
  const button = page.getByTestId('slot').nth(index);
  await button.waitFor();
  const slotId = await button.getAttribute('data-slot-id');
  const startsAt = Number(await button.getAttribute('data-starts-at'));
  await button.click();
  return { slotId, startsAt };
}

/**
 * On the booking page: picks the patient (`forWhom`: a test id suffix, 'self' by default), fills the
 * questionnaire, continues to the review and checks it shows what was entered.
 */
export async function fillBooking(page, lang, { forWhom = 'self', reason, symptoms = '', allergies = '' }) {
  await page.getByTestId('book-form').waitFor();
  await page.getByTestId(`book-for-${forWhom}`).check();
  await page.getByTestId('book-reason').fill(reason);
  await page.getByTestId('book-symptoms').fill(symptoms);
  await page.getByTestId('book-allergies').fill(allergies);
  await page.getByTestId('book-continue').click();
  await page.getByTestId('book-review').waitFor();
  await expectText(page.getByTestId('book-review-reason'), reason);
  assert.equal(await page.getByTestId('book-confirm').innerText(), text(lang, 'booking.confirm'));
}

/** Confirms on the review and waits for the appointment's own page; returns the appointment id. */
export async function confirmBooking(page) {
  await page.getByTestId('book-confirm').click();
  return appointmentPageShown(page);
}

/** Waits for an appointment's own page (after booking); returns the appointment id. */
export async function appointmentPageShown(page) {
  await page.waitForURL((u) => /^\/appointments\/[a-z2-7]{26}$/.test(u.pathname));
  await page.getByTestId('appt').waitFor();
  return new URL(page.url()).pathname.split('/').pop();
}

/** The Hong Kong day (YYYY-MM-DD) of UTC seconds. */
export function hkDay(seconds) {
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}
