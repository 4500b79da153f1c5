// Hong Kong calendar helpers: the platform's schedules are in Hong Kong local time (UTC+8, no daylight
// saving), stored as UTC seconds or local minutes of an ISO weekday.
import { lang } from './i18n';

const HK_OFFSET_SECONDS = 8 * 3600;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Today in Hong Kong as YYYY-MM-DD. */
export function hkToday(now = Date.now()): string {
  return new Date(now + HK_OFFSET_SECONDS * 1000).toISOString().slice(0, 10);
}

/** A Hong Kong day moved by `n` days. */
export function addDays(day: string, n: number): string {
  const m = DAY.exec(day);
  if (!m) return day;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** "HH:MM" → minutes after midnight, or null. */
export function parseClock(value: string): number | null {
  const m = TIME.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Minutes after midnight → "HH:MM" (1440 is "24:00", the end of the day). */
export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A Hong Kong local day and "HH:MM" → UTC seconds, or null when either is malformed. */
export function hkLocalToUtc(day: string, time: string): number | null {
  const d = DAY.exec(day);
  const minutes = parseClock(time);
  if (!d || minutes === null || !isDay(day)) return null;
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 1000 + minutes * 60 - HK_OFFSET_SECONDS;
}

/** The time of day in Hong Kong (24-hour clock). */
export function hkClock(seconds: number): string {
  return new Intl.DateTimeFormat(lang(), {
    timeZone: 'Asia/Hong_Kong',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(seconds * 1000));
}

/** A Hong Kong day (YYYY-MM-DD) written out in the UI language, with its weekday. */
export function dayLabel(day: string): string {
  const m = DAY.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(lang(), {
    timeZone: 'UTC',
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** An ISO weekday (1 = Monday ... 7 = Sunday) in the UI language. */
export function weekdayName(weekday: number, style: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(lang(), { timeZone: 'UTC', weekday: style }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** A moment as Hong Kong day and time, e.g. "Mon, 3 Aug 2026, 09:00". */
export function hkDateTime(seconds: number): string {
  return new Intl.DateTimeFormat(lang(), {
    timeZone: 'Asia/Hong_Kong',
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(seconds * 1000));
}

/** "Mon 3 Aug" / "8月3日 週一" for a YYYY-MM-DD day. */
export function formatDay(day: string, style: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'short'
      ? { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }
      : { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(lang(), options).format(new Date(`${day}T00:00:00Z`));
}
