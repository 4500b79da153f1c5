// A doctor who works for two organisations (finding 2 of the outside testing: another
// organisation's admin could move a doctor). Each organisation's admin manages only that
// organisation's services, schedules, leave, profile and appointments for the doctor, and nothing
// one of them does changes what the other sees or owns. Real server, each database.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { anonymous, expectStatus, expectProblem } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { sql, nowSeconds } from './lib/rows.mjs';

const hkDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

for (const backend of backends()) {
  describe(`a doctor shared by two organisations (${backend})`, () => {
    let srv, doctor, orgadmin, orgadmin2, patient, anon;
    let harbour, kowloon, doctorId, kowloonService, harbourTemplates;
    before(async () => {
      srv = await startServer({ backend });
      [doctor, orgadmin, orgadmin2, patient] = await Promise.all(['doctor', 'orgadmin', 'orgadmin2', 'patient'].map((w) => signIn(srv, w)));
      anon = anonymous(srv);
      const orgs = expectStatus(await anon.get('/api/v1/organisations'), 200).json.items;
      harbour = orgs.find((o) => o.name.en === 'Harbour Health Clinic').id;
      kowloon = orgs.find((o) => o.name.en === 'Kowloon East Hospital').id;
      doctorId = doctor.account.id;
      // Dr. Wong also works at Kowloon East (granted after Harbour, as any second employer would be).
      sql(srv, `INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES ('${doctorId}', 'doctor', '${kowloon}', ${nowSeconds()})`);
      kowloonService = expectStatus(
        await orgadmin2.post(`/api/v1/organisations/${kowloon}/services`, {
          name: { en: 'Evening GP', 'zh-Hant': '夜間普通科', 'zh-Hans': '夜间普通科' },
          specialty: 'general_practice',
          consultation_type: 'video',
          slot_minutes: 20,
        }),
        201,
      ).json;
      harbourTemplates = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctorId}/availability`), 200).json.templates;
      assert.ok(harbourTemplates.length > 0, 'the demo doctor has Harbour hours');
    });
    after(async () => {
      await srv?.stop();
    });

    test('finding 2: saving staff in either organisation never moves the doctor or their profile', async () => {
      const profileOrg = async () => expectStatus(await anon.get(`/api/v1/doctors/${doctorId}`), 200).json.organisation.id;
      assert.equal(await profileOrg(), harbour);
      // Harbour saves the doctor as staff (today this re-granted every role and moved "the earliest").
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${doctorId}`, { roles: ['doctor'] }), 200);
      expectStatus(await orgadmin2.patch(`/api/v1/organisations/${kowloon}/staff/${doctorId}`, { roles: ['doctor'] }), 200);
      // Kowloon cannot edit the Harbour profile; Harbour can, and it stays Harbour's.
      const profile = { title: 'Dr.', name_zh: '王家欣', specialties: ['general_practice'], languages: ['en', 'yue'], fee_cents: 30000 };
      expectProblem(await orgadmin2.put(`/api/v1/doctors/${doctorId}/profile`, { ...profile, title: 'Prof.' }), 404, 'not_found');
      expectStatus(await orgadmin.put(`/api/v1/doctors/${doctorId}/profile`, profile), 200);
      assert.equal(await profileOrg(), harbour);
      const harbourAfter = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctorId}/availability`), 200).json.templates;
      assert.deepEqual(harbourAfter.map((t) => t.id), harbourTemplates.map((t) => t.id), 'Harbour still manages its hours');
    });

    test('finding 2: each organisation sees and changes only its own schedule, leave and appointments for the doctor', async () => {
      const template = expectStatus(
        await orgadmin2.post(`/api/v1/doctors/${doctorId}/templates`, { service_id: kowloonService.id, weekday: 7, start_minute: 20 * 60, end_minute: 21 * 60 }),
        201,
      ).json;
      const kowloonView = template.templates;
      assert.ok(kowloonView.every((t) => t.service_id === kowloonService.id), 'Kowloon sees only its own templates');
      const harbourView = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctorId}/availability`), 200).json;
      assert.ok(!harbourView.templates.some((t) => t.service_id === kowloonService.id), 'Harbour does not see Kowloon hours');
      const doctorView = expectStatus(await doctor.get(`/api/v1/doctors/${doctorId}/availability`), 200).json;
      assert.equal(doctorView.templates.length, harbourView.templates.length + kowloonView.length, 'the doctor sees both');
      // Neither removes the other's template.
      expectProblem(await orgadmin2.request('DELETE', `/api/v1/templates/${harbourTemplates[0].id}`), 404, 'not_found');
      const kowloonTemplate = kowloonView.find((t) => t.weekday === 7);
      expectProblem(await orgadmin.request('DELETE', `/api/v1/templates/${kowloonTemplate.id}`), 404, 'not_found');
      // Nor adds hours to the other's service.
      expectProblem(await orgadmin.post(`/api/v1/doctors/${doctorId}/templates`, { service_id: kowloonService.id, weekday: 6, start_minute: 600, end_minute: 660 }), 422, 'validation');

      // Kowloon's leave over the coming fortnight withdraws Kowloon's slots, not Harbour's.
      const harbourFree = async () =>
        expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14`), 200).json.items.filter((s) => s.service_id !== kowloonService.id).length;
      const kowloonFree = async () => expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14&service=${kowloonService.id}`), 200).json.items.length;
      const before = await harbourFree();
      assert.ok(before > 0 && (await kowloonFree()) > 0);
      const leave = expectStatus(await orgadmin2.post(`/api/v1/doctors/${doctorId}/exceptions`, { starts_at: nowSeconds(), ends_at: nowSeconds() + 14 * 86400, reason: 'kowloon-leave' }), 201).json;
      assert.equal(await kowloonFree(), 0);
      assert.equal(await harbourFree(), before, "Harbour's slots stay");
      const harbourLeave = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctorId}/availability`), 200).json.exceptions;
      assert.ok(!harbourLeave.some((e) => e.reason === 'kowloon-leave'), "Harbour does not see Kowloon's leave");
      const kowloonLeave = leave.exceptions.find((e) => e.reason === 'kowloon-leave');
      expectProblem(await orgadmin.request('DELETE', `/api/v1/exceptions/${kowloonLeave.id}`), 404, 'not_found');
      expectStatus(await orgadmin2.request('DELETE', `/api/v1/exceptions/${kowloonLeave.id}`), 200);

      // Appointments: a Harbour booking is not in Kowloon's view of the doctor's day.
      const slot = expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14`), 200).json.items.find(
        (s) => s.service_id !== kowloonService.id && s.starts_at > nowSeconds() + 2 * 3600,
      );
      const booked = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slot.id }), 201).json;
      const day = new Date((booked.starts_at + 8 * 3600) * 1000).toISOString().slice(0, 10);
      const harbourDay = expectStatus(await orgadmin.get(`/api/v1/doctors/${doctorId}/schedule?day=${day}`), 200).json;
      assert.ok(harbourDay.appointments.some((a) => a.id === booked.id));
      const kowloonDay = expectStatus(await orgadmin2.get(`/api/v1/doctors/${doctorId}/schedule?day=${day}`), 200).json;
      assert.ok(!kowloonDay.appointments.some((a) => a.id === booked.id), "Kowloon does not see Harbour's patients");
      expectProblem(await orgadmin2.get(`/api/v1/appointments/${booked.id}`), 404, 'not_found');
      expectProblem(await orgadmin2.post(`/api/v1/appointments/${booked.id}/cancel`, { reason: 'x' }), 404, 'not_found');
      assert.ok(hkDay(0) <= day);
    });

    test('review: a doctor demoted in one organisation reads nothing more of its patients, is no longer bookable or on duty there, and keeps the other', async () => {
      // On duty in a Harbour queue, with a Harbour booking carrying clinical answers.
      const gp = expectStatus(await anon.get(`/api/v1/organisations/${harbour}/services`), 200).json.items.find((s) => s.queue_enabled);
      expectStatus(await doctor.put(`/api/v1/queues/${gp.id}/duty`), 200);
      const slots = expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14`), 200).json.items.filter(
        (s) => s.service_id !== kowloonService.id && s.starts_at > nowSeconds() + 2 * 3600,
      );
      const booked = expectStatus(await patient.post('/api/v1/appointments', { slot_id: slots[0].id, symptoms: 'review-F1-symptom' }), 201).json;
      const day = new Date((booked.starts_at + 8 * 3600) * 1000).toISOString().slice(0, 10);
      assert.match(expectStatus(await doctor.get(`/api/v1/doctors/${doctorId}/schedule?day=${day}`), 200).text, /review-F1-symptom/);

      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${doctorId}`, { roles: ['nurse'] }), 200);
      const own = await doctor.get(`/api/v1/doctors/${doctorId}/schedule?day=${day}`);
      expectStatus(own, 200, 'still a doctor at Kowloon');
      assert.ok(!/review-F1-symptom/.test(own.text) && !own.json.appointments.some((a) => a.id === booked.id), own.text);
      const mine = expectStatus(await doctor.get(`/api/v1/doctors/${doctorId}/availability`), 200).json;
      assert.ok(mine.templates.every((t) => t.service_id === kowloonService.id), 'only the Kowloon hours are theirs now');
      // Not bookable at Harbour, listed or not.
      const listed = expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14`), 200).json.items;
      assert.ok(listed.every((s) => s.service_id === kowloonService.id), 'no Harbour times are offered');
      expectProblem(await patient.post('/api/v1/appointments', { slot_id: slots[1].id }), 409, 'slot_unavailable');
      // The booking made before is flagged for rebooking, and the patient told.
      assert.equal(expectStatus(await patient.get(`/api/v1/appointments/${booked.id}`), 200).json.needs_rebooking, true);
      // Off duty there: patients are not told a doctor is ready.
      const gpQueue = expectStatus(await anon.get(`/api/v1/queues?organisation=${harbour}`), 200).json.items.find((q) => q.id === gp.id);
      assert.equal(gpQueue.doctors_on_duty, 0);
      // Back as a doctor: the hours come back.
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${doctorId}`, { roles: ['doctor'] }), 200);
      assert.ok(expectStatus(await anon.get(`/api/v1/doctors/${doctorId}/slots?days=14`), 200).json.items.some((s) => s.service_id !== kowloonService.id));
    });

    test('review: an organisation admin cannot give themselves a clinical role', async () => {
      const refused = await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${orgadmin.account.id}`, { roles: ['org_admin', 'doctor'] });
      expectProblem(refused, 403, 'forbidden');
      const me = expectStatus(await orgadmin.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(me.roles.filter((r) => r.organisation_id === harbour).map((r) => r.role), ['org_admin']);
    });
  });
}
