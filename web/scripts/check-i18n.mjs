#!/usr/bin/env node
// Fails (exit 1) when the UI text catalogues disagree:
//  - a key missing or empty in en.json, zh-Hant.json or zh-Hans.json (of base/i18n/ or an area's <area>/i18n/),
//  - a value that is not a string, or whose {placeholders} differ from the English one,
//  - a t('key') in web/src that is not in en.json,
//  - a file of one area using a key of another area's folder (a key several areas use lives in base/i18n/),
//  - a code in web/src/base/codes.json (specialties, languages, regions, ...) without a display name.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(web, 'src');
const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
// codes.json list → key prefix in the catalogues
const CODE_PREFIX = {
  specialty: 'specialty',
  spoken_language: 'spoken_language',
  region: 'region',
  org_kind: 'org_kind',
  role: 'role',
  staff_status: 'staff_status',
  audit_outcome: 'audit_outcome',
  ui_lang: 'lang',
};

const problems = [];
// The shared catalogues sit in base/i18n/, each area's in <area>/i18n/ (web/src/booking/i18n/, ...);
// every folder has all three languages with the same keys, and a key lives in one folder only.
const catalogues = Object.fromEntries(LANGS.map((l) => [l, {}]));
const folders = readdirSync(src)
  .filter((n) => existsSync(join(src, n, 'i18n')))
  .map((n) => `${n}/i18n`);
const home = {};
for (const folder of folders) {
  for (const lang of LANGS) {
    const file = join(src, folder, `${lang}.json`);
    let entries = {};
    try {
      entries = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${relative(web, file)}: cannot be read as JSON (${e.message})`);
    }
    for (const [key, value] of Object.entries(entries)) {
      const where = folder;
      if (lang === 'en') {
        if (key in home) problems.push(`"${key}" is in both ${home[key]} and ${where}`);
        home[key] = where;
      } else if (home[key] !== undefined && home[key] !== where) {
        problems.push(`${relative(web, file)}: "${key}" belongs to ${home[key]}`);
      }
      catalogues[lang][key] = value;
    }
  }
}

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
const allKeys = new Set(LANGS.flatMap((l) => Object.keys(catalogues[l])));
for (const key of [...allKeys].sort()) {
  for (const lang of LANGS) {
    const value = catalogues[lang][key];
    if (value === undefined) problems.push(`${lang}.json: missing key "${key}"`);
    else if (typeof value !== 'string') problems.push(`${lang}.json: "${key}" is not a string`);
    else if (value.trim() === '') problems.push(`${lang}.json: "${key}" is empty`);
    else if (lang !== 'en' && typeof catalogues.en[key] === 'string' && placeholders(value) !== placeholders(catalogues.en[key]))
      problems.push(`${lang}.json: "${key}" has placeholders {${placeholders(value)}}, en.json has {${placeholders(catalogues.en[key])}}`);
  }
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) yield path;
  }
}

// t('key'), t("key") and t(`key`) without interpolation; keys built at run time (t(`lang.${l}`)) are
// covered by the codes.json check below.
const call = /(?<![\w$.])t\(\s*(['"`])([^'"`$\\]+)\1/g;
// ... and the navigation labels of routes: nav: { label: 'key', ... }
const navLabel = /nav:\s*\{\s*label:\s*(['"`])([^'"`$\\]+)\1/g;
// Keys built at run time, by their fixed start: t(`consult.seat.${seat}`), codeName('specialty', code).
const builtKey = /(?<![\w$.])t\(\s*`([^`$\\]+)\$\{|codeName\(\s*'([^']+)'/g;
let used = 0;
for (const file of sourceFiles(src)) {
  const text = readFileSync(file, 'utf8');
  const where = (m) => `${relative(web, file)}:${text.slice(0, m.index).split('\n').length}`;
  // The folder of the file's area: it may use its own keys and the shared ones of base/i18n.
  const parts = relative(src, file).split(sep);
  const own = parts.length > 1 ? `${parts[0]}/i18n` : null;
  const foreign = (key) => home[key] !== undefined && home[key] !== 'base/i18n' && home[key] !== own;
  for (const m of [...text.matchAll(call), ...text.matchAll(navLabel)]) {
    used++;
    const key = m[2];
    if (!(key in catalogues.en)) problems.push(`${where(m)}: t('${key}') is not in en.json`);
    else if (foreign(key)) problems.push(`${where(m)}: "${key}" is a text of ${home[key]}; a key several areas use belongs in base/i18n`);
  }
  for (const m of text.matchAll(builtKey)) {
    const prefix = m[1] ?? `${m[2]}.`;
    for (const key of Object.keys(home)) {
      if (key.startsWith(prefix) && foreign(key))
        problems.push(`${where(m)}: "${key}" (built from "${prefix}") is a text of ${home[key]}; a key several areas use belongs in base/i18n`);
    }
  }
}

const codes = JSON.parse(readFileSync(join(src, 'base', 'codes.json'), 'utf8'));
for (const [list, prefix] of Object.entries(CODE_PREFIX)) {
  for (const code of codes[list] ?? []) {
    if (!(`${prefix}.${code}` in catalogues.en)) problems.push(`codes.json: ${list} "${code}" has no name "${prefix}.${code}" in en.json`);
  }
}

if (problems.length) {
  console.error(`check-i18n: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-i18n: ${allKeys.size} keys in ${LANGS.length} languages, ${used} t() calls, all present`);
