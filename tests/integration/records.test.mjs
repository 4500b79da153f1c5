// The shared health record (src/records, src/consent/sharing) against the real server on each
// database: a clinician reads only with a care relationship; another organisation reads only with
// the patient's sharing consent, never what the patient restricted; asking, approving, revoking;
// emergency access; corrections and entered-in-error; PDFs checked by content; the patient's
// access log and its daily notice; an organisation admin's review and export.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { expectStatus, expectProblem, fieldErrors } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { addAppointment, accountId, newId, nowSeconds, sql } from './lib/rows.mjs';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const HBA1C = '4548-4';

/** A service of the organisation where `doctorEmail` works, and an appointment of the patient with them. */
function visit(srv, doctorEmail, patient, startsAt = nowSeconds() + 3600) {
  const doctor = accountId(srv, doctorEmail);
  const org = sql(srv, `SELECT organisation_id FROM doctor_profiles WHERE account_id = ${q(doctor)}`)[0][0];
  const service = newId();
  sql(
    srv,
    `INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, specialty, consultation_type, slot_minutes, created_at, updated_at)
     VALUES (${q(service)}, ${q(org)}, 'Record test clinic', '紀錄測試', '记录测试', 'general_practice', 'video', 15, 0, 0)`,
  );
  const appointment = addAppointment(srv, { service, doctor, org }, { patient, startsAt });
  return { org, appointment };
}

const pdf = (text) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

for (const backend of backends()) {
  describe(`shared health record (${backend})`, () => {
    let srv, patient, patient2, doctor, nurse, doctor2, doctor3, orgadmin, orgadmin2;
    let harbour, kowloon, bayarea, pid;
    const rec = (path = '') => `/api/v1/patients/${pid}/record${path}`;
    const share = (path = '') => `/api/v1/patients/${pid}/sharing${path}`;

    before(async () => {
      srv = await startServer({ backend });
      [patient, patient2, doctor, nurse, doctor2, doctor3, orgadmin, orgadmin2] = await Promise.all(
        ['patient', 'patient2', 'doctor', 'nurse', 'doctor2', 'doctor3', 'orgadmin', 'orgadmin2'].map((w) => signIn(srv, w)),
      );
      pid = patient.account.id;
      // Harbour (the clinic) and Kowloon East (a public hospital) have visits with the patient;
      // Greater Bay Private Hospital has none.
      harbour = visit(srv, 'doctor@demo.yiqiao.hk', pid).org;
      kowloon = visit(srv, 'doctor2@demo.yiqiao.hk', pid).org;
      bayarea = sql(srv, `SELECT organisation_id FROM doctor_profiles WHERE account_id = ${q(doctor3.account.id)}`)[0][0];
    });
    after(async () => {
      await srv?.stop();
    });

    const add = async (client, org, body) => expectStatus(await client.post(rec(`/entries?as=${org}`), body), 201, JSON.stringify(body)).json;

    test('a clinician records entries for a patient under their care; a doctor without one gets 404', async () => {
      const allergy = await add(doctor, harbour, {
        type: 'allergy', substance_text: 'Penicillin', allergy_category: 'medication', reaction: 'Urticaria', severity: 'moderate', certainty: 'confirmed',
      });
      assert.equal(allergy.type, 'AllergyIntolerance');
      assert.equal(allergy.category, 'allergies');
      assert.equal(allergy.resource.resourceType, 'AllergyIntolerance');
      assert.equal(allergy.resource.patient.reference, `Patient/${pid}`);
      assert.equal(allergy.organisation.id, harbour);
      assert.equal(allergy.recorded_by.id, doctor.account.id);
      const lab = await add(nurse, harbour, { type: 'lab_result', code: HBA1C, value: 7.4, date: '2026-01-05' });
      assert.equal(lab.details.flag, 'H', 'above the reference range');
      assert.equal(lab.code.name.en.length > 0, true);
      assert.ok(lab.code.name['zh-Hant'] && lab.code.name['zh-Hans'], 'named in three languages');
      await add(nurse, harbour, { type: 'lab_result', code: HBA1C, value: 6.8, date: '2026-06-05' });
      await add(doctor, harbour, { type: 'condition', code: 'E11.9', clinical_status: 'active' });
      await add(doctor, harbour, { type: 'condition', code: 'F32.9', clinical_status: 'active' });
      // Bad input changes nothing and says what is wrong.
      const bad = await doctor.post(rec(`/entries?as=${harbour}`), { type: 'lab_result', code: 'not-a-code', value: 'high', date: '2099-01-01' });
      assert.equal(bad.status, 422);
      assert.deepEqual(Object.keys(fieldErrors(bad)).sort(), ['code', 'date', 'value']);
      expectProblem(await doctor.post(rec(`/entries?as=${harbour}`), { type: 'xray' }), 422, 'validation');
      // No care relationship: the same 404 as for a patient that does not exist.
      expectProblem(await doctor3.get(rec()), 404, 'not_found');
      expectProblem(await doctor3.post(rec(`/entries?as=${bayarea}`), { type: 'condition', code: 'E11.9' }), 404, 'not_found');
      // Not their organisation: 404 too.
      expectProblem(await doctor.get(rec(`?as=${kowloon}`)), 404, 'not_found');
      // Not clinicians at all.
      expectProblem(await patient2.get(rec()), 404, 'not_found');
      expectProblem(await orgadmin.get(rec()), 403, 'forbidden');
    });

    test('the patient sees everything; the recording organisation sees its own; another organisation sees nothing without consent', async () => {
      const mine = expectStatus(await patient.get(rec()), 200).json;
      assert.equal(mine.access.basis, 'self');
      assert.equal(mine.summary.allergies.length, 1);
      assert.equal(mine.summary.problems.length, 2);
      assert.equal(mine.summary.latest_results.length, 1, 'the newest HbA1c only');
      assert.equal(mine.summary.latest_results[0].details.value, 6.8);
      assert.equal(mine.summary.counts.labs, 2);

      const own = expectStatus(await doctor.get(rec()), 200).json;
      assert.equal(own.access.basis, 'own organisation');
      assert.equal(own.access.sharing, 'not_joined');
      assert.equal(own.summary.problems.length, 2);

      const other = expectStatus(await doctor2.get(rec()), 200);
      assert.equal(other.json.access.basis, 'own organisation');
      assert.equal(other.json.access.sharing, 'not_joined');
      assert.deepEqual(other.json.summary.counts, {}, 'nothing of Harbour, not even a count');
      assert.ok(!other.text.includes('Penicillin'));
      const labs = expectStatus(await doctor2.get(rec('/labs')), 200).json;
      assert.deepEqual(labs.items, []);
      const trend = expectStatus(await doctor2.get(rec(`/trends?code=${encodeURIComponent('http://loinc.org|' + HBA1C)}`)), 200).json;
      assert.deepEqual(trend.points, []);
    });

    test('a clinician asks, the patient approves, and the other organisation reads all but what the patient restricted', async () => {
      const asked = expectStatus(await doctor2.post(share('/requests'), {}), 201).json;
      const noticesOf = async (c) => expectStatus(await c.get('/api/v1/notifications?limit=100'), 200).json.items;
      assert.ok((await noticesOf(patient)).some((n) => n.kind === 'sharing.requested'), 'the patient is told');
      // Asking again renews the request without telling the patient twice.
      expectStatus(await doctor2.post(share('/requests'), {}), 201);
      assert.equal((await noticesOf(patient)).filter((n) => n.kind === 'sharing.requested').length, 1);

      const view = expectStatus(await patient.get(share()), 200).json;
      assert.equal(view.joined, false);
      assert.deepEqual(view.requests.map((r) => r.id), [asked.id]);
      assert.equal(view.requests[0].organisation.id, kowloon);
      assert.ok(view.suggested.some((o) => o.id === harbour) && view.suggested.some((o) => o.id === kowloon));
      // Another patient cannot answer it.
      expectProblem(await patient2.post(`/api/v1/patients/${pid}/sharing/requests/${asked.id}/approve`), 404, 'not_found');
      expectStatus(await patient.post(share(`/requests/${asked.id}/approve`)), 200);
      expectProblem(await doctor2.post(share('/requests'), {}), 409, 'already_consented');

      // Psychiatric diagnoses restricted: not listed, not counted, no hint.
      const r = expectStatus(await patient.post(share('/restrictions'), { kind: 'category', target: 'mental_health' }), 201).json;
      const read = expectStatus(await doctor2.get(rec()), 200);
      assert.equal(read.json.access.basis, 'sharing consent');
      assert.equal(read.json.summary.allergies.length, 1, "Harbour's allergy is shared");
      assert.deepEqual(read.json.summary.problems.map((p) => p.code.code), ['E11.9']);
      assert.equal(read.json.summary.counts.conditions, 1);
      assert.ok(!read.text.includes('F32.9'), 'the restricted diagnosis never leaves the server');
      const conditions = expectStatus(await doctor2.get(rec('/conditions')), 200);
      assert.ok(!conditions.text.includes('F32.9'));
      const hidden = expectStatus(await doctor.get(rec('/conditions')), 200).json.items.find((e) => e.code.code === 'F32.9');
      expectProblem(await doctor2.get(rec(`/entries/${hidden.id}`)), 404, 'not_found');
      // The recording organisation still sees its own entry; the patient sees it marked restricted.
      expectStatus(await doctor.get(rec(`/entries/${hidden.id}`)), 200);
      const marked = expectStatus(await patient.get(rec(`/entries/${hidden.id}`)), 200).json.entry;
      assert.equal(marked.restricted, true);

      // One entry restricted by id.
      const allergyId = read.json.summary.allergies[0].id;
      const byId = expectStatus(await patient.post(share('/restrictions'), { kind: 'entry', target: allergyId }), 201).json;
      assert.equal(expectStatus(await doctor2.get(rec()), 200).json.summary.allergies.length, 0);
      expectStatus(await patient.request('DELETE', share(`/restrictions/${byId.id}`)), 200);
      assert.equal(expectStatus(await doctor2.get(rec()), 200).json.summary.allergies.length, 1);
      // A restriction must protect something: another patient's entry or a misspelt category is refused.
      expectProblem(await patient.post(share('/restrictions'), { kind: 'category', target: 'mental-health' }), 422, 'validation');
      expectProblem(await patient2.post(`/api/v1/patients/${patient2.account.id}/sharing/restrictions`, { kind: 'entry', target: allergyId }), 422, 'validation');
      assert.ok(r.id);
    });

    test("the patient's access log shows each read with the organisation and purpose, and one notice a day per reader", async () => {
      const log = expectStatus(await patient.get(`/api/v1/patients/${pid}/access-log?limit=100`), 200).json;
      const byKowloon = log.items.filter((i) => i.reader.id === doctor2.account.id);
      assert.ok(byKowloon.length >= 5);
      assert.ok(byKowloon.every((i) => i.organisation.id === kowloon && i.purpose === 'care'));
      assert.ok(byKowloon.some((i) => i.categories.includes('allergies')));
      assert.ok(log.items.some((i) => i.outcome === 'refused' && i.reader.id === doctor3.account.id), 'refused reads are shown too');
      assert.ok(!log.items.some((i) => i.reader.id === pid), "the patient's own reads are not listed");
      const notices = expectStatus(await patient.get('/api/v1/notifications?limit=100'), 200).json.items;
      const reads = notices.filter((n) => n.kind === 'record.accessed');
      assert.equal(reads.length, 2, 'one per clinician (Harbour and Kowloon) for the day');
      const filtered = expectStatus(await patient.get(`/api/v1/patients/${pid}/access-log?organisation=${kowloon}`), 200).json;
      assert.ok(filtered.items.every((i) => i.organisation?.id === kowloon));
      expectProblem(await patient2.get(`/api/v1/patients/${pid}/access-log`), 404, 'not_found');
      expectProblem(await patient.get(`/api/v1/patients/${pid}/access-log?purpose=curiosity`), 422, 'validation');
    });

    test('a correction keeps the old version; a stale one is refused; entered-in-error stays, struck through', async () => {
      const labs = expectStatus(await doctor.get(rec('/labs')), 200).json.items;
      const first = labs.find((e) => e.details.value === 7.4);
      const fixed = expectStatus(
        await doctor.put(rec(`/entries/${first.id}?as=${harbour}`), { version: 1, reason: 'Transcription error', code: HBA1C, value: 7.1, date: '2026-01-05' }),
        200,
      ).json;
      assert.equal(fixed.version, 2);
      assert.equal(fixed.details.value, 7.1);
      expectProblem(
        await doctor.put(rec(`/entries/${first.id}?as=${harbour}`), { version: 1, reason: 'Again', code: HBA1C, value: 9, date: '2026-01-05' }),
        409,
        'version_conflict',
      );
      // Another organisation cannot correct Harbour's entry.
      expectProblem(await doctor2.put(rec(`/entries/${first.id}?as=${kowloon}`), { version: 2, reason: 'x', code: HBA1C, value: 1 }), 404, 'not_found');
      const detail = expectStatus(await patient.get(rec(`/entries/${first.id}`)), 200).json;
      assert.deepEqual(detail.versions.map((v) => v.version), [2, 1]);
      assert.equal(detail.versions[1].entry.details.value, 7.4, 'the old value is kept');
      assert.equal(detail.versions[0].reason, 'Transcription error');

      const wrong = expectStatus(await doctor.post(rec(`/entries/${first.id}/entered-in-error?as=${harbour}`), { reason: 'Wrong patient' }), 200).json;
      assert.equal(wrong.status, 'entered-in-error');
      assert.equal(wrong.entered_in_error.reason, 'Wrong patient');
      assert.equal(wrong.resource.status, 'entered-in-error');
      const summary = expectStatus(await patient.get(rec()), 200).json.summary;
      assert.equal(summary.counts.labs, 1, 'not counted any more');
      const listed = expectStatus(await patient.get(rec('/labs')), 200).json.items;
      assert.ok(listed.some((e) => e.id === first.id && e.entered_in_error), 'still listed, marked');
      const trend = expectStatus(await patient.get(rec(`/trends?code=${encodeURIComponent('http://loinc.org|' + HBA1C)}`)), 200).json;
      assert.deepEqual(trend.points.map((p) => p.value), [6.8]);
      expectProblem(await doctor.post(rec(`/entries/${first.id}/entered-in-error?as=${harbour}`), { reason: 'Twice' }), 409, 'conflict');
    });

    test('a PDF is type-checked by its content and size-capped, and served as a PDF only to readers who may see it', async () => {
      const notPdf = await doctor.request('POST', rec(`/documents?as=${harbour}&title=Letter&kind=letter`), {
        body: Buffer.from('<html><script>alert(1)</script></html>'),
        headers: { 'Content-Type': 'application/pdf' },
      });
      expectProblem(notPdf, 422, 'validation');
      const huge = await doctor.request('POST', rec(`/documents?as=${harbour}&title=Big&kind=report`), {
        body: Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024)]),
        headers: { 'Content-Type': 'application/pdf' },
      });
      assert.equal(huge.status, 413, 'over 10 MiB');
      const noTitle = await doctor.request('POST', rec(`/documents?as=${harbour}&kind=report`), {
        body: pdf('untitled'),
        headers: { 'Content-Type': 'application/pdf' },
      });
      assert.deepEqual(Object.keys(fieldErrors(noTitle)), ['title']);
      const up = expectStatus(
        await doctor.request('POST', rec(`/documents?as=${harbour}&title=${encodeURIComponent('Discharge summary')}&kind=discharge_summary&date=2026-02-01`), {
          body: pdf('discharge'),
          headers: { 'Content-Type': 'application/pdf' },
        }),
        201,
      ).json;
      assert.equal(up.type, 'DocumentReference');
      const got = expectStatus(await doctor2.get(rec(`/entries/${up.id}/document`)), 200);
      assert.equal(got.contentType, 'application/pdf');
      assert.equal(got.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'self'");
      assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(got.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.ok(got.text.includes('discharge'));
      expectProblem(await doctor3.get(rec(`/entries/${up.id}/document`)), 404, 'not_found');
      expectProblem(await patient2.get(rec(`/entries/${up.id}/document`)), 404, 'not_found');
    });

    test('a revoked consent or an ended care relationship takes effect on the next request', async () => {
      expectStatus(await patient.request('DELETE', share(`/organisations/${kowloon}`)), 200);
      const after = expectStatus(await doctor2.get(rec()), 200).json;
      assert.equal(after.access.sharing, 'no_consent');
      assert.deepEqual(after.summary.counts, {});
      expectStatus(await patient.put(share(`/organisations/${kowloon}`)), 200);
      assert.equal(expectStatus(await doctor2.get(rec()), 200).json.access.sharing, 'consented');
      // Withdrawing from the sharing ends every consent.
      expectStatus(await patient.post(share('/withdraw')), 200);
      assert.equal(expectStatus(await doctor2.get(rec()), 200).json.access.sharing, 'not_joined');
      expectProblem(await patient.put(share(`/organisations/${kowloon}`)), 409, 'sharing_not_joined');
      expectStatus(await patient.post(share('/join')), 200);
      expectStatus(await patient.put(share(`/organisations/${kowloon}`)), 200);
      // The appointment is cancelled: Kowloon no longer cares for the patient.
      sql(srv, `UPDATE appointments SET status = 'cancelled' WHERE patient_id = ${q(pid)} AND organisation_id = ${q(kowloon)}`);
      expectProblem(await doctor2.get(rec()), 404, 'not_found');
      sql(srv, `UPDATE appointments SET status = 'booked' WHERE patient_id = ${q(pid)} AND organisation_id = ${q(kowloon)}`);
    });

    test('emergency access shows everything for 4 hours, tells the patient at once, and is reviewed by the organisation', async () => {
      expectStatus(await patient.request('DELETE', share(`/organisations/${kowloon}`)), 200);
      expectProblem(await doctor2.post(rec('/emergency-access'), { reason: 'short' }), 422, 'validation');
      const access = expectStatus(await doctor2.post(rec('/emergency-access'), { reason: 'Unconscious in A&E, known diabetic' }), 201).json;
      assert.ok(access.expires_at - access.started_at === 4 * 3600);
      const read = expectStatus(await doctor2.get(rec('/conditions')), 200);
      assert.equal(read.json.access.basis, 'emergency');
      assert.ok(read.text.includes('F32.9'), 'restrictions do not hold in an emergency');
      const notices = expectStatus(await patient.get('/api/v1/notifications?limit=100'), 200).json.items;
      assert.ok(notices.some((n) => n.kind === 'record.emergency_access'));
      const log = expectStatus(await patient.get(`/api/v1/patients/${pid}/access-log?purpose=emergency`), 200).json;
      assert.ok(log.items.length >= 1);
      assert.equal(log.items[0].emergency.reason, 'Unconscious in A&E, known diabetic');

      const list = expectStatus(await orgadmin2.get(`/api/v1/organisations/${kowloon}/emergency-accesses`), 200).json.items;
      assert.deepEqual(list.map((a) => a.id), [access.id]);
      expectProblem(await orgadmin.get(`/api/v1/organisations/${kowloon}/emergency-accesses`), 404, 'not_found');
      expectProblem(await orgadmin.post(`/api/v1/organisations/${kowloon}/emergency-accesses/${access.id}/review`, { note: 'x' }), 404, 'not_found');
      expectStatus(await orgadmin2.post(`/api/v1/organisations/${kowloon}/emergency-accesses/${access.id}/review`, { note: 'Justified: A&E' }), 200);
      assert.deepEqual(expectStatus(await orgadmin2.get(`/api/v1/organisations/${kowloon}/emergency-accesses`), 200).json.items, []);

      // Expired: the next request sees only what consent allows.
      sql(srv, `UPDATE emergency_accesses SET expires_at = ${nowSeconds() - 1} WHERE id = ${q(access.id)}`);
      const later = expectStatus(await doctor2.get(rec('/conditions')), 200);
      assert.equal(later.json.access.basis, 'own organisation');
      assert.ok(!later.text.includes('F32.9'));

      const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
      const csv = expectStatus(await orgadmin2.get(`/api/v1/organisations/${kowloon}/record-access-log.csv?from=${today}&to=${today}`), 200);
      assert.match(csv.contentType, /^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      assert.equal(lines[0], 'at,reader_id,reader,role,patient_id,purpose,categories,outcome');
      assert.ok(lines.slice(1).every((l) => l.includes(`"${doctor2.account.id}"`)), "only Kowloon's staff");
      assert.ok(lines.some((l) => l.includes('"emergency"')));
      expectProblem(await orgadmin.get(`/api/v1/organisations/${kowloon}/record-access-log.csv?from=${today}&to=${today}`), 404, 'not_found');
      expectProblem(await orgadmin2.get(`/api/v1/organisations/${kowloon}/record-access-log.csv?from=2020-01-01&to=2026-12-31`), 422, 'validation');
    });

    test('a referral lets the receiving organisation read its own part, tells the patient, and is no ground for emergency access', async () => {
      expectProblem(
        await doctor.post(rec(`/entries?as=${harbour}`), { type: 'referral', to_organisation: harbour, referral_reason: 'Keep reading' }),
        422,
        'validation',
      );
      expectProblem(await doctor3.get(rec()), 404, 'not_found');
      const referral = await add(doctor, harbour, { type: 'referral', to_organisation: bayarea, specialty: 'Cardiology', referral_reason: 'Exertional chest pain' });
      assert.equal(referral.type, 'ServiceRequest');
      assert.equal(referral.details.to_organisation.id, bayarea);
      const notices = expectStatus(await patient.get('/api/v1/notifications?limit=100'), 200).json.items;
      assert.ok(notices.some((n) => n.kind === 'record.referred'), 'the patient hears of the referral');
      const read = expectStatus(await doctor3.get(rec()), 200).json;
      assert.equal(read.access.basis, 'own organisation');
      assert.equal(read.access.organisation.id, bayarea);
      expectProblem(await doctor3.post(rec('/emergency-access'), { reason: 'Referred patient collapsed' }), 404, 'not_found');
      // The referral completed: the care relationship ends.
      expectStatus(
        await doctor.put(rec(`/entries/${referral.id}?as=${harbour}`), {
          version: 1, reason: 'Seen by cardiology', to_organisation: bayarea, specialty: 'Cardiology', referral_reason: 'Exertional chest pain', status: 'completed',
        }),
        200,
      );
      expectProblem(await doctor3.get(rec()), 404, 'not_found');
    });

    test('codes for the forms are searchable in three languages', async () => {
      const found = expectStatus(await doctor.get('/api/v1/record-codes?set=lab&q=a1c'), 200).json.items;
      assert.ok(found.some((k) => k.code === HBA1C));
      const k = found.find((x) => x.code === HBA1C);
      assert.ok(k.unit && k.reference_range);
      expectProblem(await doctor.get('/api/v1/record-codes?set=everything'), 422, 'validation');
    });
  });
}
