#!/usr/bin/env node
// The module boundary check (docs/architecture.md, "Module map"): exits 1 when the tree breaks the
// map or the allowlist (tests/boundaries/allowlist.txt) is out of date.
//   node tests/boundaries/check.mjs            check, print what failed and what is allowed
//   node tests/boundaries/check.mjs --found    print every violation found, as allowlist lines,
//                                              keeping the reason of an entry for the same file
//                                              (or, after a move, a file of the same name)
import { readFileSync } from 'node:fs';
import { basename, resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTree } from './lib/check_tree.mjs';
import { parseAllowlist } from './lib/allowlist.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const result = checkTree(root);

if (process.argv.includes('--found')) {
  const { entries } = parseAllowlist(readFileSync(join(root, 'tests/boundaries/allowlist.txt'), 'utf8'));
  for (const v of result.found) {
    const same = entries.find((e) => e.file === v.file && e.what === v.what);
    const moved = entries.find((e) => basename(e.file) === basename(v.file) && e.what === v.what);
    console.log(`${v.file} | ${v.what} | ${(same ?? moved)?.reason ?? 'REASON'}`);
  }
  process.exit(0);
}

for (const note of result.notes) console.log(`boundaries: note: ${note}`);
for (const error of result.errors) console.log(`boundaries: FAIL: ${error}`);
console.log(`boundaries: ${result.allowed.length} allowed violations left (tests/boundaries/allowlist.txt)`);
if (result.errors.length > 0) {
  console.log(`boundaries: ${result.errors.length} problems`);
  process.exit(1);
}
console.log('boundaries: the tree keeps to the module map');
