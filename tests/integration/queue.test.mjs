// "See a doctor now" against the real server on each database: triage and emergency advice, order
// by priority band then arrival, places pushed live over the WebSocket, leaving, the grace-period
// drop of a patient whose app went away, scope (another patient, another organisation: 404), and
// doctors racing for "next". The queue's service is written straight into the database
// (lib/rows.mjs), so these tests need nothing of the services routes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { Client, expectStatus, expectProblem, sleep } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { newToken } from './lib/mailbox.mjs';
import { openWs } from './lib/ws.mjs';
import { addService, sql, accountId } from './lib/rows.mjs';

const GRACE = 3;
const FAST = ['--queue-grace-seconds', String(GRACE), '--queue-sweep-seconds', '1'];

/** The next WebSocket message matching `pred` (others are skipped). */
async function nextWhere(ws, pred, ms = 8000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = await ws.next(Math.max(1, deadline - Date.now()));
    if (pred(m)) return m;
  }
}

/** A 24x7 queue of Harbour Health Clinic with nobody in it. */
function addQueue(srv) {
  const svc = addService(srv);
  sql(srv, `UPDATE services SET queue_enabled = 1 WHERE id = '${svc.service}'`);
  return svc;
}

const join = (client, service, body = { symptoms: ['cough'], details: 'since Monday' }) =>
  client.post(`/api/v1/queues/${service}/entries`, body);

for (const backend of backends()) {
  describe(`queue (${backend})`, () => {
    let srv;
    let patient, patient2, patient3, doctor, doctor2, orgadmin, orgadmin2;
    before(async () => {
      srv = await startServer({ backend, args: FAST });
      patient = await signIn(srv, 'patient'); // zh-Hant
      patient2 = await signIn(srv, 'patient2');
      patient3 = await signIn(srv, 'patient3');
      doctor = await signIn(srv, 'doctor'); // Harbour Health Clinic
      doctor2 = await signIn(srv, 'doctor2'); // Kowloon East Hospital
      orgadmin = await signIn(srv, 'orgadmin');
      orgadmin2 = await signIn(srv, 'orgadmin2');
    });
    after(async () => {
      await srv?.stop();
    });

    test('join, see one’s place, leave; red flags, closed and repeated joins are refused; others get 404', async () => {
      const { service, org } = addQueue(srv);
      const listed = expectStatus(await patient.get('/api/v1/queues'), 200).json;
      const q = listed.items.find((i) => i.id === service);
      assert.equal(q.open, true);
      assert.equal(q.hours, '24x7');
      assert.ok(listed.triage.emergency.includes('chest_pain'));

      const emergency = expectProblem(await join(patient, service, { symptoms: ['fever', 'chest_pain'] }), 422, 'emergency_advice');
      assert.match(emergency.json.detail, /999/);
      assert.match(emergency.json.title, /急症室/, 'in the patient’s language (zh-Hant)');
      assert.deepEqual(emergency.json.errors.map((e) => e.field), ['symptoms.chest_pain']);
      expectProblem(await join(patient2, service, { symptoms: ['suicidal_thoughts'] }), 422, 'emergency_advice');
      expectProblem(await join(patient, service, {}), 422, 'validation');
      expectProblem(await join(patient, service, { symptoms: ['cough'], details: 'x'.repeat(1001) }), 422, 'validation');

      const mine = expectStatus(await join(patient, service), 201).json;
      assert.equal(mine.position, 1);
      assert.equal(mine.status, 'waiting');
      assert.deepEqual(mine.triage, { symptoms: ['cough'], details: 'since Monday' });
      expectProblem(await join(patient, service), 409, 'already_queued');
      const theirs = expectStatus(await join(patient2, service), 201).json;
      assert.equal(theirs.position, 2);

      // Scope: another patient, another organisation's doctor and admin see nothing.
      const secret = 'since Monday';
      for (const [who, client] of [['patient2', patient2], ['doctor2', doctor2], ['orgadmin2', orgadmin2]]) {
        const res = expectProblem(await client.get(`/api/v1/queue-entries/${mine.id}`), 404, 'not_found', who);
        assert.ok(!res.text.includes(secret));
      }
      expectProblem(await patient2.post(`/api/v1/queue-entries/${mine.id}/leave`), 404, 'not_found');
      expectProblem(await orgadmin2.get(`/api/v1/queues/${service}/entries`), 404, 'not_found');
      expectProblem(await doctor2.put(`/api/v1/queues/${service}/duty`), 404, 'not_found');
      expectProblem(await orgadmin2.get(`/api/v1/organisations/${org}/queues`), 404, 'not_found');
      const seen = expectStatus(await orgadmin.get(`/api/v1/queues/${service}/entries`), 200).json;
      assert.deepEqual(seen.waiting.map((e) => e.id), [mine.id, theirs.id]);
      expectStatus(await doctor.get(`/api/v1/queue-entries/${mine.id}`), 200);

      const left = expectStatus(await patient.post(`/api/v1/queue-entries/${mine.id}/leave`), 200).json;
      assert.equal(left.status, 'left');
      const now = expectStatus(await patient2.get(`/api/v1/queue-entries/${theirs.id}`), 200).json;
      assert.equal(now.position, 1);
      expectStatus(await patient2.post(`/api/v1/queue-entries/${theirs.id}/leave`), 200);

      // Every read of the entry was audited, naming the patient.
      const reads = sql(srv, `SELECT COUNT(*) FROM audit_events WHERE action = 'queue.read' AND target_id = '${mine.id}'`);
      assert.ok(Number(reads[0][0]) >= 2);

      // Closed: open only on a weekday that is not today in Hong Kong.
      const hkWeekday = ((new Date(Date.now() + 8 * 3600_000).getUTCDay() + 6) % 7) + 1;
      const other = (hkWeekday % 7) + 1;
      sql(srv, `UPDATE services SET queue_hours = '[{"weekday":${other},"from":0,"to":1440}]' WHERE id = '${service}'`);
      expectProblem(await join(patient3, service), 409, 'queue_closed');
    });

    test('urgent answers first, then the elderly, then arrival order', async () => {
      const { service } = addQueue(srv);
      sql(
        srv,
        `INSERT INTO patient_details (account_id, date_of_birth, updated_at) VALUES ('${patient3.account.id}', '1950-03-01', 0)`,
      );
      const a = expectStatus(await join(patient, service), 201).json;
      const b = expectStatus(await join(patient3, service), 201).json;
      const c = expectStatus(await join(patient2, service, { symptoms: ['high_fever'] }), 201).json;
      assert.deepEqual([a.priority, b.priority, c.priority], [2, 1, 0]);
      const seen = expectStatus(await doctor.get(`/api/v1/queues/${service}/entries`), 200).json;
      assert.deepEqual(seen.waiting.map((e) => e.patient.id), [patient2.account.id, patient3.account.id, patient.account.id]);
      assert.deepEqual(seen.waiting.map((e) => e.position), [1, 2, 3]);
      for (const [client, e] of [[patient, a], [patient3, b], [patient2, c]])
        expectStatus(await client.post(`/api/v1/queue-entries/${e.id}/leave`), 200);
    });

    test('places and estimates arrive live; the doctor takes the next patient and the patient is told', async () => {
      const { service } = addQueue(srv);
      const ws = await openWs(srv, { cookie: patient.token });
      const first = expectStatus(await join(patient2, service), 201).json;
      const mine = expectStatus(await join(patient, service), 201).json;
      const place = (m) => m.type === 'queue.position' && m.entry_id === mine.id;
      let m = await nextWhere(ws, (x) => place(x) && x.position === 2);
      assert.equal(m.estimated_wait_minutes, null, 'no doctor on duty yet');

      const duty = expectStatus(await doctor.put(`/api/v1/queues/${service}/duty`), 200).json;
      assert.equal(duty.on_duty, true);
      m = await nextWhere(ws, (x) => place(x) && x.doctors_on_duty === 1);
      assert.equal(m.estimated_wait_minutes, 15, 'one ahead, the 15-minute slot length');

      expectStatus(await patient2.post(`/api/v1/queue-entries/${first.id}/leave`), 200);
      m = await nextWhere(ws, (x) => place(x) && x.position === 1);
      assert.equal(m.ahead, 0);

      const taken = expectStatus(await doctor.post(`/api/v1/queues/${service}/next`), 200).json;
      assert.equal(taken.id, mine.id);
      assert.equal(taken.triage.details, 'since Monday');
      const told = await nextWhere(ws, (x) => x.type === 'queue.taken');
      assert.equal(told.entry_id, mine.id);
      assert.match(told.doctor.name.en, /Wong Ka Yan/);
      expectProblem(await doctor.post(`/api/v1/queues/${service}/next`), 409, 'doctor_busy');
      const current = expectStatus(await doctor.get('/api/v1/me/queue-duty'), 200).json;
      assert.equal(current.current.id, mine.id);

      const done = expectStatus(await doctor.post(`/api/v1/queue-entries/${mine.id}/complete`, {}), 200).json;
      assert.equal(done.status, 'completed');
      const ended = await nextWhere(ws, (x) => x.type === 'queue.ended');
      assert.equal(ended.reason, 'completed');
      expectProblem(await doctor.post(`/api/v1/queues/${service}/next`), 409, 'queue_empty');
      expectStatus(await doctor.request('DELETE', `/api/v1/queues/${service}/duty`), 200);
      expectProblem(await doctor.post(`/api/v1/queues/${service}/next`), 409, 'not_on_duty');
      ws.ws.close();
    });

    test('a patient whose app is gone longer than the grace period is dropped with a notice; a connected one stays', async () => {
      const { service } = addQueue(srv);
      const ws = await openWs(srv, { cookie: patient.token });
      const stays = expectStatus(await join(patient, service), 201).json;
      const goes = expectStatus(await join(patient2, service), 201).json;
      await sleep((GRACE + 3) * 1000);
      const gone = expectStatus(await patient2.get(`/api/v1/queue-entries/${goes.id}`), 200).json;
      assert.equal(gone.status, 'dropped');
      assert.equal(gone.end_reason, 'connection_lost');
      const notices = expectStatus(await patient2.get('/api/v1/notifications'), 200).json.items;
      assert.ok(notices.some((n) => n.kind === 'queue.dropped' && /queue/.test(n.body)), JSON.stringify(notices));
      const still = expectStatus(await patient.get(`/api/v1/queue-entries/${stays.id}`), 200).json;
      assert.equal(still.status, 'waiting', 'an open WebSocket keeps the patient in');
      assert.equal(still.position, 1);

      // The socket closes: after the grace period the patient is dropped too.
      ws.ws.close();
      await ws.closed;
      await sleep((GRACE + 3) * 1000);
      const later = expectStatus(await patient.get(`/api/v1/queue-entries/${stays.id}`), 200).json;
      assert.equal(later.status, 'dropped');
    });

    test('doctors racing for “next” take every patient exactly once and never hold two', async () => {
      const { service, org } = addQueue(srv);
      // Four more doctors of Harbour Health Clinic, invited by its admin.
      const doctors = [doctor];
      for (let i = 0; i < 3; i++) {
        const email = `racer-${i}-${Date.now()}@example.test`;
        expectStatus(await orgadmin.post(`/api/v1/organisations/${org}/staff`, { email, display_name: `Dr. Racer ${i}`, roles: ['doctor'] }), 201);
        // The doctor registers through the e-mailed invitation link.
        const password = 'Racer-password-2026';
        const invitation_token = newToken(srv, email, 'invitation');
        expectStatus(await new Client(srv.url).post('/api/v1/auth/register', { email, password, display_name: `Dr. Racer ${i}`, invitation_token }), 201);
        doctors.push(await signIn(srv, email, { password }));
      }
      // Twelve patients in the queue.
      const patients = [];
      for (let i = 0; i < 12; i++) {
        const c = new Client(srv.url);
        expectStatus(await c.post('/api/v1/auth/register', { email: `queue-racer-${i}-${Date.now()}@example.test`, password: 'Racer-password-2026', display_name: `Racer ${i}` }), 201);
        patients.push(expectStatus(await join(c, service), 201).json.id);
      }
      for (const d of doctors) expectStatus(await d.put(`/api/v1/queues/${service}/duty`), 200);

      // Every doctor presses "next" twice at the same instant: one patient each, the second press busy.
      const answers = await Promise.all(doctors.flatMap((d) => [d, d]).map((d) => d.post(`/api/v1/queues/${service}/next`)));
      const ok = answers.filter((a) => a.status === 200);
      assert.equal(ok.length, doctors.length, answers.map((a) => a.describe()).join('\n'));
      for (const a of answers.filter((x) => x.status !== 200)) expectProblem(a, 409, 'doctor_busy');
      const seen = ok.map((a) => a.json.id);
      for (const a of ok) {
        const d = doctors.find((x) => x.account.id === a.json.doctor.id);
        expectStatus(await d.post(`/api/v1/queue-entries/${a.json.id}/complete`), 200);
      }

      // Then each doctor keeps taking and completing until the queue is empty.
      await Promise.all(
        doctors.map(async (d) => {
          for (;;) {
            const a = await d.post(`/api/v1/queues/${service}/next`);
            if (a.status === 409 && a.code === 'queue_empty') return;
            expectStatus(a, 200);
            seen.push(a.json.id);
            expectStatus(await d.post(`/api/v1/queue-entries/${a.json.id}/complete`), 200);
          }
        }),
      );
      assert.equal(seen.length, patients.length);
      assert.deepEqual([...new Set(seen)].sort(), [...patients].sort());
      const rows = sql(srv, `SELECT status, COUNT(*) FROM queue_entries WHERE service_id = '${service}' GROUP BY status`);
      assert.deepEqual(rows, [['completed', '12']]);
    });
  });
}
