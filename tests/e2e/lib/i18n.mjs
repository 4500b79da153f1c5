// The web app's own text catalogues (web/src/i18n/*.json), so tests assert exactly what a user reads.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/server.mjs';

export const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
// The shell's catalogues (i18n/{lang}.json) merged with every area's (i18n/<area>/{lang}.json), as the app does.
const i18nDir = join(repoRoot, 'web/src/i18n');
const folders = ['', ...readdirSync(i18nDir).filter((n) => statSync(join(i18nDir, n)).isDirectory())];
const catalogues = Object.fromEntries(
  LANGS.map((l) => [
    l,
    Object.assign({}, ...folders.map((f) => JSON.parse(readFileSync(join(i18nDir, f, `${l}.json`), 'utf8')))),
  ]),
);

/** The text of `key` in `lang`, with {placeholders} filled; throws on a key the catalogue lacks. */
export function text(lang, key, params = {}) {
  const s = catalogues[lang]?.[key];
  if (typeof s !== 'string') throw new Error(`no text "${key}" in ${lang}.json`);
  return s.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
