// Records the access matrix needs for the shared health record (issue 15): entries of the demo
// patient recorded by three organisations, the care relationships that let their clinicians in,
// the patient's sharing choices (joined; Kowloon East consented; Greater Bay consented through an
// approved request, then revoked; the mental_health category and one Harbour entry restricted),
// clinicians' open requests, and two emergency accesses that expired. Every change of access is
// made through the API the way it happens, and the reader is shown to see what it then loses, so a
// refusal in the matrix means "taken away", not "never had it".
//
// Runs after lib/actor_fixtures.mjs, once the made actors are signed in (fx.clients.carer,
// .shared_doctor, .bayarea_doctor). Fills fx.refs:
//   'entry:<key>'      the entries of ENTRIES below ('entry:harbourAllergy', ...)
//   'request:kowloon1' / 'request:bayarea'  open requests of Kowloon East (doctor2's, renewed by the
//                                           shared doctor) and of Greater Bay (after its revoked consent)
//   'category:<name>'  a category of the URL ('category:bogus' is none)
//   'restriction:mental' the mental_health restriction;
//   'restriction:lift' a restriction of the demo patient the matrix lifts (category procedures)
//   'emergency:kowloon' / 'emergency:bayarea' expired emergency accesses
// fx.record: { since (the last audit seq of the fixtures), texts (the secret text of each entry) }.
//
// Care relationships (records/care.hpp: a booked appointment from 12 hours ago to 14 days ahead):
// Harbour has the demo patient's bookings of lib/scheduling_fixtures.mjs and the shared doctor's
// visit; here Kowloon East and Greater Bay get a booking each. The uncaring doctor's clinic has none.
import assert from 'node:assert/strict';
import { expectStatus, expectProblem } from './client.mjs';
import { signIn } from './auth.mjs';
import { addAppointment, nowSeconds, sql } from './rows.mjs';

/** What each fixture entry says; none of it may reach a reader not allowed to see the entry. */
export const RECORD_TEXT = {
  harbourAllergy: 'matrix-harbour-allergen',
  harbourCondition: 'matrix-harbour-diabetes-note',
  harbourMental: 'matrix-mental-health-secret',
  harbourRestricted: 'matrix-restricted-allergen',
  harbourDocument: 'matrix-harbour-letter',
  harbourCorrect: 'matrix-harbour-to-correct',
  harbourError: 'matrix-harbour-to-strike',
  kowloonAllergy: 'matrix-kowloon-allergen',
  kowloonDocument: 'matrix-kowloon-letter',
  kowloonCorrect: 'matrix-kowloon-to-correct',
  bayareaAllergy: 'matrix-bayarea-allergen',
};
export const EMERGENCY_REASON = {
  kowloon: 'matrix-kowloon-emergency-reason: unconscious in A&E',
  bayarea: 'matrix-bayarea-emergency-reason: collapsed at the clinic',
};

/**
 * The fixture entries: organisation, category, and whether the patient restricted it. Entries that
 * the matrix corrects or strikes are not in the visibility checks (their text changes).
 */
export const ENTRIES = {
  harbourAllergy: { org: 'harbour', category: 'allergies' },
  harbourCondition: { org: 'harbour', category: 'conditions' },
  harbourMental: { org: 'harbour', category: 'conditions', restricted: true }, // F32.9: mental_health
  harbourRestricted: { org: 'harbour', category: 'allergies', restricted: true }, // restricted by id
  harbourDocument: { org: 'harbour', category: 'documents' },
  kowloonAllergy: { org: 'kowloon', category: 'allergies' },
  kowloonDocument: { org: 'kowloon', category: 'documents' },
  bayareaAllergy: { org: 'bayarea', category: 'allergies' },
};

/**
 * Whether a reader with this view sees a fixture entry: 'all' (the patient side, an emergency),
 * or an organisation key reading as that organisation: its own entries; others' only with the
 * patient's consent (Kowloon only), never restricted ones.
 */
export function seesEntry(view, key) {
  const e = ENTRIES[key];
  if (view === 'all') return true;
  if (e.org === view) return true;
  return view === 'kowloon' && !e.restricted;
}

export const pdf = (text) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

const allergy = (text) => ({
  type: 'allergy',
  substance_text: text,
  allergy_category: 'medication',
  reaction: 'Urticaria',
  severity: 'moderate',
  certainty: 'confirmed',
  criticality: 'low',
});

export async function setUpRecordFixtures(fx, srv) {
  const refs = fx.refs;
  const pid = fx.accounts.patient;
  const rec = (path = '') => `/api/v1/patients/${pid}/record${path}`;
  const share = (path = '') => `/api/v1/patients/${pid}/sharing${path}`;
  const { patient, doctor, shared_doctor: shared, bayarea_doctor: bayarea } = fx.clients;
  // Kowloon East's own doctor records and asks; not an actor of the matrix.
  const doctor2 = await signIn(srv, 'doctor2');
  fx.accounts.doctor2 ??= doctor2.account.id;
  refs.entry = {};
  refs.category = { allergies: 'allergies', conditions: 'conditions', documents: 'documents', bogus: 'xrays' };
  refs.request = {};
  refs.emergency = {};

  // Care: a booking with Kowloon East and one with Greater Bay, in two days.
  const services = async (org) => expectStatus(await fx.anonymous.get(`/api/v1/organisations/${org}/services`), 200).json.items;
  const inTwoDays = nowSeconds() + 2 * 86400;
  addAppointment(srv, { service: refs.service.psych, doctor: doctor2.account.id, org: fx.orgs.kowloon }, { patient: pid, startsAt: inTwoDays });
  const bayService = (await services(fx.orgs.bayarea))[0].id;
  // patient2 has a Harbour booking too (and the shared doctor's Kowloon visit): two organisations.
  const gp = { service: refs.service.gp, doctor: fx.accounts.doctor, org: fx.orgs.harbour };
  addAppointment(srv, gp, { patient: fx.accounts.patient2, startsAt: inTwoDays + 7200 });
  addAppointment(srv, { service: bayService, doctor: bayarea.account.id, org: fx.orgs.bayarea }, { patient: pid, startsAt: inTwoDays + 3600 });

  const add = async (client, org, body, key) => {
    const answer = await client.post(rec(`/entries?as=${fx.orgs[org]}`), body);
    refs.entry[key] = expectStatus(answer, 201, `record ${key}`).json.id;
  };
  const upload = async (client, org, key) => {
    const path = rec(`/documents?as=${fx.orgs[org]}&title=${encodeURIComponent(RECORD_TEXT[key])}&kind=letter&date=2026-02-01`);
    const answer = await client.request('POST', path, { body: pdf(RECORD_TEXT[key]), headers: { 'Content-Type': 'application/pdf' } });
    refs.entry[key] = expectStatus(answer, 201, `upload ${key}`).json.id;
  };
  // Harbour Health Clinic (the demo doctor).
  await add(doctor, 'harbour', allergy(RECORD_TEXT.harbourAllergy), 'harbourAllergy');
  await add(doctor, 'harbour', { type: 'condition', code: 'E11.9', clinical_status: 'active', note: RECORD_TEXT.harbourCondition }, 'harbourCondition');
  await add(doctor, 'harbour', { type: 'condition', code: 'F32.9', clinical_status: 'active', note: RECORD_TEXT.harbourMental }, 'harbourMental');
  await add(doctor, 'harbour', allergy(RECORD_TEXT.harbourRestricted), 'harbourRestricted');
  await add(doctor, 'harbour', allergy(RECORD_TEXT.harbourCorrect), 'harbourCorrect');
  await add(doctor, 'harbour', allergy(RECORD_TEXT.harbourError), 'harbourError');
  await upload(doctor, 'harbour', 'harbourDocument');
  // Kowloon East: its own doctor, and the doctor of both organisations reading as Kowloon.
  await add(doctor2, 'kowloon', allergy(RECORD_TEXT.kowloonAllergy), 'kowloonAllergy');
  await add(doctor2, 'kowloon', allergy(RECORD_TEXT.kowloonCorrect), 'kowloonCorrect');
  await upload(shared, 'kowloon', 'kowloonDocument');
  // Greater Bay.
  await add(bayarea, 'bayarea', allergy(RECORD_TEXT.bayareaAllergy), 'bayareaAllergy');
  const mental = await doctor.get(rec(`/entries/${refs.entry.harbourMental}`));
  assert.equal(expectStatus(mental, 200).json.entry.sensitivity, 'mental_health', 'F32.9 is a mental health entry');

  // Greater Bay asks; the patient approves (joining the sharing); its doctor then reads Harbour's.
  const asked = expectStatus(await bayarea.post(share('/requests'), {}), 201, 'Greater Bay asks').json.id;
  expectStatus(await patient.post(share(`/requests/${asked}/approve`)), 200, 'the patient approves Greater Bay');
  const consented = expectStatus(await bayarea.get(rec('/allergies')), 200);
  assert.equal(consented.json.access.basis, 'sharing consent');
  assert.ok(consented.text.includes(RECORD_TEXT.harbourAllergy), "Greater Bay reads Harbour's allergy with consent");
  // Kowloon East: two clinicians ask (one request stays open), the patient gives consent directly.
  refs.request.kowloon1 = expectStatus(await doctor2.post(share(`/requests?as=${fx.orgs.kowloon}`), {}), 201).json.id;
  // A colleague asking for the same organisation renews its one open request.
  const renewed = expectStatus(await shared.post(share(`/requests?as=${fx.orgs.kowloon}`), {}), 201).json.id;
  assert.equal(renewed, refs.request.kowloon1, 'one open request per organisation');
  expectStatus(await patient.put(share(`/organisations/${fx.orgs.kowloon}`)), 200, 'consent for Kowloon East');
  // Restrictions: psychiatric diagnoses, one Harbour allergy, and one the matrix lifts.
  const mentalHealth = expectStatus(await patient.post(share('/restrictions'), { kind: 'category', target: 'mental_health' }), 201).json.id;
  expectStatus(await patient.post(share('/restrictions'), { kind: 'entry', target: refs.entry.harbourRestricted }), 201);
  refs.restriction = {
    mental: mentalHealth,
    lift: expectStatus(await patient.post(share('/restrictions'), { kind: 'category', target: 'procedures' }), 201).json.id,
  };
  const kowloonView = expectStatus(await shared.get(rec(`/conditions?as=${fx.orgs.kowloon}`)), 200);
  assert.ok(kowloonView.text.includes(RECORD_TEXT.harbourCondition) && !kowloonView.text.includes(RECORD_TEXT.harbourMental), 'Kowloon reads all but the restricted');

  // Emergency accesses that ran out: each reader saw the restricted diagnosis while it lasted.
  for (const [key, client] of [['kowloon', doctor2], ['bayarea', bayarea]]) {
    const started = await client.post(rec(`/emergency-access?as=${fx.orgs[key]}`), { reason: EMERGENCY_REASON[key] });
    refs.emergency[key] = expectStatus(started, 201, `emergency access of ${key}`).json.id;
    const during = expectStatus(await client.get(rec(`/conditions?as=${fx.orgs[key]}`)), 200);
    assert.equal(during.json.access.basis, 'emergency');
    assert.ok(during.text.includes(RECORD_TEXT.harbourMental), `${key}: the emergency shows the restricted`);
    // Ends now: the reads above stay inside it (the patient's access log shows them with the reason).
    sql(srv, `UPDATE emergency_accesses SET expires_at = ${nowSeconds()} WHERE id = '${refs.emergency[key]}'`);
  }
  await new Promise((r) => setTimeout(r, 1100)); // past the second the accesses ended in
  // Greater Bay's consent is revoked: its doctor is back to its own entries.
  expectStatus(await patient.request('DELETE', share(`/organisations/${fx.orgs.bayarea}`)), 200, 'revoke Greater Bay');
  // Greater Bay asks again (its request stays open).
  refs.request.bayarea = expectStatus(await bayarea.post(share('/requests'), {}), 201, 'Greater Bay asks again').json.id;
  const after = expectStatus(await bayarea.get(rec('/allergies')), 200);
  assert.equal(after.json.access.basis, 'own organisation');
  assert.equal(after.json.access.sharing, 'no_consent');
  assert.equal(after.json.access.emergency_until, null);
  assert.ok(!after.text.includes(RECORD_TEXT.harbourAllergy) && after.text.includes(RECORD_TEXT.bayareaAllergy), 'Greater Bay: its own only');
  const expired = expectStatus(await bayarea.get(rec('/conditions')), 200);
  assert.ok(!expired.text.includes(RECORD_TEXT.harbourMental), 'the expired emergency shows nothing more');
  // The carer reads like the patient; the uncaring doctor reads nothing.
  assert.equal(expectStatus(await fx.clients.carer.get(rec()), 200).json.access.basis, 'carer');
  expectProblem(await fx.clients.uncaring_doctor.get(rec()), 404, 'not_found', 'no care relationship');

  // patient2 joins the sharing too (the matrix withdraws and joins it for them).
  expectStatus(await fx.clients.patient2.post(`/api/v1/patients/${fx.accounts.patient2}/sharing/join`), 200);

  fx.record = { since: Number(sql(srv, 'SELECT MAX(seq) FROM audit_events')[0][0]), texts: RECORD_TEXT };
  fx.srv = srv;
}

/** The audit events of `actions` after the fixtures: [{ actor, action, patient, target }]. */
export function auditSince(fx, actions) {
  const list = actions.map((a) => `'${a}'`).join(', ');
  return sql(fx.srv, `SELECT actor_id, action, patient_id, target_id FROM audit_events WHERE seq > ${fx.record.since} AND action IN (${list}) AND outcome = 'success' ORDER BY seq`).map(
    ([actor, action, patient, target]) => ({ actor, action, patient, target }),
  );
}
