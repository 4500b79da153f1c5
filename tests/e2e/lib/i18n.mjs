// The web app's own text catalogues (web/src/<area>/i18n/*.json), so tests assert exactly what a user reads.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/server.mjs';

export const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
// Every folder's catalogues (base/i18n/{lang}.json and each area's <area>/i18n/{lang}.json) merged, as the app does.
const src = join(repoRoot, 'web/src');
const folders = readdirSync(src).filter((n) => existsSync(join(src, n, 'i18n')));
const catalogues = Object.fromEntries(
  LANGS.map((l) => [
    l,
    Object.assign({}, ...folders.map((f) => JSON.parse(readFileSync(join(src, f, 'i18n', `${l}.json`), 'utf8')))),
  ]),
);

/** The text of `key` in `lang`, with {placeholders} filled; throws on a key the catalogue lacks. */
export function text(lang, key, params = {}) {
  const s = catalogues[lang]?.[key];
  if (typeof s !== 'string') throw new Error(`no text "${key}" in ${lang}.json`);
  return s.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
