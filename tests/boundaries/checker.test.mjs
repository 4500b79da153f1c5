// The boundary checker itself, on small made-up trees: each rule it enforces is shown to fail on a
// tree that breaks it, and to pass on one that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkTree } from './lib/check_tree.mjs';
import { scanCpp } from './lib/cpp_text.mjs';
import { sqlTableRefs } from './lib/sql_tables.mjs';

const MAP_HEAD = '| Module | Job | Public headers | Owns tables | May call |\n| --- | --- | --- | --- | --- |\n';
const BASE_ROWS = {
  core: '| `core` | Basics. | `core/*.hpp` | — | — |',
  identity: '| `identity` | Accounts. | `identity/accounts.hpp` | `accounts` | `core` |',
  booking: '| `booking` | Bookings. | — | `appointments` | `core`, `identity` |',
};
const BASE_FILES = {
  'src/core/ids.hpp': '#pragma once\n',
  'src/identity/accounts.hpp': '#pragma once\n#include "core/ids.hpp"\n',
  'src/identity/secret.hpp': '#pragma once\n',
  'src/identity/accounts.cpp': '#include "identity/accounts.hpp"\n#include "identity/secret.hpp"\nauto q = "SELECT id FROM accounts";\n',
  'src/booking/booking.hpp': '#pragma once\n',
  'src/booking/booking.cpp': '#include "booking/booking.hpp"\n#include "identity/accounts.hpp"\nauto q = "SELECT id FROM appointments";\n',
  'src/store/migrations/001_base.sql': 'CREATE TABLE accounts (id TEXT);\nCREATE TABLE appointments (id TEXT);\n',
};

/** A tree: BASE_FILES with `files` on top (null deletes), the map's rows, an allowlist. */
function tree({ files = {}, rows = {}, allowlist = '' } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'yq-boundaries-'));
  const all = { ...BASE_FILES, ...files };
  const mapRows = Object.values({ ...BASE_ROWS, ...rows }).filter(Boolean);
  // store holds the migrations; give it a row unless the test replaces it.
  if (!rows.store && rows.store !== null) mapRows.push('| `store` | Storage. | — | — | `core` |');
  all['docs/architecture.md'] = `# Arch\n\n## Module map\nText.\n\n${MAP_HEAD}${mapRows.join('\n')}\n\n## Next\n`;
  all['tests/boundaries/allowlist.txt'] = allowlist;
  for (const [path, text] of Object.entries(all)) {
    if (text === null) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  try {
    return checkTree(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const failsWith = (result, pattern) =>
  assert.ok(result.errors.some((e) => pattern.test(e)), `expected an error like ${pattern}, got:\n${result.errors.join('\n')}`);

test('a tree that keeps to its map passes', () => {
  const r = tree();
  assert.deepEqual(r.errors, []);
  assert.equal(r.allowed.length, 0);
});

test("including another module's private header fails", () => {
  const r = tree({ files: { 'src/booking/booking.cpp': '#include "identity/secret.hpp"\n' } });
  failsWith(r, /src\/booking\/booking\.cpp:1: includes identity\/secret\.hpp/);
});

test('<module>/<module>.hpp is public without being listed, and globs match', () => {
  const r = tree({
    files: { 'src/identity/identity.hpp': '#pragma once\n', 'src/booking/extra.cpp': '#include "identity/identity.hpp"\n#include "core/ids.hpp"\n' },
    rows: { booking: '| `booking` | Bookings. | — | `appointments` | `core`, `identity` |' },
  });
  assert.deepEqual(r.errors, []);
});

test('including a module that is not in "May call" fails', () => {
  const r = tree({ files: { 'src/identity/accounts.cpp': '#include "booking/booking.hpp"\n' } });
  failsWith(r, /src\/identity\/accounts\.cpp:1: calls booking/);
});

test('"May call" may name one header of a module: that header only', () => {
  const rows = { identity: '| `identity` | Accounts. | `identity/accounts.hpp`, `identity/secret.hpp` | `accounts` | `core`, `booking/booking.hpp` |' };
  const ok = tree({ rows, files: { 'src/identity/accounts.cpp': '#include "booking/booking.hpp"\n' } });
  assert.deepEqual(ok.errors, []);
  const other = tree({
    rows: { ...rows, booking: '| `booking` | Bookings. | `booking/other.hpp` | `appointments` | `core`, `identity` |' },
    files: { 'src/booking/other.hpp': '#pragma once\n', 'src/identity/accounts.cpp': '#include "booking/other.hpp"\n' },
  });
  failsWith(other, /src\/identity\/accounts\.cpp:1: calls booking/);
  const missing = tree({ rows: { identity: rows.identity.replace('booking/booking.hpp', 'booking/gone.hpp') } });
  failsWith(missing, /may call "booking\/gone\.hpp", which does not exist/);
});

test("SQL naming another module's table fails, however it is written", () => {
  const cases = [
    'auto q = "SELECT a.id FROM accounts a WHERE 1";',
    'auto q = "SELECT 1 FROM appointments p JOIN accounts a ON a.id = p.patient_id";',
    'auto q = "INSERT INTO accounts (id) VALUES (?)";',
    'auto q = "UPDATE accounts SET x = 1";',
    'auto q = "DELETE FROM accounts WHERE id = ?";',
    'auto q = "SELECT 1 WHERE EXISTS (SELECT 1 FROM accounts x)";',
    'auto q = "SELECT 1 FROM appointments p, accounts a";',
    'auto q = "SELECT id "\n    // a comment between the pieces\n    "FROM "\n    "accounts";',
    'auto q = R"sql(SELECT id FROM\n accounts)sql";',
    'auto q = std::string("SELECT ") + cols + " FROM accounts WHERE id = ?";',
  ];
  for (const code of cases) {
    const r = tree({ files: { 'src/booking/booking.cpp': code + '\n' } });
    failsWith(r, /src\/booking\/booking\.cpp:\d+: (reads|writes) accounts/);
  }
});

test('a read and a write are told apart', () => {
  const r = tree({ files: { 'src/booking/booking.cpp': 'auto a = "SELECT 1 FROM accounts";\nauto b = "UPDATE accounts SET x = 1";\n' } });
  failsWith(r, /:1: reads accounts/);
  failsWith(r, /:2: writes accounts/);
});

test('table names outside SQL are not mistaken for SQL', () => {
  const code = [
    '// SELECT id FROM accounts (a comment)',
    '/* UPDATE accounts SET x */',
    'auto route = "/api/v1/accounts";',
    'auto text = "moved from accounts to the queue";',
    'auto key = "accounts";',
    'auto lock = "SELECT id FROM appointments WHERE id = ? FOR UPDATE";',
    "auto n = 1'000'000; auto c = '\"'; auto q = \"SELECT 1 FROM appointments\";",
  ].join('\n');
  const r = tree({ files: { 'src/booking/booking.cpp': code + '\n' } });
  assert.deepEqual(r.errors, []);
});

test('an allowlisted violation passes and is counted; a stale entry fails', () => {
  const files = { 'src/booking/booking.cpp': 'auto q = "SELECT 1 FROM accounts";\n' };
  const allowed = tree({ files, allowlist: '# known\nsrc/booking/booking.cpp | reads accounts | the reason\n' });
  assert.deepEqual(allowed.errors, []);
  assert.equal(allowed.allowed.length, 1);
  assert.equal(allowed.allowed[0].reason, 'the reason');

  const stale = tree({ allowlist: 'src/booking/booking.cpp | reads accounts | the reason\n' });
  failsWith(stale, /allowlist\.txt:1: "src\/booking\/booking\.cpp \| reads accounts" matches nothing any more/);
});

test('an allowlist entry needs a reason and a known kind of violation', () => {
  failsWith(tree({ allowlist: 'src/booking/booking.cpp | reads accounts\n' }), /want "file \| violation \| reason"/);
  failsWith(tree({ allowlist: 'src/booking/booking.cpp | touches accounts | why\n' }), /is not a violation the check reports/);
});

test('a directory under src/ missing from the map fails; a module listed before it exists does not', () => {
  failsWith(tree({ files: { 'src/extra/x.cpp': '' } }), /src\/extra\/ is not in the module map/);
  const r = tree({ rows: { later: '| `later` | To come. | `later/later.hpp` | — | `core` |' } });
  assert.deepEqual(r.errors, []);
  assert.ok(r.notes.some((n) => /later is in the map but not under src\/ yet/.test(n)));
});

test('every table has exactly one owner, and owned tables exist', () => {
  failsWith(
    tree({ files: { 'src/store/migrations/002_more.sql': 'CREATE TABLE orphans (id TEXT);\n' } }),
    /table orphans \(src\/store\/migrations\/002_more\.sql\) is owned by no module/,
  );
  failsWith(
    tree({ rows: { core: '| `core` | Basics. | `core/*.hpp` | `accounts` | — |' } }),
    /table accounts is owned by both/,
  );
  failsWith(
    tree({ rows: { core: '| `core` | Basics. | `core/*.hpp` | `ghosts` | — |' } }),
    /core owns table ghosts, which no migration creates/,
  );
  // a table a later migration drops needs no owner; one made in code does
  assert.deepEqual(
    tree({ files: { 'src/store/migrations/002_more.sql': 'CREATE TABLE old (id TEXT);\n-- gone\nDROP TABLE old;\n' } }).errors,
    [],
  );
  failsWith(
    tree({ files: { 'src/core/ids.cpp': 'auto q = "CREATE TABLE IF NOT EXISTS versions (n INTEGER)";\n' } }),
    /table versions \(src\/core\/ids\.cpp\) is owned by no module/,
  );
});

test('map entries must name what exists', () => {
  failsWith(
    tree({ rows: { identity: '| `identity` | Accounts. | `identity/gone.hpp` | `accounts` | `core` |' } }),
    /identity's public header identity\/gone\.hpp matches no file/,
  );
  failsWith(
    tree({ rows: { identity: '| `identity` | Accounts. | `core/ids.hpp` | `accounts` | `core` |' } }),
    /identity lists core\/ids\.hpp as public, which is not its header/,
  );
  failsWith(
    tree({ rows: { identity: '| `identity` | Accounts. | `identity/accounts.hpp` | `accounts` | `core`, `nowhere` |' } }),
    /identity may call "nowhere", which is not a module of the map/,
  );
});

test('the scanner keeps line numbers and joins only adjacent literals', () => {
  const { includes, literals } = scanCpp('#include "a/b.hpp"\n#include <vector>\nauto x = "A" "B";\nauto y = "C" + z + "D";\n');
  assert.deepEqual(includes, [{ path: 'a/b.hpp', line: 1 }]);
  assert.deepEqual(literals.map((l) => [l.text, l.line]), [['AB', 3], ['C', 4], ['D', 4]]);
});

test('SQL references: FROM lists, joins, and the UPDATEs that are not writes', () => {
  assert.deepEqual(sqlTableRefs('SELECT 1 FROM a x, b AS y JOIN c ON c.id = x.id'), [
    { table: 'a', access: 'reads' },
    { table: 'b', access: 'reads' },
    { table: 'c', access: 'reads' },
  ]);
  assert.deepEqual(sqlTableRefs('SELECT 1 FROM s WHERE id = ? FOR NO KEY UPDATE'), [{ table: 's', access: 'reads' }]);
  assert.deepEqual(sqlTableRefs('INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2'), [{ table: 't', access: 'writes' }]);
  assert.deepEqual(sqlTableRefs('CREATE TABLE IF NOT EXISTS m (n INTEGER)'), [{ table: 'm', access: 'writes' }]);
  assert.deepEqual(sqlTableRefs('SELECT EXTRACT(EPOCH FROM now())'), []);
});
