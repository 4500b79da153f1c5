#!/usr/bin/env node
// Fails (exit 1) when the web app's folders stop keeping to themselves (docs/architecture.md, "Web app"):
//  - a file of one area (web/src/<area>/) imports a file of another area other than its index.ts,
//  - a file of web/src/base/ imports anything outside base/ (the foundations depend on no area),
//  - web/src/main.ts imports anything but an area's index.ts and the stylesheets,
//  - a stylesheet is imported anywhere but main.ts, or main.ts leaves one out (main.ts lists them all,
//    so the cascade order is written in one place),
//  - an area folder has no index.ts,
//  - a relative import names a file that does not exist,
//  - files import each other in a circle (type-only imports count too).
// Imports are read from the source text (import/export ... from '...', import '...', import('...')).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
// An optional argument checks another tree (e.g. a copy with a violation planted, to see the check fail).
const src = process.argv[2] ? resolvePath(process.argv[2]) : join(web, 'src');
const BASE = 'base';

function* filesOf(dir, pattern) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesOf(path, pattern);
    else if (pattern.test(name)) yield path;
  }
}

/** The relative module specifiers a file imports, with the line each is on. */
function importsOf(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const found = [];
  const patterns = [
    /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import x from '...', export { x } from '...'
    /^[ \t]*import\s*['"]([^'"]+)['"]/gm, // import './styles.css'
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('...')
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      if (!m[1].startsWith('.')) continue; // a package
      found.push({ spec: m[1], line: code.slice(0, m.index).split('\n').length + (m[0].match(/^\s*/)[0].split('\n').length - 1) });
    }
  }
  return found;
}

function resolve(from, spec) {
  const path = join(dirname(from), spec);
  for (const candidate of [path, `${path}.ts`, join(path, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const rel = (path) => relative(src, path).split(sep).join('/');
/** The folder right under web/src a file belongs to ('base', 'booking', ...), or null for main.ts. */
const areaOf = (path) => {
  const parts = rel(path).split('/');
  return parts.length > 1 ? parts[0] : null;
};
const isIndexOf = (path, area) => rel(path) === `${area}/index.ts`;

const problems = [];
const graph = new Map(); // file → files it imports
let edges = 0;
const files = [...filesOf(src, /\.(ts|mts|js|mjs)$/)];
const entry = join(src, 'main.ts');
const stylesheetsImported = new Set();
for (const file of files) {
  const from = areaOf(file);
  const targets = [];
  graph.set(file, targets);
  for (const { spec, line } of importsOf(readFileSync(file, 'utf8'))) {
    const where = `${rel(file)}:${line}`;
    const target = resolve(file, spec);
    if (!target) {
      problems.push(`${where}: '${spec}' is not a file`);
      continue;
    }
    edges++;
    targets.push(target);
    const to = areaOf(target);
    if (target.endsWith('.css')) {
      if (file === entry) stylesheetsImported.add(target);
      else problems.push(`${where}: imports the stylesheet ${rel(target)}; stylesheets are imported by main.ts only, in cascade order`);
      continue;
    }
    if (!to) problems.push(`${where}: imports ${rel(target)}, the entry point`);
    else if (from === BASE && to !== BASE) problems.push(`${where}: base/ imports ${rel(target)} of area ${to}`);
    else if (from === null && to !== BASE && !isIndexOf(target, to)) problems.push(`${where}: imports ${rel(target)}; use ${to}/index.ts`);
    else if (from !== null && from !== to && to !== BASE && !isIndexOf(target, to))
      problems.push(`${where}: area ${from} imports ${rel(target)}, inside area ${to}; import what ${to}/index.ts exports`);
  }
}

for (const sheet of filesOf(src, /\.css$/)) {
  if (!stylesheetsImported.has(sheet)) problems.push(`${rel(sheet)}: not imported by main.ts (its place in the cascade is unstated)`);
}

const areas = readdirSync(src).filter((n) => n !== BASE && statSync(join(src, n)).isDirectory());
for (const area of areas) {
  if (!existsSync(join(src, area, 'index.ts'))) problems.push(`${area}/: no index.ts saying what the area offers the others`);
}

// Circles: strongly connected components of the file graph (Tarjan), each shown as one circle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function connect(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(new Set(component));
}
for (const file of files) if (!index.has(file)) connect(file);

/** One circle through `start` inside its component (breadth-first, so it is a shortest one). */
function circleFrom(start, component) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = previous.get(v); p; p = previous.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
for (const component of circles) {
  const start = [...component].sort()[0];
  const circle = circleFrom(start, component).map(rel).join(' → ');
  problems.push(`import circle${component.size > 2 ? ` (${component.size} files tied up), e.g.` : ''}: ${circle}`);
}

if (problems.length) {
  console.error(`check-imports: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} files, ${edges} imports, ${areas.length} areas; no area reaches into another, no circles`);
