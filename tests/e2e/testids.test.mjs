// web/TESTIDS.md lists every data-testid the web app sets (no browser needed).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/server.mjs';

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

const PATTERNS = [
  /data-testid="([a-z][a-z0-9-]*)"/g, // in a template
  /testid: '([a-z][a-z0-9-]*)'/g, // field(), selectField(), checkboxGroup(), card()
  /(?<!function )submitButton\([^;]*?'([a-z][a-z0-9-]*)'/g, // submitButton(form, label, 'x-submit')
  /section\(t\('[^']+'\), '([a-z][a-z0-9-]*)'/g, // home page sections
];

test('web/TESTIDS.md lists every data-testid in web/src', () => {
  const listed = new Set([...readFileSync(join(repoRoot, 'web/TESTIDS.md'), 'utf8').matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]));
  const missing = [];
  let found = 0;
  for (const file of sources(join(repoRoot, 'web/src'))) {
    const src = readFileSync(file, 'utf8');
    for (const re of PATTERNS) {
      for (const m of src.matchAll(re)) {
        found++;
        if (!listed.has(m[1])) missing.push(`${m[1]} (${relative(repoRoot, file)})`);
      }
    }
  }
  assert.ok(found > 100, `only ${found} test ids found: the patterns no longer match the source`);
  assert.deepEqual(missing, [], 'add these to web/TESTIDS.md');
});
