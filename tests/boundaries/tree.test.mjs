// The real tree against the module map in docs/architecture.md and the allowlist: the test that
// fails when a change crosses a module boundary (see tests/boundaries/check.mjs for the report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTree } from './lib/check_tree.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

test('src/ keeps to the module map (docs/architecture.md) and its allowlist', (t) => {
  const result = checkTree(root);
  for (const note of result.notes) t.diagnostic(note);
  t.diagnostic(`${result.allowed.length} allowed violations left (tests/boundaries/allowlist.txt)`);
  assert.deepEqual(result.errors, [], `boundary check failed:\n${result.errors.join('\n')}`);
});
