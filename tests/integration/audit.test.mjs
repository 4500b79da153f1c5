// The audit trail: what gets recorded, who may read it, and `yiqiao audit verify` catching an
// attacker who edits or deletes events directly in the database; with the signed checkpoints
// (`--anchor`), also a database administrator who re-hashes the chain after rewriting it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, backends, runYiqiao } from '../support/server.mjs';
import { anonymous, expectProblem, expectStatus, fieldErrors } from './lib/client.mjs';
import { signInAll, demoEmail, auditEvents, DEMO_PASSWORD } from './lib/auth.mjs';

/** Runs SQL against the stopped server's database, as someone with direct database access would. */
function sql(srv, statement) {
  const [cmd, args] =
    srv.backend === 'postgresql'
      ? ['psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', srv.database, '-c', statement]]
      : ['sqlite3', ['-bail', srv.database.replace(/^sqlite:/, ''), statement]];
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${cmd}: ${e.stderr || e.message}`);
  }
}

/** Rows of a query as arrays of text, split on a separator no audit field contains. */
function rows(srv, statement) {
  const sep = '\x1f';
  const [cmd, args] =
    srv.backend === 'postgresql'
      ? ['psql', ['-X', '-q', '-A', '-t', '-F', sep, '-v', 'ON_ERROR_STOP=1', srv.database, '-c', statement]]
      : ['sqlite3', ['-bail', '-separator', sep, srv.database.replace(/^sqlite:/, ''), statement]];
  const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split(sep));
}

function verify(srv, ...more) {
  return runYiqiao(['audit', 'verify', '--database', srv.database, '--data-dir', srv.dataDir, ...more]);
}

const GENESIS = '0'.repeat(64);

/** The server's event hash (audit_log.cpp chain_hash), as a DBA who read the source would write it. */
function chainHash(prev, e) {
  const canonical = JSON.stringify([Number(e.seq), Number(e.at), e.actor_id, e.actor_role, e.on_behalf_of, e.action, e.patient_id, e.target_type, e.target_id, e.ip, e.outcome, e.detail]);
  return createHash('sha256').update(prev + '\n' + canonical).digest('hex');
}

const COLUMNS = ['seq', 'at', 'actor_id', 'actor_role', 'on_behalf_of', 'action', 'patient_id', 'target_type', 'target_id', 'ip', 'outcome', 'detail'];

/** Re-hashes the chain from event `from` and moves the head to its end: the chain is whole again. */
function rehashFrom(srv, from) {
  const events = rows(srv, `SELECT ${COLUMNS.join(', ')} FROM audit_events ORDER BY seq`).map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])));
  let prev = from === 1 ? GENESIS : rows(srv, `SELECT hash FROM audit_events WHERE seq = ${from - 1}`)[0][0];
  const updates = [];
  let last = from - 1;
  for (const e of events) {
    if (Number(e.seq) < from) continue;
    const h = chainHash(prev, e);
    updates.push(`UPDATE audit_events SET prev_hash = '${prev}', hash = '${h}' WHERE seq = ${e.seq};`);
    prev = h;
    last = Number(e.seq);
  }
  updates.push(`UPDATE audit_head SET seq = ${last}, hash = '${prev}' WHERE id = 1;`);
  sql(srv, updates.join('\n'));
  return last;
}

for (const backend of backends()) {
  describe(`audit trail (${backend})`, () => {
    let srv;
    let as;
    let anon;
    let org;
    let nurseId;
    let stopped = false;

    before(async () => {
      srv = await startServer({ backend, args: ['--audit-anonymous-flush-seconds', '1', '--audit-anchor-seconds', '1'] });
      anon = anonymous(srv);
      as = await signInAll(srv, ['admin', 'orgadmin', 'patient2']);
      org = as.orgadmin.account.roles[0].organisation_id;
    });
    after(async () => {
      if (!stopped) await srv?.stop();
      await srv?.stop(); // removes the kept data (and drops the PostgreSQL database)
    });

    test('sign-ins, failed sign-ins and role changes are recorded with who, what and from where', async () => {
      const patientId = as.patient2.account.id;
      expectProblem(await anon.post('/api/v1/auth/login', { email: demoEmail('patient2'), password: 'Wrong-password-1' }), 401, 'invalid_credentials');
      expectProblem(await anon.post('/api/v1/auth/login', { email: `ghost-${backend}@example.test`, password: 'Wrong-password-1' }), 401, 'invalid_credentials');
      const staff = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org}/staff`), 200).json.items;
      nurseId = staff.find((s) => s.email === demoEmail('nurse')).account_id;
      expectStatus(await as.orgadmin.patch(`/api/v1/organisations/${org}/staff/${nurseId}`, { roles: ['nurse', 'doctor'] }), 200);
      expectStatus(await as.orgadmin.patch(`/api/v1/organisations/${org}/staff/${nurseId}`, { status: 'disabled' }), 200);
      expectStatus(await as.orgadmin.patch(`/api/v1/organisations/${org}/staff/${nurseId}`, { status: 'active' }), 200);

      const events = await auditEvents(as.admin);
      const seqs = events.map((e) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
      for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i - 1] - seqs[i], 1, 'no gaps');
      const find = (pred, what) => {
        const e = events.find(pred);
        assert.ok(e, `audit event: ${what}`);
        return e;
      };

      const ok = find((e) => e.action === 'auth.sign_in' && e.actor_id === patientId && e.outcome === 'success', 'successful sign-in');
      assert.equal(ok.ip, '127.0.0.1');
      assert.equal(ok.target_id, patientId);
      assert.ok(ok.at >= Date.now() / 1000 - 120 && ok.at <= Date.now() / 1000 + 5, 'a current timestamp');
      const wrong = find((e) => e.action === 'auth.sign_in' && e.actor_id === patientId && e.outcome === 'failure', 'failed sign-in');
      assert.equal(wrong.detail, 'wrong password');
      assert.ok(wrong.seq > ok.seq);
      // A sign-in naming no account is summed with others like it (one event per flush).
      let ghost;
      for (let i = 0; i < 100 && !ghost; i++) {
        ghost = (await auditEvents(as.admin)).find((e) => e.action === 'auth.sign_in' && e.detail.startsWith('unknown account; count='));
        if (!ghost) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(ghost, 'sign-in to an unknown account');
      assert.equal(ghost.outcome, 'failure');
      assert.equal(ghost.actor_id, '');
      assert.equal(ghost.actor_role, 'anonymous');
      assert.equal(ghost.ip, '127.0.0.1');
      assert.match(ghost.detail, /^unknown account; count=1 from=\S+Z to=\S+Z$/);

      const roles = find((e) => e.action === 'staff.roles_changed', 'role change');
      assert.equal(roles.actor_id, as.orgadmin.account.id);
      assert.equal(roles.actor_role, 'org_admin');
      assert.equal(roles.target_type, 'account');
      assert.equal(roles.target_id, nurseId);
      assert.match(roles.detail, new RegExp(`org=${org} roles=(nurse,doctor|doctor,nurse)`));
      const status = events.filter((e) => e.action === 'staff.status_changed' && e.target_id === nurseId);
      assert.deepEqual(status.map((e) => e.detail), [`org=${org} status=active`, `org=${org} status=disabled`]);
      find((e) => e.action === 'account.totp_enabled' && e.actor_id === as.admin.account.id, 'authenticator enrolment');
      find((e) => e.action === 'system.demo_data_loaded' && e.seq === 1, 'the first event');

      const text = JSON.stringify(events);
      assert.ok(!text.includes(DEMO_PASSWORD) && !text.includes('Wrong-password-1'), 'no passwords in the trail');
      assert.ok(!text.includes(as.admin.token), 'no session tokens in the trail');
    });

    test('the trail pages backwards, reading the outbox is audited, and only the platform admin reads it', async () => {
      const first = await auditEvents(as.admin);
      const older = await auditEvents(as.admin, first[2].seq);
      assert.equal(older[0].seq, first[2].seq - 1);
      assert.deepEqual(older.slice(0, first.length - 3), first.slice(3));
      const bad = await as.admin.get('/api/v1/admin/audit?before=abc');
      expectProblem(bad, 422, 'validation');
      assert.equal(fieldErrors(bad).before, 'field.not_a_number');

      expectStatus(await as.admin.get('/api/v1/admin/outbox'), 200);
      const [latest] = await auditEvents(as.admin);
      assert.equal(latest.action, 'outbox.read');
      assert.equal(latest.actor_id, as.admin.account.id);

      const refused = await as.orgadmin.get('/api/v1/admin/audit');
      expectProblem(refused, 403, 'forbidden');
      assert.ok(!refused.text.includes('auth.sign_in'));
      expectProblem(await as.patient2.get('/api/v1/admin/audit'), 403, 'forbidden');
      expectProblem(await anon.get('/api/v1/admin/audit'), 401, 'unauthenticated');
    });

    test('`yiqiao audit verify` passes, then catches an edited, a deleted and a cut-off event', async () => {
      const events = await auditEvents(as.admin);
      const last = events[0].seq;
      const edited = events.find((e) => e.action === 'auth.sign_in' && e.outcome === 'failure' && e.detail === 'wrong password');
      const deleted = events.find((e) => e.action === 'staff.roles_changed');
      assert.ok(edited && deleted && edited.seq !== deleted.seq && deleted.seq < last);
      stopped = true;
      assert.deepEqual(await srv.stop({ keep: true }), { code: 0, signal: null });

      const intact = verify(srv);
      assert.equal(intact.code, 0, intact.stdout + intact.stderr);
      assert.equal(intact.stdout.trim(), `audit trail intact: ${last} events verified`);

      // The application's own database user cannot rewrite history: the triggers refuse.
      assert.throws(() => sql(srv, `UPDATE audit_events SET detail = 'x' WHERE seq = ${edited.seq}`), /append-only/);
      assert.throws(() => sql(srv, `DELETE FROM audit_events WHERE seq = ${deleted.seq}`), /append-only/);

      // An attacker with full access removes the triggers and rewrites an event.
      if (backend === 'postgresql') sql(srv, 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      else sql(srv, 'DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      sql(srv, `UPDATE audit_events SET detail = 'nothing happened' WHERE seq = ${edited.seq}`);
      const altered = verify(srv);
      assert.equal(altered.code, 1, altered.stdout);
      assert.match(altered.stdout, new RegExp(`AUDIT TRAIL TAMPERED: event ${edited.seq} was altered \\(first bad event: ${edited.seq}, ${edited.seq - 1} events verified`));
      sql(srv, `UPDATE audit_events SET detail = 'wrong password' WHERE seq = ${edited.seq}`);
      assert.equal(verify(srv).code, 0, 'restored: intact again');

      // Changing who did it is caught the same way.
      sql(srv, `UPDATE audit_events SET actor_id = '' WHERE seq = ${deleted.seq}`);
      assert.match(verify(srv).stdout, new RegExp(`event ${deleted.seq} was altered`));
      sql(srv, `UPDATE audit_events SET actor_id = '${deleted.actor_id}' WHERE seq = ${deleted.seq}`);

      // Deleting an event in the middle.
      const row = sql(srv, `SELECT at, prev_hash, hash FROM audit_events WHERE seq = ${deleted.seq}`).trim().split('|');
      sql(srv, `DELETE FROM audit_events WHERE seq = ${deleted.seq}`);
      const missing = verify(srv);
      assert.equal(missing.code, 1);
      assert.match(missing.stdout, new RegExp(`event ${deleted.seq} is missing \\(first bad event: ${deleted.seq},`));
      const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
      sql(
        srv,
        `INSERT INTO audit_events (seq, at, actor_id, actor_role, on_behalf_of, action, patient_id, target_type, target_id, ip, outcome, detail, prev_hash, hash) VALUES (` +
          [deleted.seq, row[0], q(deleted.actor_id), q(deleted.actor_role), q(deleted.on_behalf_of), q(deleted.action), q(deleted.patient_id), q(deleted.target_type), q(deleted.target_id), q(deleted.ip), q(deleted.outcome), q(deleted.detail), q(row[1]), q(row[2])].join(', ') +
          ')',
      );
      assert.equal(verify(srv).code, 0, 'put back: intact again');

      // Cutting events off the end is caught through the chain head.
      const tail = rows(srv, `SELECT ${COLUMNS.join(', ')}, prev_hash, hash FROM audit_events WHERE seq = ${last}`)[0];
      sql(srv, `DELETE FROM audit_events WHERE seq = ${last}`);
      const cut = verify(srv);
      assert.equal(cut.code, 1);
      assert.match(cut.stdout, new RegExp(`events after ${last - 1} were removed`));
      sql(srv, `INSERT INTO audit_events (${COLUMNS.join(', ')}, prev_hash, hash) VALUES (${tail.map(q).join(', ')})`);
      assert.equal(verify(srv).code, 0, 'put back: intact again');
    });

    test('finding: a DBA who rewrites, deletes or truncates and re-hashes passes `audit verify` but not `audit verify --anchor`', async () => {
      assert.ok(stopped, 'runs on the stopped server of the test before');
      const anchorFile = join(srv.dataDir, 'audit-anchor.jsonl');
      const anchored = (...more) => verify(srv, '--anchor', anchorFile, ...more);
      const head = () => Number(rows(srv, 'SELECT seq FROM audit_head')[0][0]);
      const last = head();
      const lines = readFileSync(anchorFile, 'utf8').trim().split('\n');
      assert.ok(lines.length >= 2, 'checkpoints at the interval and at shutdown');
      assert.equal(JSON.parse(lines.at(-1)).seq, last, 'the shutdown checkpoint has the last event');

      const ok = anchored();
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.equal(ok.stdout.trim(), `audit trail intact: ${last} events verified, ${lines.length} signed checkpoints matched (the last at event ${last})`);
      // The public key, exported the way an auditor keeps it on another machine.
      const exported = runYiqiao(['audit', 'anchor-key', '--data-dir', srv.dataDir]);
      assert.equal(exported.code, 0, exported.stderr);
      const publicKey = exported.stdout.trim();
      assert.match(publicKey, /^[A-Za-z0-9+/]{43}=$/);
      assert.ok(!readFileSync(join(srv.dataDir, 'audit-anchor.key'), 'utf8').includes(publicKey), 'the key file holds the secret half, not this');
      assert.equal(anchored('--public-key', publicKey).code, 0);
      writeFileSync(join(srv.dataDir, 'anchor.pub'), publicKey + '\n');
      assert.equal(anchored('--public-key', join(srv.dataDir, 'anchor.pub')).code, 0);
      const stranger = anchored('--public-key', 'A'.repeat(43) + '=');
      assert.equal(stranger.code, 1);
      assert.match(stranger.stdout, /AUDIT ANCHOR INVALID: anchor line 1 is not signed by this key/);
      assert.equal(anchored('--public-key', 'nonsense').code, 2);

      // What the trail was, to put back between the attacks (each is shown on its own).
      const all = [...COLUMNS, 'prev_hash', 'hash'];
      const original = rows(srv, `SELECT ${all.join(', ')} FROM audit_events ORDER BY seq`);
      const originalHead = rows(srv, 'SELECT seq, hash FROM audit_head')[0];
      const q = (v) => `'${String(v).replaceAll("'", "''")}'`;
      const restore = () => {
        if (backend === 'postgresql') sql(srv, 'ALTER TABLE audit_events DISABLE TRIGGER USER');
        sql(srv, 'DELETE FROM audit_events');
        sql(srv, `INSERT INTO audit_events (${all.join(', ')}) VALUES ${original.map((r) => `(${r.map(q).join(', ')})`).join(', ')}`);
        sql(srv, `UPDATE audit_head SET seq = ${originalHead[0]}, hash = '${originalHead[1]}' WHERE id = 1`);
        assert.equal(anchored().code, 0, 'put back: matches the checkpoints again');
      };

      // 1. Rewrite an old event and re-hash everything after it.
      const victim = Number(rows(srv, "SELECT MIN(seq) FROM audit_events WHERE action = 'staff.roles_changed'")[0][0]);
      sql(srv, `UPDATE audit_events SET actor_id = 'someone-else', detail = 'nothing to see' WHERE seq = ${victim}`);
      assert.equal(verify(srv).code, 1, 'not yet re-hashed: caught by the chain');
      assert.equal(rehashFrom(srv, victim), last);
      const rewritten = verify(srv);
      assert.equal(rewritten.code, 0, 'the chain alone is fooled: ' + rewritten.stdout);
      const caught = anchored();
      assert.equal(caught.code, 1, caught.stdout);
      assert.match(caught.stdout, /AUDIT TRAIL TAMPERED: event (\d+) is not the one in the checkpoint of \S+ \(anchor line \d+\): the chain was rewritten up to here/);
      assert.ok(Number(/event (\d+)/.exec(caught.stdout)[1]) >= victim);
      restore();

      // 2. Delete the newest events and move the head back.
      sql(srv, `DELETE FROM audit_events WHERE seq > ${last - 3}`);
      sql(srv, `UPDATE audit_head SET seq = ${last - 3}, hash = (SELECT hash FROM audit_events WHERE seq = ${last - 3}) WHERE id = 1`);
      assert.equal(verify(srv).code, 0, 'the chain alone is fooled');
      const shortened = anchored();
      assert.equal(shortened.code, 1);
      assert.match(shortened.stdout, new RegExp(`AUDIT TRAIL TAMPERED: the chain ends at event ${last - 3} but the checkpoint of \\S+ \\(anchor line ${lines.length}\\) has event ${last}: events were removed`));
      restore();

      // 3. Empty the trail and reset the head, as if nothing ever happened.
      if (backend === 'postgresql') sql(srv, 'TRUNCATE audit_events');
      else sql(srv, 'DELETE FROM audit_events');
      sql(srv, `UPDATE audit_head SET seq = 0, hash = '${GENESIS}' WHERE id = 1`);
      const empty = verify(srv);
      assert.equal(empty.code, 0);
      assert.equal(empty.stdout.trim(), 'audit trail intact: 0 events verified');
      const truncated = anchored();
      assert.equal(truncated.code, 1);
      assert.match(truncated.stdout, new RegExp(`the chain ends at event 0 but the checkpoint of \\S+ \\(anchor line ${lines.length}\\) has event ${last}: events were removed`));
      restore();

      // The anchor file itself: a dropped line is noticed.
      writeFileSync(anchorFile, lines.slice(1).join('\n') + '\n');
      const dropped = anchored();
      assert.equal(dropped.code, 1);
      assert.match(dropped.stdout, /AUDIT ANCHOR INVALID: anchor line 1 does not follow the line before it: lines were removed or reordered/);
    });
  });

  describe(`anonymous audit events (${backend})`, () => {
    test('finding: 500 unauthenticated failed requests add a bounded number of audit rows, and no count is lost', async () => {
      const srv = await startServer({ backend, demo: false, args: ['--audit-anonymous-flush-seconds', '3600'] });
      try {
        const anon = anonymous(srv);
        const before = Number(rows(srv, 'SELECT COUNT(*) FROM audit_events')[0][0]);
        const requests = [];
        for (let i = 0; i < 500; i++) {
          requests.push(() =>
            i % 5 < 3
              ? anon.post('/api/v1/auth/login', { email: `nobody-${i}@example.test`, password: 'Wrong-password-1' })
              : anon.post('/api/v1/auth/password-reset', { email: `nobody-${i}@example.test` }),
          );
        }
        for (let i = 0; i < requests.length; i += 25) {
          const answers = await Promise.all(requests.slice(i, i + 25).map((r) => r()));
          for (const a of answers) assert.ok([401, 429, 202].includes(a.status), `${a.status} ${a.text}`);
        }
        assert.equal(Number(rows(srv, 'SELECT COUNT(*) FROM audit_events')[0][0]), before, 'nothing written per request');
        assert.deepEqual(await srv.stop({ keep: true }), { code: 0, signal: null });

        // The shutdown flush wrote one event per action, outcome and reason.
        const summed = rows(srv, `SELECT action, outcome, actor_id, actor_role, ip, detail FROM audit_events WHERE seq > ${before} ORDER BY seq`);
        assert.ok(summed.length <= 3, JSON.stringify(summed));
        const count = (d) => Number(/count=(\d+)/.exec(d)[1]);
        assert.equal(summed.reduce((n, r) => n + count(r[5]), 0), 500, 'every request counted');
        for (const [action, outcome, actor, role, ip] of summed) {
          assert.ok(['auth.sign_in', 'auth.password_reset_requested'].includes(action), action);
          assert.ok(['failure', 'denied'].includes(outcome));
          assert.equal(actor, '');
          assert.equal(role, 'anonymous');
          assert.equal(ip, '127.0.0.1');
        }
        const resets = summed.find((r) => r[0] === 'auth.password_reset_requested');
        assert.match(resets[5], /^unknown account; count=200 from=\S+ to=\S+$/);
        const verified = verify(srv);
        assert.equal(verified.code, 0, verified.stdout);
      } finally {
        await srv.stop();
      }
    });
  });
}
