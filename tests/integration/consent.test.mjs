// The access authority (src/consent) against the real server on each database: carer requests
// that tell the carer nothing about the address (finding 5), a revoked carer who hears nothing
// more about the patient from that moment on (finding 3: notices, e-mails, reminders, queue places,
// the calendar feed), and an organisation admin who sees times and people but not the clinical
// answers (finding 6).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { Client, expectStatus, expectProblem, waitFor } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { openWs, drain } from './lib/ws.mjs';
import { addService, addAppointment, sql, nowSeconds } from './lib/rows.mjs';

const FAST = ['--reminder-poll-seconds', '1', '--queue-sweep-seconds', '1', '--max-future-bookings', '3'];

const notices = async (client) => expectStatus(await client.get('/api/v1/notifications?limit=100'), 200).json;

for (const backend of backends()) {
  describe(`consent (${backend})`, () => {
    let srv, patient, patient2, patient3, doctor, orgadmin;
    before(async () => {
      srv = await startServer({ backend, args: FAST });
      [patient, patient2, patient3, doctor, orgadmin] = await Promise.all(
        ['patient', 'patient2', 'patient3', 'doctor', 'orgadmin'].map((w) => signIn(srv, w)),
      );
    });
    after(async () => {
      await srv?.stop();
    });

    /** patient3 makes patient2 their carer. */
    async function grantCarer() {
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email: 'patient3@demo.yiqiao.hk', relationship: 'relative' }), 202);
      expectStatus(await patient3.post(`/api/v1/carers/${patient2.account.id}/accept`), 200);
    }
    const revokeCarer = async () => expectStatus(await patient3.request('DELETE', `/api/v1/carers/${patient2.account.id}`), 204);

    test('finding 5: a carer request shows only the address typed, the same whether or not it belongs to anyone', async () => {
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email: 'patient3@demo.yiqiao.hk', relationship: 'parent' }), 202);
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email: 'nobody-here@example.test', relationship: 'parent' }), 202);
      const res = expectStatus(await patient2.get('/api/v1/dependants'), 200);
      const mine = res.json;
      assert.deepEqual(mine.dependants, [], 'nobody is managed before an answer');
      assert.deepEqual(mine.requests.map((r) => r.email).sort(), ['nobody-here@example.test', 'patient3@demo.yiqiao.hk']);
      const shapes = mine.requests.map((r) => Object.keys(r).sort().join(','));
      assert.equal(shapes[0], shapes[1], 'a known and an unknown address look alike');
      assert.ok(!res.text.includes(patient3.account.id), 'the target account id is not shown');
      assert.ok(!res.text.includes('张伟'), 'the target name is not shown');

      // The addressee answers; then the carer sees whom they manage.
      const theirs = expectStatus(await patient3.get('/api/v1/dependants'), 200).json.carers;
      assert.deepEqual(theirs.map((c) => [c.carer_id, c.status]), [[patient2.account.id, 'pending']]);
      expectStatus(await patient3.post(`/api/v1/carers/${patient2.account.id}/decline`), 200);
      const after = expectStatus(await patient2.get('/api/v1/dependants'), 200).json;
      assert.deepEqual(after.dependants, []);
      const unknown = after.requests.find((r) => r.email === 'nobody-here@example.test');
      assert.ok(unknown, 'the request to nobody stays as typed');
      expectProblem(await patient.request('DELETE', `/api/v1/dependants/requests/${unknown.request_id}`), 404, 'not_found');
      expectStatus(await patient2.request('DELETE', `/api/v1/dependants/requests/${unknown.request_id}`), 204);
      expectProblem(await patient2.request('DELETE', `/api/v1/dependants/requests/${unknown.request_id}`), 404, 'not_found');
      assert.deepEqual(expectStatus(await patient2.get('/api/v1/dependants'), 200).json.requests, []);
    });

    test('finding 1: an address that is not verified receives no carer request', async () => {
      const email = `unverified-${backend}-${Date.now()}@example.test`;
      const squatter = new Client(srv.url);
      expectStatus(await squatter.post('/api/v1/auth/register', { email, password: 'Squatter-pass-2026', display_name: 'Not the owner' }), 201);
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email, relationship: 'spouse' }), 202);
      assert.deepEqual(expectStatus(await squatter.get('/api/v1/dependants'), 200).json.carers, [], 'no request reaches it');
      assert.ok(!(await notices(squatter)).items.some((n) => n.kind === 'carer.requested'));
      // The carer's own list shows the address as typed, as for any other address.
      assert.ok(expectStatus(await patient2.get('/api/v1/dependants'), 200).json.requests.some((r) => r.email === email));
    });

    test('review: carer requests cannot flood their addressee, and need a proved address of the asker', async () => {
      const before = (await notices(patient)).items.filter((n) => n.kind === 'carer.requested').length;
      for (let i = 0; i < 6; i++) {
        expectStatus(await patient3.post('/api/v1/dependants/requests', { email: 'patient@demo.yiqiao.hk', relationship: 'relative' }), 202);
        const req = expectStatus(await patient3.get('/api/v1/dependants'), 200).json.requests.find((r) => r.email === 'patient@demo.yiqiao.hk');
        expectStatus(await patient3.request('DELETE', `/api/v1/dependants/requests/${req.request_id}`), 204);
      }
      const after = (await notices(patient)).items.filter((n) => n.kind === 'carer.requested').length;
      assert.equal(after - before, 3, 'three notices a day from one asker, however often they ask and withdraw');
      const unproved = new Client(srv.url);
      expectStatus(await unproved.post('/api/v1/auth/register', { email: `asker-${backend}-${Date.now()}@example.test`, password: 'Asker-pass-2026', display_name: 'Asker' }), 201);
      expectProblem(await unproved.post('/api/v1/dependants/requests', { email: 'patient@demo.yiqiao.hk', relationship: 'other' }), 403, 'email_not_verified');
    });

    test('finding 3: a revoked carer gets no notices, e-mails, reminders, queue places or calendar entries about the patient', async () => {
      await grantCarer();
      const svc = addService(srv);
      const starts = nowSeconds() + 2 * 86400;
      // A booking the carer made for the patient, with a reminder that falls due after the revocation.
      const booked = addAppointment(srv, svc, { patient: patient3.account.id, bookedBy: patient2.account.id, startsAt: starts, reminders: [{ kind: '24h', due_at: nowSeconds() + 4 }] });
      // A notice the carer got while they were one.
      const cancelMe = addAppointment(srv, svc, { patient: patient3.account.id, bookedBy: patient2.account.id, startsAt: starts + 3600 });
      expectStatus(await doctor.post(`/api/v1/appointments/${cancelMe}/cancel`, { reason: 'clinic closed' }), 200);
      await waitFor('the carer notice', async () => (await notices(patient2)).items.some((n) => n.link === `/appointments/${cancelMe}`));
      const feedUrl = expectStatus(await patient2.post('/api/v1/calendar-feed'), 201).json.url;
      assert.match(await (await fetch(feedUrl)).text(), new RegExp(booked), 'the feed lists the patient while caring');

      // Queue: the carer joins for the patient and hears the place live.
      sql(srv, `UPDATE services SET queue_enabled = 1 WHERE id = '${svc.service}'`);
      const carerWs = await openWs(srv, { cookie: patient2.token });
      const entry = expectStatus(await patient2.post(`/api/v1/queues/${svc.service}/entries`, { symptoms: ['cough'], patient_id: patient3.account.id }), 201).json;
      assert.ok((await drain(carerWs, 1500)).some((m) => m.type === 'queue.position' && m.entry_id === entry.id), 'the carer hears the place');

      const outboxBefore = Number(sql(srv, `SELECT COUNT(*) FROM outbox WHERE account_id = '${patient2.account.id}'`)[0][0]);
      await revokeCarer();
      // A place read before the revocation may still be on its way (the sweeper resends every
      // second); what counts is that nothing read after it arrives.
      await drain(carerWs, 1200);

      // Someone else joins: every place is pushed again, but not to the former carer.
      expectStatus(await patient.post(`/api/v1/queues/${svc.service}/entries`, { symptoms: ['cough'] }), 201);
      const heard = await drain(carerWs, 2500);
      assert.ok(!heard.some((m) => m.entry_id === entry.id || m.patient_id === patient3.account.id), JSON.stringify(heard));
      carerWs.ws.close();

      // The reminder goes to the patient only.
      await waitFor('the patient reminder', async () => (await notices(patient3)).items.some((n) => n.kind === 'appointment.reminder_24h'));
      const carerNotices = await notices(patient2);
      assert.ok(!carerNotices.items.some((n) => n.kind === 'appointment.reminder_24h'), 'no reminder for the former carer');
      // Earlier notices about the patient are no longer shown to them, nor counted.
      assert.ok(!carerNotices.items.some((n) => n.link === `/appointments/${cancelMe}` || n.link === `/appointments/${booked}`), JSON.stringify(carerNotices.items));
      // A later change notifies the patient, and nothing (in the app or by e-mail) reaches the former carer.
      expectStatus(await doctor.post(`/api/v1/appointments/${booked}/cancel`, { reason: 'doctor unwell' }), 200);
      await waitFor('the patient cancel notice', async () => (await notices(patient3)).items.some((n) => n.link === `/appointments/${booked}` && n.kind === 'appointment.cancelled'));
      assert.ok(!(await notices(patient2)).items.some((n) => n.link === `/appointments/${booked}`));
      const outboxAfter = Number(sql(srv, `SELECT COUNT(*) FROM outbox WHERE account_id = '${patient2.account.id}'`)[0][0]);
      assert.equal(outboxAfter, outboxBefore, 'no e-mail to the former carer');
      // The feed no longer lists the patient's appointments.
      const feed = await (await fetch(feedUrl)).text();
      assert.ok(!feed.includes(booked), 'the feed drops the patient at once');
      // And the carer can no longer read or act for the patient.
      expectProblem(await patient2.get(`/api/v1/queue-entries/${entry.id}`), 404, 'not_found');
      expectProblem(await patient2.get(`/api/v1/appointments/${booked}`), 404, 'not_found');
    });

    test('limits: a patient holds at most max_future_bookings upcoming appointments; a replayed Idempotency-Key asks consent again', async () => {
      const free = async () =>
        expectStatus(await patient2.get(`/api/v1/doctors/${doctor.account.id}/slots?days=14`), 200).json.items.filter((s) => s.starts_at > nowSeconds() + 2 * 3600);
      const slots = await free();
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push(expectStatus(await patient2.post('/api/v1/appointments', { slot_id: slots[i].id }), 201).json);
      const over = expectProblem(await patient2.post('/api/v1/appointments', { slot_id: slots[3].id }), 409, 'too_many_bookings');
      assert.ok(over.json.title.length > 0);
      expectStatus(await patient2.post(`/api/v1/appointments/${mine[0].id}/cancel`, { reason: 'changed my mind' }), 200);
      const fourth = expectStatus(await patient2.post('/api/v1/appointments', { slot_id: slots[3].id }), 201).json;
      for (const a of [...mine.slice(1), fourth]) expectStatus(await patient2.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'tidy up' }), 200);

      // A carer's booking with a key; after the revocation the same request is refused, not replayed.
      await grantCarer();
      const body = { slot_id: (await free())[0].id, patient_id: patient3.account.id };
      const headers = { 'Idempotency-Key': `consent-replay-${backend}` };
      const first = expectStatus(await patient2.request('POST', '/api/v1/appointments', { json: body, headers }), 201).json;
      assert.equal(expectStatus(await patient2.request('POST', '/api/v1/appointments', { json: body, headers }), 201).json.id, first.id, 'replayed while caring');
      await revokeCarer();
      const refused = expectProblem(await patient2.request('POST', '/api/v1/appointments', { json: body, headers }), 422, 'validation');
      assert.ok(!refused.text.includes(first.id), 'the stored answer is not given');
    });

    test('limits: one account manages at most 10 children', async () => {
      const parent = new Client(srv.url);
      expectStatus(await parent.post('/api/v1/auth/register', { email: `parent-${backend}-${Date.now()}@example.test`, password: 'Parent-pass-2026', display_name: 'Many Kids' }), 201);
      for (let i = 0; i < 10; i++)
        expectStatus(await parent.post('/api/v1/dependants/children', { display_name: `Child ${i}`, date_of_birth: '2020-01-01' }), 201);
      const over = expectProblem(await parent.post('/api/v1/dependants/children', { display_name: 'One more', date_of_birth: '2020-01-01' }), 409, 'too_many_children');
      assert.match(over.json.title, /10/);
      assert.equal(expectStatus(await parent.get('/api/v1/dependants'), 200).json.dependants.length, 10, 'nothing was added');
    });

    test('finding 6: an organisation admin sees appointment times and people, not symptoms, allergies or triage answers', async () => {
      const slots = expectStatus(await patient.get(`/api/v1/doctors/${doctor.account.id}/slots`), 200).json.items.filter((s) => s.starts_at > nowSeconds() + 2 * 3600);
      const booked = expectStatus(
        await patient.post('/api/v1/appointments', { slot_id: slots[0].id, reason: 'finding6-reason', symptoms: 'finding6-symptom', known_allergies: 'finding6-allergy' }),
        201,
      ).json;
      for (const [who, client] of [['patient', patient], ['treating doctor', doctor]]) {
        const a = expectStatus(await client.get(`/api/v1/appointments/${booked.id}`), 200).json;
        assert.equal(a.symptoms, 'finding6-symptom', who);
        assert.equal(a.known_allergies, 'finding6-allergy', who);
        assert.equal(a.reason, 'finding6-reason', who);
      }
      const res = expectStatus(await orgadmin.get(`/api/v1/appointments/${booked.id}`), 200);
      assert.equal(res.json.starts_at, booked.starts_at, 'the admin sees when');
      assert.equal(res.json.patient.id, patient.account.id, 'and who');
      assert.ok(!/finding6-/.test(res.text), res.text);
      const day = new Date((booked.starts_at + 8 * 3600) * 1000).toISOString().slice(0, 10);
      const adminDay = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctor.account.id}/schedule?day=${day}`), 200);
      assert.ok(adminDay.json.appointments.some((a) => a.id === booked.id));
      assert.ok(!/finding6-/.test(adminDay.text), 'nor in the day schedule');
      const doctorDay = expectStatus(await doctor.get(`/api/v1/doctors/${doctor.account.id}/schedule?day=${day}`), 200).json;
      assert.equal(doctorDay.appointments.find((a) => a.id === booked.id).symptoms, 'finding6-symptom');

      // The queue: the service's doctor sees the triage answers, the admin sees who waits.
      const svc = addService(srv);
      sql(srv, `UPDATE services SET queue_enabled = 1 WHERE id = '${svc.service}'`);
      const entry = expectStatus(await patient.post(`/api/v1/queues/${svc.service}/entries`, { symptoms: ['cough'], details: 'finding6-details' }), 201).json;
      const forAdmin = expectStatus(await orgadmin.get(`/api/v1/queues/${svc.service}/entries`), 200);
      assert.ok(forAdmin.json.waiting.some((e) => e.id === entry.id));
      assert.ok(!/finding6-|cough/.test(forAdmin.text), forAdmin.text);
      const one = expectStatus(await orgadmin.get(`/api/v1/queue-entries/${entry.id}`), 200).json;
      assert.equal(one.triage, null);
      const forDoctor = expectStatus(await doctor.get(`/api/v1/queues/${svc.service}/entries`), 200).json;
      assert.equal(forDoctor.waiting.find((e) => e.id === entry.id).triage.details, 'finding6-details');
      expectStatus(await patient.post(`/api/v1/queue-entries/${entry.id}/leave`), 200);
    });
  });
}
