// How the booking pages name doctors, days, times, prices and consultation types. Times are shown in
// Hong Kong time (UTC+8 all year, no daylight saving), the platform's zone.
import { formatMoney, lang, t } from '../base/i18n';
import { formatDay, hkClock, isDay } from '../base/time';

// The Hong Kong calendar helpers the schedule pages use serve these pages too.
export { addDays, formatDay, hkClock, hkToday } from '../base/time';

const HK_OFFSET_SECONDS = 8 * 3600;

/** The doctor's name as the UI language writes it: "Dr. Wong Ka Yan" or 黃嘉欣醫生 / 黄嘉欣医生. */
export function doctorName(d: { display_name: string; title: string; name_zh: string }): string {
  if (lang() !== 'en' && d.name_zh) return t('doctors.name_zh', { name: d.name_zh });
  // Display names often carry the title already ("Dr. Wong Ka Yan"): never write it twice.
  const titled = !d.title || d.display_name.toLowerCase().startsWith(d.title.toLowerCase());
  return titled ? d.display_name : `${d.title} ${d.display_name}`;
}

/** The other script's name, shown beside the main one (the Chinese name in English, and back). */
export function doctorOtherName(d: { display_name: string; name_zh: string }): string {
  return lang() === 'en' ? d.name_zh : d.name_zh ? d.display_name : '';
}

/** The Hong Kong calendar day (YYYY-MM-DD) of a time in UTC seconds. */
export function hkDay(seconds: number): string {
  return new Date((seconds + HK_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD query parameter, or undefined when absent or not a real day. */
export function dayParam(query: URLSearchParams, name: string): string | undefined {
  const v = query.get(name);
  return v && isDay(v) ? v : undefined;
}

/** "Mon 3 Aug 2026, 09:15–09:30" for an appointment or slot. */
export function formatSpan(starts: number, ends: number): string {
  return t('booking.span', { day: formatDay(hkDay(starts), 'long'), from: hkClock(starts), to: hkClock(ends) });
}

export function formatFee(cents: number, currency: string): string {
  return cents === 0 ? t('booking.fee_none') : formatMoney(cents, currency);
}

export function consultationType(type: string): string {
  return t(`booking.type.${type}`);
}
