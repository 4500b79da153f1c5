// The web app's own text catalogues (web/src/i18n/*.json), so tests assert exactly what a user reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/server.mjs';

export const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
const catalogues = Object.fromEntries(
  LANGS.map((l) => [l, JSON.parse(readFileSync(join(repoRoot, 'web/src/i18n', `${l}.json`), 'utf8'))]),
);

/** The text of `key` in `lang`, with {placeholders} filled; throws on a key the catalogue lacks. */
export function text(lang, key, params = {}) {
  const s = catalogues[lang]?.[key];
  if (typeof s !== 'string') throw new Error(`no text "${key}" in ${lang}.json`);
  return s.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
