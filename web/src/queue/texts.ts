// Texts of the queues: expected waits and opening hours (the organisation's service list shows the hours too).
import { t } from '../base/i18n';
import { clock, weekdayName } from '../base/time';
import type { HoursWindow } from './api';

/** "About 12 minutes", "Now", or that no doctor is on duty (the server cannot estimate then). */
export function waitText(minutes: number | null): string {
  if (minutes === null) return t('queue.wait_no_doctor');
  if (minutes <= 0) return t('queue.wait_now');
  return t('queue.wait_minutes', { minutes });
}

/** Opening hours in Hong Kong time, weekday by weekday. */
export function hoursText(hours: '24x7' | HoursWindow[] | null): string {
  if (hours === '24x7') return t('queue.hours_always');
  if (!hours || hours.length === 0) return t('queue.hours_unknown');
  return t('queue.hours', { hours: windowsText(hours) });
}

export function windowsText(windows: HoursWindow[]): string {
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || a.from - b.from);
  return sorted.map((w) => `${weekdayName(w.weekday, 'short')} ${clock(w.from)}–${clock(w.to)}`).join(t('queue.sep'));
}
