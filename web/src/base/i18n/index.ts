// UI language: English, Traditional Chinese, Simplified Chinese. The choice is kept in localStorage,
// sent to the server as Accept-Language, and reflected in <html lang>.
// Catalogues: the shared ones in this folder ({lang}.json) and each area's in its own i18n/ folder
// (web/src/<area>/i18n/{lang}.json), merged here so that each area keeps its own text beside its
// pages; check-i18n refuses a key in two folders.
const files = import.meta.glob<Record<string, string>>('../../*/i18n/*.json', { eager: true, import: 'default' });

export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export const LANGS: readonly Lang[] = ['en', 'zh-Hant', 'zh-Hans'];

const catalogues: Record<Lang, Record<string, string>> = { en: {}, 'zh-Hant': {}, 'zh-Hans': {} };
for (const [path, entries] of Object.entries(files)) {
  const fileLang = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
  if (fileLang in catalogues) Object.assign(catalogues[fileLang as Lang], entries);
}
const STORAGE_KEY = 'yq.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag (zh-HK, zh-TW, zh-CN, zh-Hant-HK, en-GB ...) to a UI language. */
export function langFromTag(tag: string): Lang | null {
  const t = tag.toLowerCase().replace(/_/g, '-');
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t !== 'zh' && !t.startsWith('zh-')) return null;
  if (t.includes('-hant')) return 'zh-Hant';
  if (t.includes('-hans')) return 'zh-Hans';
  if (/-(hk|tw|mo)$/.test(t)) return 'zh-Hant';
  return 'zh-Hans';
}

export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

function detect(): Lang {
  const stored = storedLang();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = langFromTag(tag);
    if (l) return l;
  }
  return 'en';
}

let current: Lang = detect();
const listeners = new Set<(l: Lang) => void>();

export function lang(): Lang {
  return current;
}

/** Switches the UI language; `remember` stores it as the user's explicit choice. */
export function setLang(next: Lang, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  if (next === current) return;
  current = next;
  applyDocumentLang();
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn: (l: Lang) => void): void {
  listeners.add(fn);
}

export function applyDocumentLang(): void {
  document.documentElement.lang = current;
}

/** Translates a key; `{name}` placeholders are filled from params. Falls back to English, then the key. */
export function t(key: string, params?: Record<string, string | number>): string {
  const s = catalogues[current][key] ?? catalogues.en[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The display name of a code (specialty, region, role ...), or the code itself when unknown. */
export function codeName(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  const s = catalogues[current][key] ?? catalogues.en[key];
  return s ?? code;
}

/** Picks the UI language's entry of a multilingual text, falling back to any non-empty one. */
export function localText(names: { en: string; 'zh-Hant': string; 'zh-Hans': string } | null | undefined): string {
  if (!names) return '';
  const order: Lang[] =
    current === 'en' ? ['en', 'zh-Hant', 'zh-Hans'] : current === 'zh-Hant' ? ['zh-Hant', 'zh-Hans', 'en'] : ['zh-Hans', 'zh-Hant', 'en'];
  for (const l of order) if (names[l]) return names[l];
  return '';
}

/** A time (UTC seconds) shown in Hong Kong time, the platform's default zone. */
export function formatTime(seconds: number): string {
  return new Intl.DateTimeFormat(current, {
    timeZone: 'Asia/Hong_Kong',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(seconds * 1000));
}

/** A precise time (with seconds, 24-hour clock) for logs, in Hong Kong time. */
export function formatLogTime(seconds: number): string {
  return new Intl.DateTimeFormat(current, {
    timeZone: 'Asia/Hong_Kong',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(seconds * 1000));
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(current, { style: 'currency', currency: currency || 'HKD' }).format(cents / 100);
}
