// The scheduling core against the real server on each database: services, the doctor directory
// (a search in Traditional Chinese finds Simplified names and back), free slots, booking with the
// questionnaire and Idempotency-Key, my appointments (with a child), cancel, reschedule, states,
// the .ics file, schedule changes that withdraw booked slots (flagged for rebooking, patient told),
// holidays, carer access, and that nobody reaches another patient's booking by its id.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { expectStatus, expectProblem, fieldErrors } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { sql } from './lib/rows.mjs';

const hkDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

for (const backend of backends()) {
  describe(`scheduling (${backend})`, () => {
    let srv, patient, patient2, doctor, doctor2, orgadmin, orgadmin2, anon;
    let harbour, kowloon, doctorId, doctor3Id;
    before(async () => {
      srv = await startServer({ backend });
      [patient, patient2, doctor, doctor2, orgadmin, orgadmin2] = await Promise.all(
        ['patient', 'patient2', 'doctor', 'doctor2', 'orgadmin', 'orgadmin2'].map((w) => signIn(srv, w)),
      );
      anon = (await import('./lib/client.mjs')).anonymous(srv);
      const orgs = expectStatus(await anon.get('/api/v1/organisations'), 200).json.items;
      harbour = orgs.find((o) => o.name.en === 'Harbour Health Clinic').id;
      kowloon = orgs.find((o) => o.name.en === 'Kowloon East Hospital').id;
      doctorId = doctor.account.id;
      doctor3Id = sql(srv, "SELECT id FROM accounts WHERE email = 'doctor3@demo.yiqiao.hk'")[0][0];
    });
    after(async () => {
      await srv?.stop();
    });

    async function freeSlots(doctor, query = '') {
      // Two hours ahead at least: patients change bookings online until an hour before.
      const items = expectStatus(await anon.get(`/api/v1/doctors/${doctor}/slots${query}`), 200).json.items;
      return items.filter((s) => s.starts_at > Date.now() / 1000 + 2 * 3600);
    }

    test('demo services are listed publicly, queue services included, with their doctors', async () => {
      const items = expectStatus(await anon.get(`/api/v1/organisations/${harbour}/services`), 200).json.items;
      const names = items.map((s) => s.name.en);
      for (const n of ['General practice', 'COVID-19 mild symptoms']) assert.ok(names.includes(n), n);
      const gp = items.find((s) => s.name.en === 'General practice');
      assert.equal(gp.queue_enabled, true);
      assert.deepEqual(gp.doctors.map((d) => d.id), [doctorId]);
      const psych = expectStatus(await anon.get(`/api/v1/organisations/${kowloon}/services`), 200).json.items;
      assert.ok(psych.some((s) => s.name.en === 'Psychological support' && s.queue_enabled));
    });

    test('an organisation admin manages its own services only; bad input gets field errors', async () => {
      const body = {
        name: { en: 'Travel vaccination', 'zh-Hant': '旅遊疫苗', 'zh-Hans': '旅游疫苗' },
        specialty: 'general_practice',
        consultation_type: 'in_person',
        slot_minutes: 15,
        fee_cents: 25000,
      };
      const created = expectStatus(await orgadmin.post(`/api/v1/organisations/${harbour}/services`, body), 201).json;
      assert.equal(created.organisation_id, harbour);
      expectProblem(await orgadmin2.post(`/api/v1/organisations/${harbour}/services`, body), 404, 'not_found');
      expectProblem(await orgadmin2.patch(`/api/v1/services/${created.id}`, { fee_cents: 1 }), 404, 'not_found');
      expectProblem(await patient.post(`/api/v1/organisations/${harbour}/services`, body), 403, 'forbidden');
      const bad = expectProblem(
        await orgadmin.post(`/api/v1/organisations/${harbour}/services`, { ...body, slot_minutes: 1, consultation_type: 'fax', name: { en: 'x' } }),
        422,
        'validation',
      );
      const errors = fieldErrors(bad);
      assert.equal(errors.slot_minutes, 'field.out_of_range');
      assert.equal(errors.consultation_type, 'field.unknown_choice');
      assert.ok(errors['name.zh-Hant']);
      const off = expectStatus(await orgadmin.patch(`/api/v1/services/${created.id}`, { active: false }), 200).json;
      assert.equal(off.active, false);
      expectProblem(await anon.get(`/api/v1/services/${created.id}`), 404, 'not_found');
      expectStatus(await orgadmin.get(`/api/v1/services/${created.id}`), 200);
      // Retired services are listed, after the active ones, for the organisation's admins who ask;
      // everyone else (another organisation's admin, a patient, anyone) gets the public list.
      const listed = async (who) =>
        expectStatus(await who.get(`/api/v1/organisations/${harbour}/services?include_retired=true`), 200).json.items.map((s) => s.id);
      const mine = await listed(orgadmin);
      assert.equal(mine.at(-1), created.id, 'the retired service comes last for its admin');
      for (const who of [orgadmin2, patient, anon]) assert.ok(!(await listed(who)).includes(created.id), 'hidden from others');
      assert.ok(!expectStatus(await orgadmin.get(`/api/v1/organisations/${harbour}/services`), 200).json.items.some((s) => s.id === created.id));
    });

    test('directory: filters, pagination, and names found across Traditional and Simplified', async () => {
      const byName = async (q) => expectStatus(await anon.get(`/api/v1/doctors?q=${encodeURIComponent(q)}`), 200).json.items.map((d) => d.id);
      assert.deepEqual(await byName('黃嘉欣'), [doctorId], 'stored Traditional, asked Traditional');
      assert.deepEqual(await byName('黄嘉欣'), [doctorId], 'stored Traditional, asked Simplified');
      assert.deepEqual(await byName('李偉'), [doctor3Id], 'stored Simplified, asked Traditional');
      assert.deepEqual(await byName('wong ka'), [doctorId], 'English, any case');
      assert.deepEqual(await byName('%'), [], 'LIKE wildcards are literal');
      const psych = expectStatus(await anon.get('/api/v1/doctors?specialty=psychiatry&language=yue&region=hong_kong'), 200).json.items;
      assert.deepEqual(psych.map((d) => d.id), [doctor2.account.id]);
      const voice = expectStatus(await anon.get('/api/v1/doctors?consultation_type=voice'), 200).json.items;
      assert.deepEqual(voice.map((d) => d.id), [doctor2.account.id]);
      const soon = expectStatus(await anon.get(`/api/v1/doctors?available_before=${hkDay(3)}&sort=next_free&organisation=${harbour}`), 200).json.items;
      assert.deepEqual(soon.map((d) => d.id), [doctorId]);
      assert.ok(soon[0].next_free_slot > Date.now() / 1000);
      const page1 = expectStatus(await anon.get('/api/v1/doctors?limit=2'), 200).json;
      assert.equal(page1.items.length, 2);
      assert.equal(page1.next_offset, 2);
      const page2 = expectStatus(await anon.get('/api/v1/doctors?limit=2&offset=2'), 200).json;
      assert.equal(page2.next_offset, null);
      assert.equal(new Set([...page1.items, ...page2.items].map((d) => d.id)).size, 3);
      expectProblem(await anon.get('/api/v1/doctors?limit=500'), 422, 'validation');
      expectProblem(await anon.get(`/api/v1/doctors?q=${'x'.repeat(101)}`), 422, 'validation');
      expectProblem(await anon.get('/api/v1/doctors?specialty=astrology'), 422, 'validation');
    });

    test('the directory follows changes at once: a booking, a cancellation, a new name, a role taken away', async () => {
      const id = doctor2.account.id;
      const listed = async (query) =>
        expectStatus(await anon.get(`/api/v1/doctors?${query}`), 200).json.items.find((d) => d.id === id);
      const firstFree = async () => expectStatus(await anon.get(`/api/v1/doctors/${id}/slots`), 200).json.items[0].starts_at;
      const specialty = (await listed(`organisation=${kowloon}`)).specialties[0];
      const agrees = async (what) => {
        const first = await firstFree();
        assert.equal((await listed(`organisation=${kowloon}&sort=next_free`)).next_free_slot, first, what);
        // Specialty rows keep their own copy of the next free time, for next-free order.
        const bySpecialty = expectStatus(await anon.get(`/api/v1/doctors?specialty=${specialty}&sort=next_free&limit=50`), 200).json.items;
        assert.equal(bySpecialty.find((d) => d.id === id)?.next_free_slot, first, `${what} (by specialty)`);
        const times = bySpecialty.map((d) => d.next_free_slot ?? Infinity);
        assert.deepEqual(times, [...times].sort((a, b) => a - b), `${what}: in next-free order`);
      };
      const all = expectStatus(await anon.get(`/api/v1/doctors/${id}/slots`), 200).json.items;
      assert.ok(all.length >= 2, 'the demo doctor has free slots');
      await agrees('at first');

      const booked = expectStatus(await patient2.post('/api/v1/appointments', { slot_id: all[0].id }), 201).json;
      assert.equal(await firstFree(), all[1].starts_at);
      await agrees('a booked slot is not free');
      // Their organisation's admin moves it and their doctor cancels it: a patient may not within
      // the last hour, and these slots may be that near.
      expectStatus(await orgadmin2.post(`/api/v1/appointments/${booked.id}/reschedule`, { slot_id: all[1].id }), 200);
      assert.equal(await firstFree(), all[0].starts_at);
      await agrees('the slot a booking moved from is free again');
      expectStatus(await doctor2.post(`/api/v1/appointments/${booked.id}/cancel`, { reason: 'Clinic closed' }), 200);
      await agrees('free again once cancelled');
      const first = expectStatus(await anon.get(`/api/v1/doctors/${id}/slots`), 200).json.items[0];
      const leave = expectStatus(
        await orgadmin2.post(`/api/v1/doctors/${id}/exceptions`, { starts_at: first.starts_at, ends_at: first.ends_at, reason: 'directory test' }),
        201,
      ).json;
      assert.notEqual(await firstFree(), first.starts_at, 'the leave withdrew the first free slot');
      await agrees('leave over the next free slot');
      expectStatus(await orgadmin2.request('DELETE', `/api/v1/exceptions/${leave.exceptions.find((e) => e.reason === 'directory test').id}`), 200);
      assert.equal(await firstFree(), first.starts_at, 'the slot is back');
      await agrees('the leave taken back');

      // A new specialty finds them under it at once, in name order among its doctors.
      const before = await listed(`organisation=${kowloon}`);
      const profile = (specialties) => ({ title: before.title, name_zh: before.name_zh, specialties, languages: before.languages, fee_cents: before.fee_cents });
      assert.equal(await listed('specialty=dermatology'), undefined);
      expectStatus(await orgadmin2.put(`/api/v1/doctors/${id}/profile`, profile([...before.specialties, 'dermatology'])), 200);
      const derm = expectStatus(await anon.get('/api/v1/doctors?specialty=dermatology&limit=50'), 200).json.items;
      assert.ok(derm.some((d) => d.id === id), 'found by the new specialty');
      assert.deepEqual(derm.map((d) => d.display_name), [...derm.map((d) => d.display_name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'in name order');
      expectStatus(await orgadmin2.put(`/api/v1/doctors/${id}/profile`, profile(before.specialties)), 200);
      assert.equal(await listed('specialty=dermatology'), undefined, 'and no longer once it is gone');

      const staff = `/api/v1/organisations/${kowloon}/staff/${id}`;
      expectStatus(await orgadmin2.patch(staff, { display_name: 'Dr. Chan Siu Ming Directory' }), 200);
      assert.ok(await listed(`q=${encodeURIComponent('siu ming directory')}`), 'found by the new name');
      expectStatus(await orgadmin2.patch(staff, { display_name: doctor2.account.display_name }), 200);
      assert.equal(await listed(`q=directory`), undefined, 'the old name finds nobody');

      expectStatus(await orgadmin2.patch(staff, { roles: ['nurse'] }), 200);
      assert.equal(await listed(`organisation=${kowloon}`), undefined, 'no longer a doctor, no longer listed');
      expectStatus(await orgadmin2.patch(staff, { roles: ['doctor'] }), 200);
      assert.ok(await listed(`organisation=${kowloon}`), 'listed again');
    });

    test('14 days of demo slots, and the slot range is capped', async () => {
      const slots = await freeSlots(doctorId, '?days=14');
      const days = new Set(slots.map((s) => new Date((s.starts_at + 8 * 3600) * 1000).toISOString().slice(0, 10)));
      assert.ok(days.size >= 13, `slots on ${days.size} days`);
      expectProblem(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=32`), 422, 'validation');
      const week = expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?from=${hkDay(1)}&to=${hkDay(7)}`), 200).json;
      assert.equal(week.days, 7);
      expectProblem(await anon.get(`/api/v1/doctors/${doctorId}/slots?from=${hkDay(0)}&to=${hkDay(40)}`), 422, 'validation');
    });

    test('book with the questionnaire; a retry with the same key gives the same answer; a different body is refused', async () => {
      const [slot] = await freeSlots(doctorId);
      const body = { slot_id: slot.id, reason: 'Cough for a week', symptoms: 'cough, mild fever', known_allergies: 'penicillin' };
      const headers = { 'Idempotency-Key': 'k-' + slot.id };
      const first = expectStatus(await patient.request('POST', '/api/v1/appointments', { json: body, headers }), 201);
      const again = expectStatus(await patient.request('POST', '/api/v1/appointments', { json: body, headers }), 201);
      assert.equal(again.text, first.text, 'the same answer');
      assert.equal(first.json.status, 'booked');
      assert.equal(first.json.known_allergies, 'penicillin');
      assert.equal(first.json.patient.id, patient.account.id);
      expectProblem(
        await patient.request('POST', '/api/v1/appointments', { json: { ...body, reason: 'other' }, headers }),
        422,
        'idempotency_mismatch',
      );
      expectProblem(await patient.request('POST', '/api/v1/appointments', { json: body, headers: { 'Idempotency-Key': 'x'.repeat(129) } }), 422, 'validation');
      const taken = expectProblem(await patient2.post('/api/v1/appointments', { slot_id: slot.id }), 409, 'slot_taken');
      assert.match(taken.json.detail, /just taken/);
      const mine = expectStatus(await patient.get('/api/v1/appointments'), 200).json.items;
      assert.equal(mine.filter((a) => a.slot_id === slot.id).length, 1, 'booked once');
      assert.equal(Number(sql(srv, `SELECT COUNT(*) FROM reminders WHERE appointment_id = '${first.json.id}'`)[0][0]) >= 1, true, 'reminders scheduled');
      const notices = expectStatus(await doctor.get('/api/v1/notifications'), 200).json.items;
      const told = notices.find((n) => n.kind === 'doctor.appointment.booked');
      assert.ok(told, 'the doctor is told');
      assert.ok(told.body.includes(patient.account.display_name), `names the patient: ${told.body}`);
      assert.doesNotMatch(told.body, /^Your appointment/, 'in the doctor\'s words, not the patient\'s');
      assert.equal(told.link, '/doctor/day');
      const mailed = sql(srv, `SELECT COUNT(*) FROM outbox WHERE to_address = (SELECT email FROM accounts WHERE id = '${doctorId}') AND body LIKE '%${patient.account.display_name}%'`);
      assert.equal(Number(mailed[0][0]), 0, 'no patient name leaves the platform by e-mail');
    });

    test('a child: booked by the parent, listed with the parent, unreachable for others, never mailed', async () => {
      const family = expectStatus(await patient.get('/api/v1/dependants'), 200).json;
      const child = family.dependants.find((d) => d.relationship === 'child');
      assert.equal(child.display_name, 'Chan Siu Bo');
      const [, slot] = await freeSlots(doctorId);
      const booked = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slot.id, patient_id: child.patient_id, reason: 'rash' }), 201).json;
      assert.equal(booked.patient.id, child.patient_id);
      expectProblem(await patient2.post('/api/v1/appointments', { slot_id: (await freeSlots(doctorId))[0].id, patient_id: child.patient_id }), 422, 'validation');
      const mine = expectStatus(await patient.get(`/api/v1/appointments?patient=${child.patient_id}`), 200).json.items;
      assert.deepEqual(mine.map((a) => a.id), [booked.id]);
      expectProblem(await patient2.get(`/api/v1/appointments?patient=${child.patient_id}`), 404, 'not_found');
      const outbox = sql(srv, "SELECT COUNT(*) FROM outbox WHERE to_address LIKE '%.invalid'")[0][0];
      assert.equal(outbox, '0', 'nothing mailed to the child');
      const email = sql(srv, `SELECT email FROM accounts WHERE id = '${child.patient_id}'`)[0][0];
      const login = await anon.post('/api/v1/auth/login', { email, password: 'Demo-pass-2026' });
      assert.equal(login.status, 401, 'the child cannot sign in');
      expectStatus(await anon.post('/api/v1/auth/password-reset', { email }), 202);
      assert.equal(sql(srv, `SELECT COUNT(*) FROM outbox WHERE to_address = '${email}'`)[0][0], '0', 'no reset mail');
      const young = expectProblem(await patient.post('/api/v1/dependants/children', { display_name: 'Too Old', date_of_birth: '2000-01-01' }), 422, 'validation');
      assert.equal(fieldErrors(young).date_of_birth, 'field.not_a_child');
    });

    test('another patient, a doctor or admin of another organisation never reach a booking by its id', async () => {
      const [slot] = await freeSlots(doctorId);
      const a = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slot.id, reason: 'secret reason' }), 201).json;
      for (const [who, c] of [['patient2', patient2], ['doctor2', doctor2], ['orgadmin2', orgadmin2]]) {
        for (const [m, path, body] of [
          ['GET', `/api/v1/appointments/${a.id}`],
          ['GET', `/api/v1/appointments/${a.id}/calendar.ics`],
          ['POST', `/api/v1/appointments/${a.id}/cancel`, {}],
        ]) {
          const r = await c.request(m, path, body ? { json: body } : {});
          assert.ok([403, 404].includes(r.status), `${who} ${m} ${path}: ${r.status}`);
          assert.ok(!r.text.includes('secret reason'), `${who} sees nothing`);
        }
      }
      expectStatus(await doctor.get(`/api/v1/appointments/${a.id}`), 200);
      expectStatus(await orgadmin.get(`/api/v1/appointments/${a.id}`), 200);
      const ics = expectStatus(await patient.get(`/api/v1/appointments/${a.id}/calendar.ics`), 200);
      assert.match(ics.contentType, /text\/calendar/);
      assert.match(ics.text, /BEGIN:VEVENT/);
      const audit = sql(srv, `SELECT COUNT(*) FROM audit_events WHERE target_id = '${a.id}' AND patient_id = '${patient.account.id}'`)[0][0];
      assert.ok(Number(audit) >= 4, 'reads and the booking are audited with the patient');
    });

    test('cancel records who and why; reschedule moves atomically; states move only the valid way', async () => {
      const all = await freeSlots(doctorId);
      const slots = all.filter((s) => s.service_id === all[0].service_id); // a booking moves within its service
      const a = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slots[3].id }), 201).json;
      const moved = expectStatus(await patient.post(`/api/v1/appointments/${a.id}/reschedule`, { slot_id: slots[4].id }), 200).json;
      assert.equal(moved.slot_id, slots[4].id);
      assert.equal(moved.rescheduled_from, slots[3].id);
      assert.ok((await freeSlots(doctorId)).some((s) => s.id === slots[3].id), 'the old slot is free again');
      const other = expectStatus(await patient2.post('/api/v1/appointments', { slot_id: slots[5].id }), 201).json;
      expectProblem(await patient.post(`/api/v1/appointments/${a.id}/reschedule`, { slot_id: slots[5].id }), 409, 'slot_taken');
      expectProblem(await patient.post(`/api/v1/appointments/${a.id}/status`, { status: 'completed' }), 403, 'forbidden');
      expectProblem(await doctor.post(`/api/v1/appointments/${a.id}/status`, { status: 'completed' }), 409, 'invalid_transition');
      expectProblem(await doctor.post(`/api/v1/appointments/${a.id}/status`, { status: 'no_show' }), 409, 'invalid_transition');
      expectStatus(await orgadmin.post(`/api/v1/appointments/${a.id}/status`, { status: 'checked_in' }), 200);
      expectProblem(await orgadmin.post(`/api/v1/appointments/${a.id}/status`, { status: 'in_consultation' }), 403, 'forbidden');
      expectStatus(await doctor.post(`/api/v1/appointments/${a.id}/status`, { status: 'in_consultation' }), 200);
      const done = expectStatus(await doctor.post(`/api/v1/appointments/${a.id}/status`, { status: 'completed' }), 200).json;
      assert.equal(done.status, 'completed');
      expectProblem(await patient.post(`/api/v1/appointments/${a.id}/cancel`, {}), 409, 'invalid_transition');
      const cancelled = expectStatus(await doctor.post(`/api/v1/appointments/${other.id}/cancel`, { reason: 'Doctor unwell' }), 200).json;
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.cancelled.by, doctorId);
      assert.equal(cancelled.cancelled.reason, 'Doctor unwell');
      const told = expectStatus(await patient2.get('/api/v1/notifications'), 200).json.items;
      assert.ok(told.some((n) => n.kind === 'appointment.cancelled'));
      const day = expectStatus(await doctor.get(`/api/v1/doctors/${doctorId}/schedule?day=${hkDay(0)}`), 200).json;
      assert.equal(day.day, hkDay(0));
      expectProblem(await doctor2.get(`/api/v1/doctors/${doctorId}/schedule?day=${hkDay(0)}`), 404, 'not_found');
    });

    test('leave over a booked slot withdraws it; the booking keeps its time, is flagged and the patient told', async () => {
      const slots = await freeSlots(doctor3Id);
      const slot = slots[0];
      const a = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slot.id }), 201).json;
      const harbourAdminRefused = await orgadmin.post(`/api/v1/doctors/${doctor3Id}/exceptions`, { starts_at: slot.starts_at, ends_at: slot.ends_at });
      expectProblem(harbourAdminRefused, 404, 'not_found');
      const admin = await signIn(srv, 'admin');
      const leave = expectStatus(
        await admin.post(`/api/v1/doctors/${doctor3Id}/exceptions`, { starts_at: slot.starts_at - 3600, ends_at: slot.ends_at + 3600, reason: 'conference' }),
        201,
      ).json;
      assert.equal(leave.slots.needs_rebooking, 1);
      const after = expectStatus(await patient.get(`/api/v1/appointments/${a.id}`), 200).json;
      assert.equal(after.needs_rebooking, true);
      assert.equal(after.starts_at, slot.starts_at, 'never silently moved');
      assert.equal(after.status, 'booked');
      assert.ok(!(await freeSlots(doctor3Id)).some((s) => s.starts_at === slot.starts_at), 'no free slot in the leave');
      const notices = expectStatus(await patient.get('/api/v1/notifications'), 200).json.items;
      assert.ok(notices.some((n) => n.kind === 'appointment.needs_rebooking'));
      const next = (await freeSlots(doctor3Id))[0];
      const rebooked = expectStatus(await patient.post(`/api/v1/appointments/${a.id}/reschedule`, { slot_id: next.id }), 200).json;
      assert.equal(rebooked.needs_rebooking, false);
      const exceptionId = leave.exceptions[0].id;
      const back = expectStatus(await admin.request('DELETE', `/api/v1/exceptions/${exceptionId}`), 200).json;
      assert.ok(back.slots.added >= 1, 'slots come back when the leave is removed');
    });

    test('templates and holidays: an admin adds a Sunday session, a holiday on it removes the slots', async () => {
      const services = expectStatus(await anon.get(`/api/v1/organisations/${kowloon}/services`), 200).json.items;
      const psychiatry = services.find((s) => s.name.en === 'Psychiatry follow-up');
      const doctor2Id = doctor2.account.id;
      const t = expectStatus(
        await orgadmin2.post(`/api/v1/doctors/${doctor2Id}/templates`, { service_id: psychiatry.id, weekday: 7, start_minute: 18 * 60, end_minute: 19 * 60 }),
        201,
      ).json;
      assert.ok(t.slots.added > 0);
      const overlap = expectProblem(
        await orgadmin2.post(`/api/v1/doctors/${doctor2Id}/templates`, { service_id: psychiatry.id, weekday: 7, start_minute: 18 * 60 + 30, end_minute: 20 * 60 }),
        422,
        'validation',
      );
      assert.equal(fieldErrors(overlap).start_minute, 'field.overlaps');
      // The next Sunday as a holiday: its evening slots go.
      let sunday = 1;
      while (new Date(Date.parse(hkDay(sunday))).getUTCDay() !== 0) sunday++;
      const day = hkDay(sunday);
      const sundaySlots = () => freeSlots(doctor2Id, `?from=${day}&days=1&service=${psychiatry.id}`);
      assert.equal((await sundaySlots()).length, 3); // 20-minute slots from 18:00 to 19:00
      const h = expectStatus(await orgadmin2.put(`/api/v1/organisations/${kowloon}/holidays/${day}`, { name: { en: 'Test day', 'zh-Hant': '測試日', 'zh-Hans': '测试日' } }), 200).json;
      assert.ok(h.slots.withdrawn >= 3, "every template slot of that day goes");
      assert.equal((await sundaySlots()).length, 0);
      const list = expectStatus(await anon.get(`/api/v1/organisations/${kowloon}/holidays`), 200).json.items;
      assert.ok(list.some((x) => x.day === '2026-12-25' && x.name['zh-Hant'] === '聖誕節'), 'Hong Kong holidays seeded');
      expectProblem(await orgadmin.put(`/api/v1/organisations/${kowloon}/holidays/${day}`, { name: { en: 'x', 'zh-Hant': 'x', 'zh-Hans': 'x' } }), 404, 'not_found');
      expectStatus(await orgadmin2.request('DELETE', `/api/v1/organisations/${kowloon}/holidays/${day}`), 200);
      assert.equal((await sundaySlots()).length, 3); // 20-minute slots from 18:00 to 19:00
      const removed = expectStatus(await orgadmin2.request('DELETE', `/api/v1/templates/${t.templates.find((x) => x.weekday === 7 && x.start_minute === 18 * 60).id}`), 200).json;
      assert.ok(removed.slots.withdrawn >= 3);
    });

    test('a new slot length withdraws the old slots; a booking on one keeps its time, is flagged, and the admin is told how many', async () => {
      const doctor2Id = doctor2.account.id;
      const svc = expectStatus(
        await orgadmin2.post(`/api/v1/organisations/${kowloon}/services`, {
          name: { en: 'Evening review', 'zh-Hant': '晚間覆診', 'zh-Hans': '晚间复诊' },
          specialty: 'general_practice',
          consultation_type: 'in_person',
          slot_minutes: 30,
          fee_cents: 30000,
        }),
        201,
      ).json;
      expectStatus(await orgadmin2.post(`/api/v1/doctors/${doctor2Id}/templates`, { service_id: svc.id, weekday: 6, start_minute: 21 * 60, end_minute: 22 * 60 }), 201);
      const [slot] = await freeSlots(doctor2Id, `?service=${svc.id}`);
      const booked = expectStatus(await patient2.post('/api/v1/appointments', { slot_id: slot.id, reason: 'Review' }), 201).json;
      const same = expectStatus(await orgadmin2.patch(`/api/v1/services/${svc.id}`, { fee_cents: 32000 }), 200).json;
      assert.deepEqual(same.slots, { added: 0, withdrawn: 0, needs_rebooking: 0 }, 'a new fee leaves the slots alone');
      const reshaped = expectStatus(await orgadmin2.patch(`/api/v1/services/${svc.id}`, { slot_minutes: 20 }), 200).json;
      assert.equal(reshaped.slot_minutes, 20);
      assert.equal(reshaped.slots.needs_rebooking, 1, 'the one booking on a withdrawn slot');
      assert.ok(reshaped.slots.withdrawn >= 2 && reshaped.slots.added >= 3, JSON.stringify(reshaped.slots));
      const after = expectStatus(await patient2.get(`/api/v1/appointments/${booked.id}`), 200).json;
      assert.equal(after.needs_rebooking, true);
      assert.equal(after.starts_at, slot.starts_at, 'never silently moved');
      const retired = expectStatus(await orgadmin2.patch(`/api/v1/services/${svc.id}`, { active: false }), 200).json;
      assert.equal(retired.slots.needs_rebooking, 0, 'already flagged, not counted twice');
      assert.ok(retired.slots.withdrawn >= 3);
    });

    test('carer access: requested by e-mail, accepted by the adult, then revoked', async () => {
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email: 'patient3@demo.yiqiao.hk', relationship: 'parent' }), 202);
      expectStatus(await patient2.post('/api/v1/dependants/requests', { email: 'nobody@example.test', relationship: 'parent' }), 202);
      const patient3 = await signIn(srv, 'patient3');
      const pending = expectStatus(await patient3.get('/api/v1/dependants'), 200).json.carers;
      assert.deepEqual(pending.map((c) => [c.carer_id, c.status]), [[patient2.account.id, 'pending']]);
      expectProblem(await patient.post(`/api/v1/carers/${patient2.account.id}/accept`), 404, 'not_found');
      expectStatus(await patient3.post(`/api/v1/carers/${patient2.account.id}/accept`), 200);
      const [slot] = await freeSlots(doctorId);
      expectStatus(await patient2.post('/api/v1/appointments', { slot_id: slot.id, patient_id: patient3.account.id }), 201);
      expectStatus(await patient3.request('DELETE', `/api/v1/carers/${patient2.account.id}`), 204);
      const [slot2] = await freeSlots(doctorId);
      expectProblem(await patient2.post('/api/v1/appointments', { slot_id: slot2.id, patient_id: patient3.account.id }), 422, 'validation');
    });
  });
}
