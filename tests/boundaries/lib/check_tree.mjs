// The boundary check over a source tree: every directory under src/ is a module of the module map
// (docs/architecture.md), every table is owned by exactly one module, and a module's code includes
// only other modules' public headers, only of modules it may call, and names in its SQL only tables
// it owns. Migrations (src/store/migrations/*.sql) create every table and are not checked; tests
// are not under src/ and not checked either. Known violations are let through by the allowlist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { scanCpp } from './cpp_text.mjs';
import { sqlTableRefs } from './sql_tables.mjs';
import { parseModuleMap, globToRegExp } from './module_map.mjs';
import { parseAllowlist } from './allowlist.mjs';

const SOURCE = /\.(cpp|hpp|cc|h|ipp)$/;
const MIGRATIONS = 'store/migrations';

const toPosix = (p) => p.split(sep).join('/');

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

// Tables as the migrations leave them: created, minus dropped, in file order.
function migrationTables(migrationsDir) {
  const tables = new Map(); // name → the migration that creates it
  if (!existsSync(migrationsDir)) return tables;
  for (const name of readdirSync(migrationsDir).filter((n) => n.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(migrationsDir, name), 'utf8').replace(/--[^\n]*/g, '');
    for (const m of sql.matchAll(/\b(CREATE|DROP)\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)/gi)) {
      if (m[1].toUpperCase() === 'CREATE') tables.set(m[2], `src/${MIGRATIONS}/${name}`);
      else tables.delete(m[2]);
    }
  }
  return tables;
}

/**
 * @param {string} root  the repository (holds src/ and the map file)
 * @param {{ mapFile?: string, allowlistFile?: string }} [o]  paths relative to root
 * @returns {{ errors: string[], allowed: object[], notes: string[] }}
 *   errors: everything that fails the check (new violations, stale allowlist entries, a map that
 *   does not fit the tree); allowed: the violations the allowlist lets through.
 */
export function checkTree(root, o = {}) {
  const mapFile = o.mapFile ?? 'docs/architecture.md';
  const allowlistFile = o.allowlistFile ?? 'tests/boundaries/allowlist.txt';
  const src = join(root, 'src');
  const errors = [];
  const notes = [];

  const { modules, errors: mapErrors } = parseModuleMap(readFileSync(join(root, mapFile), 'utf8'));
  errors.push(...mapErrors);
  const allow = existsSync(join(root, allowlistFile))
    ? parseAllowlist(readFileSync(join(root, allowlistFile), 'utf8'), allowlistFile)
    : { entries: [], errors: [] };
  errors.push(...allow.errors);

  // Modules: the directories under src/ against the map's rows.
  const present = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory()).sort();
  for (const dir of present) {
    if (!modules.has(dir)) errors.push(`src/${dir}/ is not in the module map (${mapFile}, "Module map")`);
  }
  for (const [name, m] of modules) {
    if (!present.includes(name)) notes.push(`module ${name} is in the map but not under src/ yet`);
    for (const callee of m.mayCall) {
      // `module/header.hpp`: only that one header of the module (a leaf the module builds apart).
      const calleeModule = callee.includes('/') ? callee.slice(0, callee.indexOf('/')) : callee;
      if (!modules.has(calleeModule)) {
        errors.push(`${mapFile}:${m.line}: ${name} may call "${callee}", which is not a module of the map`);
      } else if (callee.includes('/') && present.includes(calleeModule) && !existsSync(join(src, callee))) {
        errors.push(`${mapFile}:${m.line}: ${name} may call "${callee}", which does not exist`);
      }
    }
  }

  const files = walk(src)
    .filter((f) => SOURCE.test(f))
    .map((f) => toPosix(relative(src, f)))
    .filter((f) => !f.startsWith(MIGRATIONS + '/'));
  const moduleOf = (path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : null);

  // Public headers: each entry names this module's files, and names at least one.
  const publicMatchers = new Map();
  for (const [name, m] of modules) {
    const patterns = [`${name}/${name}.hpp`, ...m.publicHeaders];
    publicMatchers.set(name, patterns.map(globToRegExp));
    if (!present.includes(name)) continue;
    for (const h of m.publicHeaders) {
      if (!h.startsWith(name + '/')) {
        errors.push(`${mapFile}:${m.line}: ${name} lists ${h} as public, which is not its header`);
      } else if (!files.some((f) => globToRegExp(h).test(f))) {
        errors.push(`${mapFile}:${m.line}: ${name}'s public header ${h} matches no file`);
      }
    }
  }

  // Tables and their owners.
  const scanned = new Map(files.map((f) => [f, scanCpp(readFileSync(join(src, f), 'utf8'))]));
  const tables = migrationTables(join(src, MIGRATIONS));
  for (const [file, { literals }] of scanned) {
    for (const lit of literals) {
      for (const m of lit.text.matchAll(/\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!tables.has(m[1])) tables.set(m[1], `src/${file}`);
      }
    }
  }
  const owner = new Map();
  for (const [name, m] of modules) {
    for (const t of m.ownsTables) {
      if (!tables.has(t)) errors.push(`${mapFile}:${m.line}: ${name} owns table ${t}, which no migration creates`);
      else if (owner.has(t)) errors.push(`table ${t} is owned by both ${owner.get(t)} and ${name}`);
      else owner.set(t, name);
    }
  }
  for (const [t, where] of tables) {
    if (!owner.has(t)) errors.push(`table ${t} (${where}) is owned by no module of the map`);
  }

  // Violations, grouped by file and what, with every line they occur on.
  const found = new Map();
  const violation = (file, what, line, detail) => {
    const key = `src/${file} | ${what}`;
    if (!found.has(key)) found.set(key, { file: `src/${file}`, what, lines: [], detail });
    const lines = found.get(key).lines;
    if (!lines.includes(line)) lines.push(line);
  };
  for (const [file, { includes, literals }] of scanned) {
    const from = moduleOf(file);
    const mine = modules.get(from);
    if (!mine) continue; // an unmapped directory is reported above
    for (const inc of includes) {
      const besideFile = toPosix(relative(src, resolve(src, dirname(file), inc.path)));
      const target = existsSync(join(src, besideFile)) && !besideFile.startsWith('..') ? besideFile : toPosix(inc.path);
      const to = moduleOf(target);
      if (!to || to === from || !modules.has(to)) continue;
      if (!mine.mayCall.includes(to) && !mine.mayCall.includes(target)) {
        violation(file, `calls ${to}`, inc.line, `includes ${target}, but ${to} is not in ${from}'s "May call"`);
      }
      if (!publicMatchers.get(to).some((re) => re.test(target))) {
        violation(file, `includes ${target}`, inc.line, `${target} is not one of ${to}'s public headers`);
      }
    }
    for (const lit of literals) {
      for (const ref of sqlTableRefs(lit.text)) {
        const tableOwner = owner.get(ref.table);
        if (!tableOwner || tableOwner === from) continue;
        violation(file, `${ref.access} ${ref.table}`, lit.line, `SQL on ${ref.table}, which ${tableOwner} owns`);
      }
    }
  }

  const allowed = [];
  const used = new Set();
  for (const [key, v] of found) {
    const entry = allow.entries.find((e) => `${e.file} | ${e.what}` === key);
    if (entry) {
      used.add(entry);
      allowed.push({ ...v, reason: entry.reason });
    } else {
      errors.push(`${v.file}:${v.lines.join(',')}: ${v.what} (${v.detail})`);
    }
  }
  for (const e of allow.entries) {
    if (!used.has(e)) {
      errors.push(`${allowlistFile}:${e.line}: "${e.file} | ${e.what}" matches nothing any more: remove it`);
    }
  }
  return { errors, allowed, notes, found: [...found.values()] };
}
