// Who may call what: the expected-access table that access_matrix.test.mjs checks against the
// real server. One row per route of `yiqiao routes --json`, keyed "METHOD pattern"; the test fails
// when a route has no row here (so every new route must say who may call it) or a row names a
// route that no longer exists.
//
// A row:
//   policy     the policy the route table must declare (a changed policy must be changed here too)
//   variants   the calls to make, each as every actor in ACTORS:
//     label      short name for messages
//     params     path parameters as fixture references: 'org:harbour', 'account:nurse', 'unknown'
//     allow      actors that must get through (ALL, or a list). Everyone else must be refused:
//                by the policy (401 anonymous, 403 mfa_enrolment_required, 403 forbidden) or, when
//                the policy lets them in but the record is not theirs, with 404 (or `scope` and
//                `scopeCode`; or `scope: (actor) => [status, code]` when it differs by caller).
//     ok         the status(es) an allowed actor gets
//     body       JSON body, or (ctx) => body; ctx = { actor, fx, variant }
//     raw        (ctx) => { body: Buffer, type } for a non-JSON body
//     secrets    (fx) => strings that must not appear in a refused answer (the target's data)
//     check      (answer, ctx) => void, more assertions on an allowed answer
//   ends       'session': the call ends the caller's session (run on a spare session)
//              'all_sessions': ends every session (run after all other calls)
//   verify     async ({ fx, variant, allowed }) => void, after the matrix (before the 'all_sessions'
//              calls): that refused calls changed nothing (only allowed actors' marks are found)
//
// Later modules add rows (and actors and fixture records) here; for a route on a patient's record,
// use 'account:patient' as the id with allow ['patient', ...] so patient2 must be refused.
import assert from 'node:assert/strict';
import { expectStatus, expectProblem } from './client.mjs';
import { makePng } from './images.mjs';
import { SECRET_REASON } from './scheduling_fixtures.mjs';
import { ACTOR_EMAIL } from './actor_fixtures.mjs';
import { ENTRIES, EMERGENCY_REASON, RECORD_TEXT, auditSince, pdf, seesEntry } from './record_fixtures.mjs';
import { sql } from './rows.mjs';

/**
 * Who calls. `who`: the demo account (null: no session); `roles`: what the policy check sees;
 * `enrol: false`: a staff session that has not set up its authenticator (signed_in_any only);
 * `made`: an account lib/actor_fixtures.mjs creates and gives its history (reached the records,
 * then lost them), with the session it held through that change.
 */
export const ACTORS = {
  anonymous: { who: null, roles: [] },
  patient: { who: 'patient', roles: ['patient'] },
  patient2: { who: 'patient2', roles: ['patient'] },
  doctor: { who: 'doctor', roles: ['doctor'] }, // Harbour Health Clinic
  doctor_unenrolled: { who: 'doctor3', roles: ['doctor'], enrol: false }, // Greater Bay Private Hospital
  nurse: { who: 'nurse', roles: ['nurse'] }, // Harbour Health Clinic
  pharmacist: { who: 'pharmacist', roles: ['pharmacist'] }, // Lotus Pharmacy
  org_admin: { who: 'orgadmin', roles: ['org_admin'] }, // Harbour Health Clinic
  org_admin2: { who: 'orgadmin2', roles: ['org_admin'] }, // Kowloon East Hospital: a second organisation
  platform_admin: { who: 'admin', roles: ['platform_admin'] },
  // The demo patient's carer (request, accept) who used it (a booking and a queue place for the
  // patient, the patient's room, chat, note and calendar), then was revoked by the patient.
  revoked_carer: { who: ACTOR_EMAIL.revoked_carer, roles: ['patient'], made: true },
  // A Harbour doctor with a visit, a room and a draft note, demoted to nurse by the Harbour admin.
  demoted_doctor: { who: ACTOR_EMAIL.demoted_doctor, roles: ['nurse'], made: true },
  // A doctor of Harbour Health Clinic and of Kowloon East Hospital, with hours and a visit in each.
  shared_doctor: { who: ACTOR_EMAIL.shared_doctor, roles: ['doctor'], made: true },
  // Invited by the doctor into a room of the demo patient, admitted, and the visit then ended.
  guest_after_visit: { who: ACTOR_EMAIL.guest_after_visit, roles: ['patient'], made: true },
  // Issue 12, finding 1: registered an address as a patient, never verified it, and kept that
  // session while the Harbour admin invited the address as a doctor (fx.refs.invitation.early).
  early_registrant: { who: ACTOR_EMAIL.early_registrant, roles: ['patient'], made: true },
  // The demo patient's carer now (request, accept): the patient side of the shared record, and of
  // everything else the patient's carer may do for them.
  carer: { who: ACTOR_EMAIL.carer, roles: ['patient'], made: true },
  // A doctor of Greater Bay Private Hospital, which has a booking with the demo patient: read
  // Harbour's entries with the patient's consent and everything in an emergency access, then the
  // consent was revoked and the access ran out (lib/record_fixtures.mjs).
  bayarea_doctor: { who: ACTOR_EMAIL.bayarea_doctor, roles: ['doctor'], made: true },
  // A doctor of a clinic that never saw the demo patient (no care relationship).
  uncaring_doctor: { who: ACTOR_EMAIL.uncaring_doctor, roles: ['doctor'], made: true },
};

export const ALL = Object.keys(ACTORS);
/** Everyone with a patient account: what any patient may do for themselves, they all may. */
const PATIENTS = ALL.filter((a) => ACTORS[a].roles.includes('patient'));
/** Patients whose address was never proved (they registered and did not open the link). */
const UNPROVED = ['guest_after_visit', 'early_registrant'];
const unprovedRefused = (actor) => (UNPROVED.includes(actor) ? [403, 'email_not_verified'] : [404, 'not_found']);
/** Everyone who is a doctor now (of any organisation). */
const DOCTORS = ALL.filter((a) => ACTORS[a].roles.includes('doctor') && ACTORS[a].enrol !== false);

/** A mark an actor leaves in what it changes, so `verify` can tell who got through. */
export const mark = (actor) => `matrix:${actor}`;

/** The demo staff of each organisation (their e-mail addresses and names are not public). */
const STAFF = {
  harbour: ['doctor@demo.yiqiao.hk', 'nurse@demo.yiqiao.hk', 'orgadmin@demo.yiqiao.hk', 'Nurse Cheung Mei Ling', 'Grace Lee'],
  kowloon: ['doctor2@demo.yiqiao.hk', 'orgadmin2@demo.yiqiao.hk', '何志強'],
};

const PASSWORD = 'Matrix-password-2026';

/** Marks found in a value that only allowed actors may have left. */
function assertOnlyAllowedMarks(found, allowed, what) {
  const actors = found.filter((v) => v.startsWith('matrix:')).map((v) => v.slice(7));
  for (const a of actors) assert.ok(allowed.includes(a), `${what}: changed by ${a}, who must have been refused`);
}

const profileBody = ({ actor }) => ({
  title: 'Dr.',
  bio: { en: mark(actor), 'zh-Hant': '矩陣', 'zh-Hans': '矩阵' },
  specialties: ['general_practice'],
  languages: ['en'],
  fee_cents: 10000,
});

const photoSeed = (actor) => ALL.indexOf(actor) + 1;

/** Signed in with every factor. */
const SIGNED_IN = ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled');
/** A consultation room of the demo patient with the Harbour doctor: only those two (and the patient's carer) get in. */
const ROOM_READ = { label: "the patient's room", params: { id: 'consult:room' }, allow: ['patient', 'carer', 'doctor'], ok: 200 };
/** The room of the demoted doctor's visit: the patient side only (the doctor's seat went with the role). */
const DEMOTED_ROOM = { label: "the demoted doctor's room", params: { id: 'consult:demoted' }, allow: ['patient', 'carer'], ok: 200, secrets: () => [SECRET_REASON] };
/** The ended room the guest was admitted to: the patient side and the doctor, never the guest again. */
const VISITED_ROOM = { label: 'the room after the visit', params: { id: 'consult:visited' }, allow: ['patient', 'carer', 'doctor'], ok: 200, secrets: () => [SECRET_REASON] };

/** Which organisation's part of the shared doctor's schedule each caller sees. */
const SHARED_VIEW = { shared_doctor: ['harbour', 'kowloon'], platform_admin: ['harbour', 'kowloon'], org_admin: ['harbour'], org_admin2: ['kowloon'] };
const seesOnly = (actor, ids, what) => {
  for (const org of ['harbour', 'kowloon']) {
    for (const id of what(org)) assert.equal(ids.includes(id), SHARED_VIEW[actor].includes(org), `${actor} and the ${org} part of the shared doctor (${id})`);
  }
};
/** The demo patient's bookings, which no other patient's calendar feed may list. */
const patientBookings = (fx) => [fx.refs.appointment.read, fx.refs.appointment.carer, fx.refs.appointment.demoted];

// ---- The shared health record (issue 15; docs/design/shared-record.md) ----
// Fixtures from lib/record_fixtures.mjs: entries of the demo patient by Harbour, Kowloon East and
// Greater Bay; the patient joined the sharing, consented to Kowloon East, consented to Greater Bay
// (an approved request) and revoked it, restricted mental_health (the F32.9 diagnosis) and one
// Harbour allergy; Kowloon's and Greater Bay's emergency accesses expired. Care relationships:
// Harbour, Kowloon East and Greater Bay have bookings with the patient; the uncaring doctor's clinic
// none.
//
// Who reads (consent::record_scope):
//   the patient side: the patient and the carer (an active carer: `carer`) see everything; the
//     revoked carer, another patient, a guest are nobody (404).
//   Harbour's clinicians: the doctor, the nurse and the demoted doctor. The demoted doctor is a
//     nurse of Harbour now, and the design lets "a doctor or nurse of O" with a care relationship
//     read and write as O: the demotion took the doctor's seat in the consultation room, not the
//     clinician's place in the record. Harbour has no consent: its own entries only (restricted
//     ones included: restrictions hold against other organisations).
//   the shared doctor: a doctor of Harbour and of Kowloon East, both caring: without ?as= the
//     reading is ambiguous (409 choose_organisation, nothing of the patient); as Kowloon (consented)
//     everything but the restricted; as Harbour, Harbour's own.
//   the Greater Bay doctor: consent revoked, emergency access expired: its own entries only.
//   the uncaring doctor: no care relationship (404, however the patient consented).
//   pharmacists, organisation and platform admins: refused by the policy (403).
const PATIENT_SIDE = ['patient', 'carer'];
const HARBOUR_CLINICIANS = ['doctor', 'nurse', 'demoted_doctor'];
/**
 * Without ?as=, the shared doctor must choose an organisation; everyone else refused gets 404. The
 * design says so for every call that reads or writes as an organisation; the server (records/
 * record_service.cpp, writer(): a refused Reading has no organisation, so patient_side() holds and
 * it answers not_found) gives 404 on the writes: reported to the lead, not papered over here.
 */
const CHOOSE = (actor) => (actor === 'shared_doctor' ? [409, 'choose_organisation'] : [404, 'not_found']);
/** What each reader sees without ?as= ('all': the patient side), and what a reading as an organisation sees. */
const VIEW = { patient: 'all', carer: 'all', doctor: 'harbour', nurse: 'harbour', demoted_doctor: 'harbour', bayarea_doctor: 'bayarea' };
const viewOf = (actor, as) => (as ?? VIEW[actor]);
/** The readers (no ?as=) that see a fixture entry. */
const readersOf = (key) => Object.keys(VIEW).filter((a) => seesEntry(VIEW[a], key));
const recordSecrets = () => [...Object.values(RECORD_TEXT), 'F32.9', ...Object.values(EMERGENCY_REASON)];
const asQuery = (as) => (as ? ({ fx }) => `as=${fx.orgs[as]}` : undefined);
const withAs = (as, rest) => ({ fx }) => [as ? `as=${fx.orgs[as]}` : '', rest].filter(Boolean).join('&');

/** The `access` of an answer, as the reader's view says it must be. */
function assertAccess(access, actor, view, fx) {
  if (view === 'all') {
    assert.equal(access.basis, actor === 'patient' ? 'self' : 'carer', `${actor}: basis`);
    assert.equal(access.organisation, null);
    return;
  }
  const expected = { harbour: ['own organisation', 'no_consent'], kowloon: ['sharing consent', 'consented'], bayarea: ['own organisation', 'no_consent'] }[view];
  assert.deepEqual([access.basis, access.sharing], expected, `${actor} as ${view}: basis and sharing`);
  assert.equal(access.organisation?.id, fx.orgs[view], `${actor}: reads as ${view}`);
  assert.equal(access.emergency_until, null, `${actor}: no emergency access now`);
}

/** Of the fixture entries `keys`, the answer lists exactly those the view sees, and no text of the others. */
function assertEntries(answer, view, keys, fx, what) {
  for (const key of keys) {
    const sees = seesEntry(view, key);
    assert.equal(answer.text.includes(fx.refs.entry[key]), sees, `${what}: ${key} (${view}) ${sees ? 'must be listed' : 'must not be'}`);
    if (!sees) assert.ok(!answer.text.includes(RECORD_TEXT[key]), `${what}: the text of ${key} reaches ${view}`);
  }
  if (!seesEntry(view, 'harbourMental')) assert.ok(!answer.text.includes('F32.9'), `${what}: the restricted diagnosis reaches ${view}`);
}

/** A reading call of the demo patient's record: who gets in without ?as= or as an organisation, and what each sees. */
function recordRead({ label, as, keys = [], allow, ...rest }) {
  return {
    label: as ? `${label}, as ${as}` : label,
    allow: allow ?? (as === 'kowloon' ? ['shared_doctor'] : as === 'harbour' ? [...HARBOUR_CLINICIANS, 'shared_doctor'] : Object.keys(VIEW)),
    ok: 200,
    scope: as ? undefined : CHOOSE,
    secrets: recordSecrets,
    ...rest,
    params: { p: 'account:patient', ...(rest.params ?? {}) },
    query: rest.query ?? asQuery(as),
    check: async (answer, ctx) => {
      const view = viewOf(ctx.actor, as);
      if (answer.json?.access) assertAccess(answer.json.access, ctx.actor, view, ctx.fx);
      assertEntries(answer, view, keys, ctx.fx, `${ctx.actor} → ${label}`);
      await rest.check?.(answer, { ...ctx, view });
    },
  };
}

const SUMMARY_KEYS = ['harbourAllergy', 'harbourCondition', 'harbourMental', 'harbourRestricted', 'kowloonAllergy', 'bayareaAllergy'];
const KEYS_OF = (category) => Object.keys(ENTRIES).filter((k) => ENTRIES[k].category === category);

/** The allowed actors of every variant of a row, for a verify that sees the marks of all of them. */
const allowedOfAll = (variants) => [...new Set(variants.flatMap((v) => v.allow))];
/** Audit events since the fixtures: each actor must be allowed (or the fixture clients that put things back). */
function assertAuditActors(fx, actions, allowed, what, patient = fx.accounts.patient) {
  const ids = new Map(Object.entries(fx.actorIds).map(([a, id]) => [id, a]));
  for (const e of auditSince(fx, actions)) {
    if (e.patient !== patient) continue;
    const who = ids.get(e.actor) ?? e.actor;
    assert.ok(allowed.includes(who), `${what}: ${e.action} by ${who}, who must have been refused`);
  }
}
/** Put back what an allowed caller changed, so the next caller (allowed or not) finds it as it was. */
const undo = (statements) => (answer, { fx }) => {
  sql(fx.srv, statements(fx));
};
const pending = (id) => `UPDATE sharing_requests SET answered_at = NULL, answer = NULL, answered_by = NULL WHERE id = '${id}'`;

export const RULES = {
  'GET /healthz': { policy: 'public', variants: [{ allow: ALL, ok: 200 }] },
  'GET /readyz': { policy: 'public', variants: [{ allow: ALL, ok: 200 }] },

  'GET /api/v1/admin/outbox': {
    policy: 'role:platform_admin',
    variants: [{ allow: ['platform_admin'], ok: 200, secrets: (fx) => fx.outboxSecrets }],
  },
  'GET /api/v1/admin/audit': {
    policy: 'role:platform_admin',
    variants: [{ allow: ['platform_admin'], ok: 200, secrets: () => ['auth.sign_in', 'system.demo_data_loaded'] }],
  },

  'POST /api/v1/auth/register': {
    policy: 'public',
    variants: [
      {
        allow: ALL,
        ok: 201,
        body: ({ actor }) => ({ email: `matrix-register-${actor}@example.test`, password: PASSWORD, display_name: 'Matrix' }),
      },
    ],
  },
  'POST /api/v1/auth/login': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 200, body: ({ fx }) => ({ email: 'patient3@demo.yiqiao.hk', password: fx.demoPassword }) }],
  },
  'POST /api/v1/auth/token': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 200, body: ({ fx }) => ({ email: 'patient3@demo.yiqiao.hk', password: fx.demoPassword }) }],
  },
  'POST /api/v1/auth/logout': {
    policy: 'signed_in_any',
    ends: 'session',
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous'), ok: 204 }],
  },
  'POST /api/v1/auth/logout-everywhere': {
    policy: 'signed_in',
    ends: 'all_sessions',
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'), ok: 204 }],
  },
  'POST /api/v1/auth/password-reset': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 202, body: { email: 'nobody@example.test' } }],
  },
  'POST /api/v1/auth/password-reset/confirm': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 400, body: { token: 'not-a-token', password: PASSWORD } }],
  },
  'POST /api/v1/auth/verify-email': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 400, body: { token: 'not-a-token' } }],
  },
  'POST /api/v1/me/email-verification': {
    policy: 'signed_in',
    variants: [{ allow: SIGNED_IN, ok: 202 }],
  },

  'GET /api/v1/me': {
    policy: 'signed_in_any',
    variants: [
      {
        allow: ALL.filter((a) => a !== 'anonymous'),
        ok: 200,
        check: (answer, { actor, fx }) => {
          assert.equal(answer.json.account.id, fx.actorIds[actor], 'GET /me is the caller');
          if (actor !== 'early_registrant') return;
          assert.deepEqual(answer.json.account.roles.map((r) => r.role), ['patient'], 'an early registrant of an invited address is a patient only');
          assert.equal(answer.json.account.email_verified, false);
        },
      },
    ],
  },
  'PATCH /api/v1/me': {
    policy: 'signed_in',
    variants: [
      {
        allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'),
        ok: 200,
        body: {},
        check: (answer, { actor, fx }) => assert.equal(answer.json.account.id, fx.actorIds[actor]),
      },
    ],
  },
  'POST /api/v1/me/password': {
    policy: 'signed_in',
    variants: [
      {
        allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'),
        ok: 422, // wrong current password: allowed in, and nothing changes
        body: { current_password: 'Not-the-password-1', new_password: PASSWORD },
      },
    ],
  },
  'POST /api/v1/me/totp/enrol': {
    policy: 'signed_in_any',
    // 409: already enrolled. A patient sets up a second factor only once their address is proved.
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous' && !UNPROVED.includes(a)), ok: [200, 409], scope: unprovedRefused }],
  },
  'POST /api/v1/me/totp/confirm': {
    policy: 'signed_in_any',
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous'), ok: [400, 401, 409], body: { code: 'abcdef' } }],
  },
  'POST /api/v1/me/totp/disable': {
    policy: 'role:patient',
    variants: [{ allow: PATIENTS, ok: 422, body: { password: 'Not-the-password-1' } }],
  },

  'GET /api/v1/meta': { policy: 'public', variants: [{ allow: ALL, ok: 200 }] },
  'GET /api/v1/organisations': { policy: 'public', variants: [{ allow: ALL, ok: 200 }] },
  'GET /api/v1/organisations/{org}': {
    policy: 'public',
    variants: [{ label: 'an active organisation', params: { org: 'org:kowloon' }, allow: ALL, ok: 200 }],
  },
  'GET /api/v1/admin/organisations': {
    policy: 'role:platform_admin',
    variants: [{ allow: ['platform_admin'], ok: 200 }],
  },
  'POST /api/v1/admin/organisations': {
    policy: 'role:platform_admin',
    variants: [
      {
        allow: ['platform_admin'],
        ok: 201,
        body: ({ actor }) => ({ kind: 'clinic', region: 'zhuhai', name: { en: mark(actor), 'zh-Hant': '矩陣', 'zh-Hans': '矩阵' } }),
      },
    ],
    verify: async ({ fx, allowed }) => {
      const all = (await fx.admin.get('/api/v1/admin/organisations')).json.items;
      assertOnlyAllowedMarks(all.map((o) => o.name.en), allowed, 'organisations created');
      assert.ok(all.some((o) => o.name.en === mark('platform_admin')));
    },
  },
  'PATCH /api/v1/admin/organisations/{org}': {
    policy: 'role:platform_admin',
    variants: [{ params: { org: 'org:kowloon' }, allow: ['platform_admin'], ok: 200, body: ({ actor }) => ({ phone: mark(actor) }) }],
    verify: async ({ fx, allowed }) => {
      const org = (await fx.admin.get(`/api/v1/organisations/${fx.orgs.kowloon}`)).json;
      assertOnlyAllowedMarks([org.phone], allowed, 'organisation phone');
    },
  },

  'GET /api/v1/organisations/{org}/staff': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      {
        label: 'Harbour staff',
        params: { org: 'org:harbour' },
        allow: ['org_admin', 'platform_admin'],
        ok: 200,
        secrets: () => STAFF.harbour,
        check: (answer) => {
          const emails = answer.json.items.map((s) => s.email);
          assert.ok(emails.includes('nurse@demo.yiqiao.hk'));
          for (const e of STAFF.kowloon) assert.ok(!emails.includes(e), 'only this organisation');
          const roles = (email) => answer.json.items.find((s) => s.email === email)?.roles;
          assert.deepEqual(roles(ACTOR_EMAIL.demoted_doctor), ['nurse'], 'the demoted doctor is a nurse now');
          assert.deepEqual(roles(ACTOR_EMAIL.shared_doctor), ['doctor'], "the shared doctor, with this organisation's roles");
        },
      },
      {
        label: 'Kowloon staff',
        params: { org: 'org:kowloon' },
        allow: ['org_admin2', 'platform_admin'],
        ok: 200,
        secrets: () => STAFF.kowloon,
        check: (answer) => {
          const emails = answer.json.items.map((s) => s.email);
          assert.ok(emails.includes(ACTOR_EMAIL.shared_doctor), 'the shared doctor is Kowloon staff too');
          assert.ok(!emails.includes(ACTOR_EMAIL.demoted_doctor) && !emails.includes('nurse@demo.yiqiao.hk'), 'only this organisation');
        },
      },
      { label: 'an unknown organisation', params: { org: 'unknown' }, allow: [], ok: 200 },
    ],
  },
  'POST /api/v1/organisations/{org}/staff': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { key: 'harbour', params: { org: 'org:harbour' }, allow: ['org_admin', 'platform_admin'], secrets: () => STAFF.harbour },
      { key: 'kowloon', params: { org: 'org:kowloon' }, allow: ['org_admin2', 'platform_admin'], secrets: () => STAFF.kowloon },
    ].map((v) => ({
      ...v,
      label: `add to ${v.key}`,
      ok: 201,
      body: ({ actor }) => ({ email: `matrix-staff-${actor}-${v.key}@example.test`, display_name: mark(actor), roles: ['nurse'] }),
    })),
    verify: async ({ fx, variant, allowed }) => {
      // Adding staff invites: nobody is on the staff list until they accept.
      const staff = (await fx.admin.get(`/api/v1/organisations/${fx.orgs[variant.key]}/staff`)).json.items;
      assert.deepEqual(staff.filter((s) => s.email.startsWith('matrix-staff-')), [], `no role before acceptance (${variant.key})`);
      const invited = (await fx.admin.get(`/api/v1/organisations/${fx.orgs[variant.key]}/invitations`)).json.items;
      assertOnlyAllowedMarks(invited.map((i) => i.display_name), allowed, `invitations to ${variant.key}`);
      const added = invited.filter((i) => i.email.startsWith('matrix-staff-')).map((i) => i.email);
      assert.deepEqual(added.sort(), allowed.map((a) => `matrix-staff-${a}-${variant.key}@example.test`).sort());
    },
  },
  'GET /api/v1/organisations/{org}/invitations': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      {
        label: 'Harbour invitations',
        params: { org: 'org:harbour' },
        allow: ['org_admin', 'platform_admin'],
        ok: 200,
        secrets: () => ['matrix-invite-resend-harbour@example.test', ACTOR_EMAIL.early_registrant],
        check: (answer) => {
          const emails = answer.json.items.map((i) => i.email);
          assert.ok(emails.includes('matrix-invite-resend-harbour@example.test'));
          assert.ok(!emails.includes('matrix-invite-resend-kowloon@example.test'), 'only this organisation');
          assert.ok(!JSON.stringify(answer.json).includes('token'), 'no token in the list');
        },
      },
      { label: 'Kowloon invitations', params: { org: 'org:kowloon' }, allow: ['org_admin2', 'platform_admin'], ok: 200, secrets: () => ['matrix-invite-resend-kowloon@example.test'] },
      { label: 'an unknown organisation', params: { org: 'unknown' }, allow: [], ok: 200 },
    ],
  },
  'DELETE /api/v1/organisations/{org}/invitations/{id}': {
    policy: 'role:org_admin,platform_admin',
    // Actors are called in ACTORS order: the organisation's admin withdraws it, so the platform
    // admin, called after, finds it withdrawn (404) like everyone else.
    variants: [
      { label: 'Harbour invitation', params: { org: 'org:harbour', id: 'invitation:harbour_withdraw' }, allow: ['org_admin'], ok: 204 },
      { label: 'Kowloon invitation', params: { org: 'org:kowloon', id: 'invitation:kowloon_withdraw' }, allow: ['org_admin2'], ok: 204 },
      { label: "Kowloon's invitation under Harbour", params: { org: 'org:harbour', id: 'invitation:kowloon_resend' }, allow: [] },
    ],
  },
  'POST /api/v1/organisations/{org}/invitations/{id}/resend': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour invitation', params: { org: 'org:harbour', id: 'invitation:harbour_resend' }, allow: ['org_admin', 'platform_admin'], ok: 200 },
      { label: 'Kowloon invitation', params: { org: 'org:kowloon', id: 'invitation:kowloon_resend' }, allow: ['org_admin2', 'platform_admin'], ok: 200 },
      { label: "Harbour's invitation under Kowloon", params: { org: 'org:kowloon', id: 'invitation:harbour_resend' }, allow: [], secrets: () => ['matrix-invite-resend-harbour@example.test'] },
    ],
  },
  'POST /api/v1/invitations/preview': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 400, body: { token: 'not-a-token' } }],
  },
  'POST /api/v1/invitations/accept': {
    policy: 'signed_in',
    variants: [{ allow: SIGNED_IN, ok: 400, body: { token: 'not-a-token' } }],
  },
  'GET /api/v1/me/invitations': {
    policy: 'signed_in',
    // Nobody signed in has one: the early registrant's address is invited, but not verified.
    variants: [{ allow: SIGNED_IN, ok: 200, check: (answer) => assert.deepEqual(answer.json.items, []) }],
  },
  'POST /api/v1/me/invitations/{id}/accept': {
    policy: 'signed_in',
    // An invitation to someone else's address: nobody accepts it without being its addressee.
    variants: [
      { label: 'an invitation to another address', params: { id: 'invitation:harbour_resend' }, allow: [] },
      // Nor does the account that registered the invited address first, without the mailbox.
      { label: 'an invitation to an unverified address of the caller', params: { id: 'invitation:early' }, allow: [] },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.id !== 'invitation:early') return;
      const org = fx.orgs.harbour;
      const pending = expectStatus(await fx.clients.org_admin.get(`/api/v1/organisations/${org}/invitations`), 200).json.items;
      const early = pending.find((i) => i.id === fx.refs.invitation.early);
      assert.ok(early, 'the invitation to the early registrant\'s address is still pending for its owner');
      assert.equal(early.status, 'pending');
      assert.deepEqual(early.roles, ['doctor']);
      const staff = expectStatus(await fx.clients.org_admin.get(`/api/v1/organisations/${org}/staff`), 200).json.items;
      assert.ok(!staff.some((m) => m.email === ACTOR_EMAIL.early_registrant || m.account_id === fx.accounts.early_registrant), 'the early registrant is not on the staff');
      const me = expectStatus(await fx.clients.early_registrant.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(me.roles.map((r) => r.role), ['patient'], 'the early registrant is still a patient only');
    },
  },
  'PATCH /api/v1/organisations/{org}/staff/{account}': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      ...[
        { label: 'Harbour nurse', params: { org: 'org:harbour', account: 'account:nurse' }, allow: ['org_admin', 'platform_admin'], secrets: () => STAFF.harbour },
        { label: 'Kowloon doctor', params: { org: 'org:kowloon', account: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'], secrets: () => STAFF.kowloon },
        // The organisation is the caller's, the person is not in it.
        { label: 'Kowloon doctor under Harbour', params: { org: 'org:harbour', account: 'account:doctor2' }, allow: [], secrets: () => STAFF.kowloon },
        // Someone who is no organisation's staff at all.
        { label: 'a patient under Harbour', params: { org: 'org:harbour', account: 'account:patient' }, allow: [], secrets: () => ['patient@demo.yiqiao.hk', 'Chan Tai Man'] },
        // The name of a person who also works elsewhere is the platform admin's to change: the
        // Harbour admin is told no (403), the Kowloon admin does not reach Harbour's staff (404).
        {
          label: 'the shared doctor under Harbour',
          params: { org: 'org:harbour', account: 'account:shared_doctor' },
          allow: ['platform_admin'],
          scope: (actor) => (actor === 'org_admin' ? [403, 'forbidden'] : [404, 'not_found']),
        },
      ].map((v) => ({ ...v, ok: 200, body: ({ actor }) => ({ display_name: mark(actor) }) })),
      // Each organisation's admin sets the shared doctor's roles there (kept as they are), not elsewhere.
      ...[
        { label: "the shared doctor's Harbour roles", params: { org: 'org:harbour', account: 'account:shared_doctor' }, allow: ['org_admin', 'platform_admin'] },
        { label: "the shared doctor's Kowloon roles", params: { org: 'org:kowloon', account: 'account:shared_doctor' }, allow: ['org_admin2', 'platform_admin'] },
      ].map((v) => ({ ...v, ok: 200, body: { roles: ['doctor'] } })),
    ],
    verify: async ({ fx, variant, allowed }) => {
      const { org, account } = variant.params;
      const key = org.slice(4);
      const who = account.slice(8);
      if (who === 'patient') {
        const me = (await fx.clients.patient.get('/api/v1/me')).json.account;
        return assertOnlyAllowedMarks([me.display_name], allowed, "the patient's name");
      }
      const staff = (await fx.admin.get(`/api/v1/organisations/${fx.orgs[key]}/staff`)).json.items;
      const person = staff.find((s) => s.account_id === fx.accounts[who]);
      if (person) assertOnlyAllowedMarks([person.display_name], allowed, `name of ${who}`);
      else assert.equal(allowed.length, 0, `${who} is not staff of ${key}`);
      if (who === 'shared_doctor') assert.deepEqual(person.roles, ['doctor'], `roles of the shared doctor in ${key}`);
    },
  },

  'GET /api/v1/doctors/{id}': {
    policy: 'public',
    variants: [{ params: { id: 'account:doctor' }, allow: ALL, ok: 200 }],
  },
  'PUT /api/v1/doctors/{id}/profile': {
    policy: 'role:doctor,org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['doctor', 'org_admin', 'platform_admin'], ok: 200, body: profileBody },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'], ok: 200, body: profileBody },
      { label: 'a nurse (no doctor)', params: { id: 'account:nurse' }, allow: [], ok: 200, body: profileBody },
    ],
    verify: async ({ fx, variant, allowed }) => {
      const who = variant.params.id.slice(8);
      const res = await fx.anonymous.get(`/api/v1/doctors/${fx.accounts[who]}`);
      if (who === 'nurse') return assert.equal(res.status, 404, 'no profile was created for the nurse');
      assertOnlyAllowedMarks([res.json.bio.en], allowed, `profile of ${who}`);
    },
  },
  'PUT /api/v1/doctors/{id}/photo': {
    policy: 'role:doctor,org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['doctor', 'org_admin', 'platform_admin'] },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'] },
    ].map((v) => ({ ...v, ok: 200, raw: ({ actor }) => ({ body: makePng(8, 8, photoSeed(actor)), type: 'image/png' }) })),
    verify: async ({ fx, variant, allowed }) => {
      const who = variant.params.id.slice(8);
      const res = await fx.anonymous.get(`/api/v1/doctors/${fx.accounts[who]}/photo`);
      assert.equal(res.status, 200);
      const by = ALL.filter((a) => res.bytes.equals(makePng(8, 8, photoSeed(a))));
      assert.equal(by.length, 1, 'the photo is one of the uploads');
      assert.ok(allowed.includes(by[0]), `photo of ${who} uploaded by ${by[0]}, who must have been refused`);
    },
  },
  'GET /api/v1/doctors/{id}/photo': {
    policy: 'public',
    variants: [{ params: { id: 'account:doctor' }, allow: ALL, ok: 200 }],
  },

  // Notifications and the calendar feed are the caller's own: nobody reaches another's by id
  // (notifications.test.mjs reads another account's real notification and gets 404).
  'GET /api/v1/notifications': {
    policy: 'signed_in',
    variants: [
      {
        allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'),
        ok: 200,
        check: (answer, { actor, fx }) => {
          assert.ok(Array.isArray(answer.json.items) && typeof answer.json.unread === 'number');
          // The invitation is news for the mailbox, not for whoever registered the address first.
          if (actor === 'early_registrant') {
            assert.ok(!answer.text.includes(fx.refs.invitation.early) && !answer.text.includes('Harbour Health'), `no word of the invitation: ${answer.text}`);
          }
          // A doctor demoted since is no longer the treating doctor: the patient's later
          // cancellation names the patient to nobody but the patient side.
          if (actor === 'demoted_doctor') assert.ok(!answer.text.includes('Chan Tai Man'), 'a former doctor hears nothing more of the patient');
        },
      },
    ],
  },
  'POST /api/v1/notifications/{id}/read': {
    policy: 'signed_in',
    variants: [{ label: 'an unknown notification', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'POST /api/v1/notifications/read-all': {
    policy: 'signed_in',
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'), ok: 200 }],
  },
  'POST /api/v1/calendar-feed': {
    policy: 'signed_in',
    variants: [
      {
        allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'),
        ok: 201,
        // No other patient's feed lists the demo patient's bookings (the revoked carer's did).
        check: async (answer, { actor, fx }) => {
          assert.match(answer.json.url, /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
          if (actor === 'patient' || !PATIENTS.includes(actor)) return;
          const feed = await (await fetch(answer.json.url)).text();
          // The current carer's feed holds the patient's bookings, as the revoked carer's did while caring.
          for (const id of patientBookings(fx)) assert.equal(feed.includes(id), actor === 'carer', `${actor}'s feed and the patient's booking ${id}`);
        },
      },
    ],
  },
  'DELETE /api/v1/calendar-feed': {
    policy: 'signed_in',
    variants: [{ allow: ALL.filter((a) => a !== 'anonymous' && a !== 'doctor_unenrolled'), ok: 204 }],
  },
  // Public (calendar apps cannot sign in): the token is the credential, so an unknown one is 404.
  'GET /calendar/{token}.ics': {
    policy: 'public',
    variants: [{ label: 'an unknown feed', params: { token: 'unknown' }, allow: [], ok: 200 }],
  },

  // "See a doctor now" queues. Unknown services and entries answer 404 to everyone the policy lets
  // in; queue.test.mjs checks real entries: another patient, and a doctor or admin of another
  // organisation, get 404 for them.
  'GET /api/v1/queues': {
    policy: 'public',
    variants: [{ allow: ALL, ok: 200, check: (answer) => assert.ok(Array.isArray(answer.json.items) && answer.json.triage.emergency.length > 0) }],
  },
  'POST /api/v1/queues/{service}/entries': {
    policy: 'role:patient',
    variants: [
      { label: 'an unknown queue', params: { service: 'unknown' }, allow: [], ok: 201, body: { symptoms: ['cough'] } },
      // Where the revoked carer queued the patient: the patient is there already (409 for the patient
      // and the current carer); nobody else queues them.
      {
        label: 'for the demo patient',
        params: { service: 'queue:service' },
        allow: ['patient', 'carer'],
        ok: [201, 409],
        body: ({ fx }) => ({ symptoms: ['cough'], patient_id: fx.accounts.patient }),
      },
    ],
  },
  'GET /api/v1/queues/{service}/entries': {
    policy: 'role:doctor,org_admin',
    variants: [{ label: 'an unknown queue', params: { service: 'unknown' }, allow: [], ok: 200 }],
  },
  'PUT /api/v1/queues/{service}/duty': {
    policy: 'role:doctor',
    variants: [{ label: 'an unknown queue', params: { service: 'unknown' }, allow: [], ok: 200 }],
  },
  'DELETE /api/v1/queues/{service}/duty': {
    policy: 'role:doctor',
    variants: [{ label: 'an unknown queue', params: { service: 'unknown' }, allow: [], ok: 200 }],
  },
  'POST /api/v1/queues/{service}/next': {
    policy: 'role:doctor',
    variants: [{ label: 'an unknown queue', params: { service: 'unknown' }, allow: [], ok: 200 }],
  },
  'GET /api/v1/queue-entries': {
    policy: 'role:patient',
    variants: [
      {
        allow: PATIENTS,
        ok: 200,
        check: (answer, { actor, fx }) => {
          // The carer's list holds the places of the patient they care for.
          const mine = actor === 'carer' ? [fx.actorIds.carer, fx.accounts.patient] : [fx.actorIds[actor]];
          for (const e of answer.json.items) assert.ok(mine.includes(e.patient.id), 'only my own places (and those of whom I care for)');
        },
      },
    ],
  },
  'GET /api/v1/queue-entries/{id}': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: 'an unknown entry', params: { id: 'unknown' }, allow: [], ok: 200 },
      // Joined by the carer for the patient, in a Harbour queue.
      { label: "the carer's place for the patient", params: { id: 'queue:carer' }, allow: ['patient', 'carer', 'doctor', 'shared_doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/queue-entries/{id}/leave': {
    policy: 'role:patient',
    variants: [
      { label: 'an unknown entry', params: { id: 'unknown' }, allow: [], ok: 200 },
      // The patient leaves; the current carer, after, finds the place left (200, the same place).
      { label: "the carer's place for the patient", params: { id: 'queue:carer' }, allow: ['patient', 'carer'], ok: 200, secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/queue-entries/{id}/complete': {
    policy: 'role:doctor',
    variants: [{ label: 'an unknown entry', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'GET /api/v1/organisations/{org}/queues': {
    policy: 'role:doctor,org_admin',
    variants: [
      { label: 'Harbour', params: { org: 'org:harbour' }, allow: ['doctor', 'shared_doctor', 'org_admin'], ok: 200 },
      { label: 'Kowloon', params: { org: 'org:kowloon' }, allow: ['shared_doctor', 'org_admin2'], ok: 200 },
    ],
  },
  'GET /api/v1/me/queue-duty': {
    policy: 'role:doctor',
    variants: [{ allow: DOCTORS, ok: 200, check: (answer) => assert.ok(Array.isArray(answer.json.duty)) }],
  },

  // Scheduling: services, availability, the directory, booking, dependants. Records come from
  // lib/scheduling_fixtures.mjs ('service:gp', 'appointment:read', 'slot:patient', ...): the
  // patient's bookings must be out of reach of patient2, of a doctor not theirs and of another
  // organisation's admin (404 with nothing of the booking in it). Routes that delete use unknown
  // ids (a second allowed caller would find the record gone); scheduling.test.mjs deletes real ones.
  'GET /api/v1/organisations/{org}/services': {
    policy: 'public',
    variants: [{ params: { org: 'org:harbour' }, allow: ALL, ok: 200, check: (a) => assert.ok(a.json.items.length > 0) }],
  },
  'GET /api/v1/services/{id}': { policy: 'public', variants: [{ params: { id: 'service:gp' }, allow: ALL, ok: 200 }] },
  'POST /api/v1/organisations/{org}/services': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour', params: { org: 'org:harbour' }, allow: ['org_admin', 'platform_admin'] },
      { label: 'Kowloon', params: { org: 'org:kowloon' }, allow: ['org_admin2', 'platform_admin'] },
    ].map((v) => ({
      ...v,
      ok: 201,
      body: ({ actor }) => ({
        name: { en: mark(actor), 'zh-Hant': '矩陣', 'zh-Hans': '矩阵' },
        specialty: 'general_practice',
        consultation_type: 'video',
        slot_minutes: 15,
      }),
    })),
    verify: async ({ fx, variant, allowed }) => {
      const org = fx.orgs[variant.params.org.slice(4)];
      const items = (await fx.anonymous.get(`/api/v1/organisations/${org}/services`)).json.items;
      assertOnlyAllowedMarks(items.map((s) => s.name.en), allowed, 'services created');
    },
  },
  'PATCH /api/v1/services/{id}': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour GP', params: { id: 'service:gp' }, allow: ['org_admin', 'platform_admin'] },
      { label: 'Kowloon psychological support', params: { id: 'service:psych' }, allow: ['org_admin2', 'platform_admin'] },
    ].map((v) => ({ ...v, ok: 200, body: ({ actor }) => ({ fee_cents: ALL.indexOf(actor) }) })),
    verify: async ({ fx, variant, allowed }) => {
      const s = (await fx.anonymous.get(`/api/v1/services/${fx.refs.service[variant.params.id.slice(8)]}`)).json;
      assert.ok(s.fee_cents === 0 || allowed.includes(ALL[s.fee_cents]), `fee set by ${ALL[s.fee_cents]}`);
    },
  },
  'GET /api/v1/doctors/{id}/availability': {
    policy: 'role:doctor,org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['doctor', 'org_admin', 'platform_admin'], ok: 200 },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'], ok: 200 },
      // Each organisation's admin sees its own hours of the doctor and none of the other's.
      {
        label: 'the doctor of two organisations',
        params: { id: 'account:shared_doctor' },
        allow: ['shared_doctor', 'org_admin', 'org_admin2', 'platform_admin'],
        ok: 200,
        check: (a, { actor, fx }) => seesOnly(actor, a.json.templates.map((t) => t.id), (org) => fx.shared[`${org}Templates`]),
      },
    ],
  },
  'POST /api/v1/doctors/{id}/templates': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['org_admin', 'platform_admin'], service: 'gp' },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'], service: 'psych' },
    ].map((v) => ({
      ...v,
      ok: [201, 422], // the second admin's identical template overlaps the first
      body: ({ fx }) => ({ service_id: fx.refs.service[v.service], weekday: 3, start_minute: 1380, end_minute: 1440, valid_from: '2030-01-01' }),
    })),
  },
  'DELETE /api/v1/templates/{id}': {
    policy: 'role:org_admin,platform_admin',
    variants: [{ label: 'an unknown template', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'POST /api/v1/doctors/{id}/exceptions': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['org_admin', 'platform_admin'] },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'] },
      // Both organisations give the shared doctor leave; neither admin's answer shows the other's.
      {
        label: 'the doctor of two organisations',
        params: { id: 'account:shared_doctor' },
        allow: ['org_admin', 'org_admin2', 'platform_admin'],
        check: (a, { actor }) => {
          const other = { org_admin: 'org_admin2', org_admin2: 'org_admin' }[actor];
          if (other) assert.ok(!a.json.exceptions.some((e) => e.reason === mark(other)), `${actor} sees the leave ${other} gave`);
        },
      },
    ].map((v) => ({ ...v, ok: 201, body: ({ actor }) => ({ starts_at: 1_900_000_000, ends_at: 1_900_003_600, reason: mark(actor) }) })),
    verify: async ({ fx, variant, allowed }) => {
      const doctor = fx.accounts[variant.params.id.slice(8)];
      const av = (await fx.admin.get(`/api/v1/doctors/${doctor}/availability`)).json;
      assertOnlyAllowedMarks(av.exceptions.map((e) => e.reason), allowed, 'leave added');
    },
  },
  'DELETE /api/v1/exceptions/{id}': {
    policy: 'role:org_admin,platform_admin',
    variants: [{ label: 'unknown leave', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'POST /api/v1/doctors/{id}/sessions': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['org_admin', 'platform_admin'], service: 'gp' },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2', 'platform_admin'], service: 'psych' },
    ].map((v) => ({ ...v, ok: 201, body: ({ fx }) => ({ service_id: fx.refs.service[v.service], starts_at: 1_900_100_000, ends_at: 1_900_103_600 }) })),
  },
  'DELETE /api/v1/sessions/{id}': {
    policy: 'role:org_admin,platform_admin',
    variants: [{ label: 'an unknown session', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'GET /api/v1/organisations/{org}/holidays': {
    policy: 'public',
    variants: [{ params: { org: 'org:harbour' }, allow: ALL, ok: 200, check: (a) => assert.ok(a.json.items.some((h) => h.day === '2027-01-01')) }],
  },
  'PUT /api/v1/organisations/{org}/holidays/{day}': {
    policy: 'role:org_admin,platform_admin',
    variants: [
      { label: 'Harbour', params: { org: 'org:harbour', day: 'day:far' }, allow: ['org_admin', 'platform_admin'] },
      { label: 'Kowloon', params: { org: 'org:kowloon', day: 'day:far' }, allow: ['org_admin2', 'platform_admin'] },
    ].map((v) => ({ ...v, ok: 200, body: ({ actor }) => ({ name: { en: mark(actor), 'zh-Hant': '矩陣', 'zh-Hans': '矩阵' } }) })),
    verify: async ({ fx, variant, allowed }) => {
      const org = fx.orgs[variant.params.org.slice(4)];
      const items = (await fx.anonymous.get(`/api/v1/organisations/${org}/holidays`)).json.items;
      assertOnlyAllowedMarks(items.map((h) => h.name.en), allowed, 'holidays set');
    },
  },
  'DELETE /api/v1/organisations/{org}/holidays/{day}': {
    policy: 'role:org_admin,platform_admin',
    variants: [{ label: 'not a day', params: { org: 'org:harbour', day: 'unknown' }, allow: [], ok: 200 }],
  },

  'GET /api/v1/doctors': { policy: 'public', variants: [{ allow: ALL, ok: 200, check: (a) => assert.ok(a.json.items.length >= 3) }] },
  'GET /api/v1/doctors/{id}/slots': { policy: 'public', variants: [{ params: { id: 'account:doctor' }, allow: ALL, ok: 200 }] },
  'GET /api/v1/doctors/{id}/schedule': {
    policy: 'role:doctor,org_admin',
    variants: [
      { label: 'Harbour doctor', params: { id: 'account:doctor' }, allow: ['doctor', 'org_admin'], ok: 200 },
      { label: 'Kowloon doctor', params: { id: 'account:doctor2' }, allow: ['org_admin2'], ok: 200 },
      // The day with a Harbour and a Kowloon visit: each admin sees only its own organisation's.
      {
        label: 'the doctor of two organisations',
        params: { id: 'account:shared_doctor' },
        query: ({ fx }) => `day=${fx.refs.day.shared}`,
        allow: ['shared_doctor', 'org_admin', 'org_admin2'],
        ok: 200,
        check: (a, { actor, fx }) => seesOnly(actor, a.json.appointments.map((x) => x.id), (org) => [fx.shared[`${org}Appointment`]]),
      },
    ],
  },

  'POST /api/v1/appointments': {
    policy: 'role:patient',
    variants: [
      { allow: PATIENTS, ok: 201, body: ({ actor, fx }) => ({ slot_id: fx.refs.slot[actor], reason: mark(actor) }) },
      // For the demo patient: the patient and the carer book a slot each; anyone else tries one that must stay free.
      {
        label: 'for the demo patient',
        allow: ['patient', 'carer'],
        ok: 201,
        scope: 422, // the patient_id field: "this person cannot be booked for by you"
        scopeCode: 'validation',
        secrets: () => ['Chan Tai Man'],
        body: ({ actor, fx }) => ({ slot_id: fx.refs.slot[{ patient: 'forPatient', carer: 'forPatientByCarer' }[actor] ?? 'stillFree'], patient_id: fx.accounts.patient }),
      },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.label !== 'for the demo patient') return;
      const free = (await fx.anonymous.get(`/api/v1/doctors/${fx.accounts.doctor}/slots?days=14`)).json.items.map((s) => s.id);
      assert.ok(free.includes(fx.refs.slot.stillFree), 'nobody but the patient booked for the patient');
    },
  },
  'GET /api/v1/appointments': {
    policy: 'role:patient',
    variants: [
      {
        allow: PATIENTS,
        ok: 200,
        // The revoked carer's list held the patient's bookings while caring; the current carer's does.
        check: (answer, { actor, fx }) => {
          const mine = actor === 'carer' ? [fx.actorIds.carer, fx.accounts.patient] : [fx.actorIds[actor]];
          for (const a of answer.json.items) assert.ok(mine.includes(a.patient.id), 'only my own (and those of whom I care for)');
        },
      },
    ],
  },
  'GET /api/v1/appointments/{id}': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:read' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
      { label: "the demoted doctor's visit", params: { id: 'appointment:demoted' }, allow: ['patient', 'carer', 'org_admin'], ok: 200 },
      { label: "the shared doctor's Harbour visit", params: { id: 'shared:harbourAppointment' }, allow: ['patient', 'carer', 'shared_doctor', 'org_admin'], ok: 200 },
      { label: "the shared doctor's Kowloon visit", params: { id: 'shared:kowloonAppointment' }, allow: ['patient2', 'shared_doctor', 'org_admin2'], ok: 200 },
    ],
  },
  'GET /api/v1/appointments/{id}/calendar.ics': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:read' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: 200, secrets: () => ['BEGIN:VCALENDAR'] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: 200, secrets: () => ['BEGIN:VCALENDAR'] },
    ],
  },
  'POST /api/v1/appointments/{id}/cancel': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      // The first allowed caller cancels; the others find it cancelled already (409).
      { label: "the patient's booking", params: { id: 'appointment:cancel' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: [200, 409], body: { reason: 'matrix' }, secrets: () => [SECRET_REASON] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'carer', 'doctor', 'org_admin'], ok: [200, 409], body: { reason: 'matrix' }, secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/appointments/{id}/reschedule': {
    policy: 'role:patient,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:move' }, allow: ['patient', 'carer', 'org_admin'], ok: [200, 409], body: ({ fx }) => ({ slot_id: fx.refs.slot.move }), secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/appointments/{id}/status': {
    policy: 'role:doctor,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:status' }, allow: ['doctor', 'org_admin'], ok: [200, 409], body: { status: 'checked_in' }, secrets: () => [SECRET_REASON] },
      // The shared doctor's visits: each organisation's admin checks in its own, not the other's.
      { label: "the shared doctor's Harbour visit", params: { id: 'shared:harbourAppointment' }, allow: ['shared_doctor', 'org_admin'], ok: [200, 409], body: { status: 'checked_in' } },
      { label: "the shared doctor's Kowloon visit", params: { id: 'shared:kowloonAppointment' }, allow: ['shared_doctor', 'org_admin2'], ok: [200, 409], body: { status: 'checked_in' } },
    ],
  },

  'GET /api/v1/dependants': {
    policy: 'role:patient',
    variants: [
      {
        allow: PATIENTS,
        ok: 200,
        check: (a, { actor, fx }) => {
          assert.equal(a.json.dependants.some((d) => d.display_name === 'Chan Siu Bo'), actor === 'patient');
          assert.equal(a.json.dependants.some((d) => d.patient_id === fx.accounts.patient), actor === 'carer', 'the demo patient is the current carer\'s dependant only');
          if (actor === 'patient') assert.ok(!a.json.carers.some((c) => c.carer_id === fx.accounts.revoked_carer), 'the revoked carer is gone');
        },
      },
    ],
  },
  'POST /api/v1/dependants/children': {
    policy: 'role:patient',
    variants: [{ allow: PATIENTS, ok: 201, body: ({ actor }) => ({ display_name: mark(actor), date_of_birth: '2020-02-29' }) }],
  },
  'POST /api/v1/dependants/requests': {
    policy: 'role:patient',
    // Asking needs a proved address of the asker (no notices in the platform's name otherwise).
    variants: [{ allow: PATIENTS.filter((a) => !UNPROVED.includes(a)), ok: 202, scope: unprovedRefused, body: { email: 'nobody@example.test', relationship: 'parent' } }],
  },
  'DELETE /api/v1/dependants/{patient}': {
    policy: 'role:patient',
    variants: [
      { label: 'someone I do not care for', params: { patient: 'account:patient2' }, allow: [], ok: 204 },
      // The current carer stops caring for the demo patient, and is made the carer again (as the
      // patient accepted them) for the rows that follow; the revoked carer and everyone else: 404.
      {
        label: 'the demo patient',
        params: { patient: 'account:patient' },
        allow: ['carer'],
        ok: 204,
        check: (a, { fx }) => {
          sql(fx.srv, `UPDATE dependants SET status = 'active', revoked_at = NULL WHERE carer_id = '${fx.actorIds.carer}' AND patient_id = '${fx.accounts.patient}'`);
        },
      },
    ],
  },
  'DELETE /api/v1/dependants/requests/{request}': {
    policy: 'role:patient',
    variants: [{ label: 'a request nobody made', params: { request: 'unknown' }, allow: [], ok: 204 }],
  },
  'POST /api/v1/carers/{carer}/accept': {
    policy: 'role:patient',
    variants: [{ label: 'nobody asked', params: { carer: 'account:patient2' }, allow: [], ok: 200 }],
  },
  'POST /api/v1/carers/{carer}/decline': {
    policy: 'role:patient',
    variants: [{ label: 'nobody asked', params: { carer: 'account:patient2' }, allow: [], ok: 200 }],
  },
  'DELETE /api/v1/carers/{carer}': {
    policy: 'role:patient',
    variants: [{ label: 'not my carer', params: { carer: 'account:patient2' }, allow: [], ok: 204 }],
  },
  // Consultations: the patient (and carer) and the appointment's doctor; everyone else 404.
  'POST /api/v1/appointments/{id}/consultation': {
    policy: 'role:patient,doctor',
    variants: [
      { label: "the patient's video appointment", params: { id: 'appointment:room' }, allow: ['patient', 'carer', 'doctor'], ok: 200 },
      { label: "the demoted doctor's visit", params: { id: 'appointment:demoted' }, allow: ['patient', 'carer'], ok: 200 },
    ],
  },
  'POST /api/v1/queue-entries/{id}/consultation': {
    policy: 'role:patient,doctor',
    variants: [{ label: 'an unknown visit', params: { id: 'unknown' }, allow: [], ok: 200 }],
  },
  'GET /api/v1/consultations': {
    policy: 'signed_in',
    variants: [
      {
        allow: SIGNED_IN,
        ok: 200,
        check: (a, { actor, fx }) => {
          const listed = (key) => a.json.items.some((r) => r.id === fx.refs.consult[key]);
          const side = actor === 'patient' || actor === 'carer';
          assert.equal(listed('room'), side || actor === 'doctor', "the patient's room");
          assert.equal(listed('demoted'), side, "the demoted doctor's room");
          assert.equal(listed('visited'), side || actor === 'doctor', 'the room after the visit');
        },
      },
    ],
  },
  'GET /api/v1/consultations/{id}': { policy: 'signed_in', variants: [ROOM_READ, DEMOTED_ROOM, VISITED_ROOM] },
  'POST /api/v1/consultations/{id}/join': { policy: 'signed_in', variants: [ROOM_READ, DEMOTED_ROOM, { ...VISITED_ROOM, ok: 409 }] },
  'POST /api/v1/consultations/{id}/leave': { policy: 'signed_in', variants: [ROOM_READ, DEMOTED_ROOM, VISITED_ROOM] },
  'POST /api/v1/consultations/{id}/participants/{account}/admit': {
    policy: 'role:doctor',
    variants: [
      { label: 'the patient', params: { id: 'consult:room', account: 'account:patient' }, allow: ['doctor'], ok: 200 },
      { label: "the patient, in the demoted doctor's room", params: { id: 'consult:demoted', account: 'account:patient' }, allow: [], ok: 200 },
    ],
  },
  'DELETE /api/v1/consultations/{id}/participants/{account}': {
    policy: 'role:doctor',
    variants: [{ label: 'the patient, who cannot be removed', params: { id: 'consult:spare', account: 'account:patient' }, allow: ['doctor'], ok: 422 }],
  },
  'POST /api/v1/consultations/{id}/invitations': {
    policy: 'role:doctor',
    variants: [
      { label: 'spare room', params: { id: 'consult:spare' }, allow: ['doctor'], ok: 201, body: { email: 'patient3@demo.yiqiao.hk' } },
      { ...DEMOTED_ROOM, allow: [], ok: 201, body: { email: 'patient3@demo.yiqiao.hk' } },
    ],
  },
  'POST /api/v1/consultations/{id}/end': {
    policy: 'role:doctor',
    variants: [
      { label: 'an ended room', params: { id: 'consult:ended' }, allow: ['doctor'], ok: 409, body: {} },
      { ...DEMOTED_ROOM, allow: [], body: {} },
    ],
  },
  'POST /api/v1/consultations/{id}/follow-up': {
    policy: 'role:doctor',
    variants: [{ label: 'a free slot of the doctor', params: { id: 'consult:room' }, allow: ['doctor'], ok: 201, body: ({ fx }) => ({ slot_id: fx.refs.slot.followup }) }],
  },
  'PUT /api/v1/consultations/{id}/rating': {
    policy: 'role:patient',
    // The carer rates for the patient, as they act for them in everything else.
    variants: [{ label: 'an ended room', params: { id: 'consult:ended' }, allow: ['patient', 'carer'], ok: 200, body: { stars: 4, comment: 'matrix' } }],
  },
  'GET /api/v1/consultations/{id}/messages': {
    policy: 'signed_in',
    variants: [{ ...ROOM_READ, secrets: () => ['matrix.png'] }, DEMOTED_ROOM, { ...VISITED_ROOM, secrets: () => ['visited.png'] }],
  },
  'POST /api/v1/consultations/{id}/messages': {
    policy: 'signed_in',
    variants: [
      { ...ROOM_READ, ok: 201, body: ({ actor }) => ({ body: mark(actor) }) },
      { ...DEMOTED_ROOM, ok: 201, body: ({ actor }) => ({ body: mark(actor) }) },
      { ...VISITED_ROOM, ok: [201, 409], body: ({ actor }) => ({ body: mark(actor) }) }, // follow-up messages
    ],
    verify: async ({ fx, variant, allowed }) => {
      const room = fx.refs.consult[variant.params.id.slice(8)];
      const all = expectStatus(await fx.clients.patient.get(`/api/v1/consultations/${room}/messages`), 200).json.items;
      assertOnlyAllowedMarks(all.map((m) => m.body), allowed, `the chat of ${variant.label}`);
    },
  },
  'POST /api/v1/consultations/{id}/attachments': {
    policy: 'signed_in',
    variants: [
      { ...ROOM_READ, ok: 201 },
      { ...DEMOTED_ROOM, ok: 201 },
      { ...VISITED_ROOM, ok: [201, 409] }, // follow-up messages
    ].map((v) => ({ ...v, raw: ({ actor }) => ({ body: makePng(6, 6, photoSeed(actor)), type: 'image/png' }) })),
  },
  'GET /api/v1/consultations/{id}/messages/{message}/attachment': {
    policy: 'signed_in',
    variants: [
      { label: 'a photo in the chat', params: { id: 'consult:room', message: 'message:photo' }, allow: ['patient', 'carer', 'doctor'], ok: 200 },
      { label: 'a photo sent while the guest was in', params: { id: 'consult:visited', message: 'message:visited' }, allow: ['patient', 'carer', 'doctor'], ok: 200 },
    ],
  },
  'POST /api/v1/consultations/{id}/receipts': { policy: 'signed_in', variants: [ROOM_READ, DEMOTED_ROOM, VISITED_ROOM].map((v) => ({ ...v, ok: undefined, body: {} })) },
  'GET /api/v1/consultations/{id}/note': { policy: 'signed_in', variants: [ROOM_READ, DEMOTED_ROOM, VISITED_ROOM] },
  'PUT /api/v1/consultations/{id}/note': {
    policy: 'role:doctor',
    variants: [
      { ...ROOM_READ, allow: ['doctor'], ok: [200, 409], body: { assessment: 'matrix', diagnoses: ['J06.9'] } },
      // Nobody writes the demoted doctor's draft: not the former doctor, not another doctor.
      { ...DEMOTED_ROOM, allow: [], body: ({ actor }) => ({ assessment: mark(actor), diagnoses: ['J06.9'] }) },
    ],
  },
  'POST /api/v1/consultations/{id}/note/sign': {
    policy: 'role:doctor',
    variants: [
      { ...ROOM_READ, allow: ['doctor'], ok: [200, 409, 422] },
      { ...DEMOTED_ROOM, allow: [] }, // the draft stays unsigned
    ],
  },
  'POST /api/v1/consultations/{id}/note/amendments': {
    policy: 'role:doctor',
    variants: [{ ...ROOM_READ, allow: ['doctor'], ok: [201, 409], body: { assessment: 'matrix', reason: 'matrix' } }],
  },
  'GET /api/v1/consultations/{id}/summary': { policy: 'role:patient,doctor', variants: [ROOM_READ, DEMOTED_ROOM, VISITED_ROOM] },
  'GET /api/v1/diagnosis-codes': { policy: 'role:doctor', variants: [{ allow: DOCTORS, ok: 200, check: (a) => assert.ok(a.json.items.length > 0) }] },

  // ---- The shared health record: reading (helpers and who is who above RULES) ----
  'GET /api/v1/patients/{p}/record': {
    policy: 'role:patient,doctor,nurse',
    variants: [
      recordRead({ label: "the demo patient's record", keys: SUMMARY_KEYS, check: (a) => assert.ok(a.json.summary.counts && a.json.patient.id) }),
      recordRead({ label: "the demo patient's record", as: 'kowloon', keys: SUMMARY_KEYS }),
      recordRead({ label: "the demo patient's record", as: 'harbour', keys: SUMMARY_KEYS }),
      // An organisation none of the callers works for: nobody reads as it.
      recordRead({ label: "the demo patient's record", as: 'nocare', allow: [] }),
    ],
  },
  'GET /api/v1/patients/{p}/record/trends': {
    policy: 'role:patient,doctor,nurse',
    // The matrix does not depend on lab codes (the code lists may not be in the binary): no points, but
    // the same access as the summary.
    variants: [undefined, 'kowloon'].map((as) =>
      recordRead({
        label: 'a lab trend',
        as,
        query: withAs(as, `code=${encodeURIComponent('http://loinc.org|4548-4')}`),
        check: (a) => assert.ok(Array.isArray(a.json.points)),
      }),
    ),
  },
  'GET /api/v1/patients/{p}/record/entries/{id}': {
    policy: 'role:patient,doctor,nurse',
    variants: [
      ...['harbourAllergy', 'harbourMental', 'harbourRestricted', 'kowloonAllergy', 'bayareaAllergy'].flatMap((key) => [
        recordRead({ label: key, params: { id: `entry:${key}` }, keys: [key], allow: readersOf(key) }),
        recordRead({ label: key, as: 'kowloon', params: { id: `entry:${key}` }, keys: [key], allow: seesEntry('kowloon', key) ? ['shared_doctor'] : [] }),
      ]).map((v) => ({
        ...v,
        check: async (answer, ctx) => {
          await v.check(answer, ctx);
          const key = v.params.id.slice(6);
          assert.equal(answer.json.entry.id, ctx.fx.refs.entry[key]);
          assert.ok(answer.json.versions.length >= 1);
          // Whether the patient restricted it is the patient side's to know.
          if (VIEW[ctx.actor] === 'all' && !v.query) assert.equal(answer.json.entry.restricted, Boolean(ENTRIES[key].restricted), `${ctx.actor}: the restricted mark`);
          else assert.ok(!('restricted' in answer.json.entry), `${ctx.actor}: no restricted mark for a clinician`);
        },
      })),
      { label: 'an unknown entry', params: { p: 'account:patient', id: 'unknown' }, allow: [], scope: CHOOSE },
      // The patient's entry under another patient's id: nobody, not the patient, reaches it so.
      // (Harbour and Kowloon East both care for patient2: the shared doctor must choose first.)
      { label: "the demo patient's entry under patient2", params: { p: 'account:patient2', id: 'entry:harbourAllergy' }, allow: [], scope: CHOOSE, secrets: recordSecrets },
    ],
  },
  'GET /api/v1/patients/{p}/record/entries/{id}/document': {
    policy: 'role:patient,doctor,nurse',
    variants: [
      ...['harbourDocument', 'kowloonDocument'].flatMap((key) => [
        recordRead({ label: key, params: { id: `entry:${key}` }, allow: readersOf(key) }),
        recordRead({ label: key, as: 'kowloon', params: { id: `entry:${key}` }, allow: ['shared_doctor'] }),
      ]).map((v) => ({
        ...v,
        check: (answer) => {
          assert.equal(answer.contentType, 'application/pdf');
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
          assert.ok(answer.text.includes(RECORD_TEXT[v.params.id.slice(6)]), 'the PDF uploaded');
        },
      })),
      recordRead({ label: 'an allergy (no document)', params: { id: 'entry:harbourAllergy' }, allow: [] }),
    ],
  },
  'GET /api/v1/patients/{p}/record/{category}': {
    policy: 'role:patient,doctor,nurse',
    variants: [
      ...['allergies', 'conditions', 'documents'].flatMap((category) =>
        [undefined, 'kowloon'].map((as) =>
          recordRead({ label: category, as, params: { category: `category:${category}` }, keys: KEYS_OF(category), check: (a) => assert.ok(Array.isArray(a.json.items)) }),
        ),
      ),
      // Not a category: 404 before anything is read, for everyone the policy lets in.
      { label: 'not a category', params: { p: 'account:patient', category: 'category:bogus' }, allow: [] },
    ],
  },

  // ---- The shared health record: a clinician's writes (as an organisation caring for the patient now) ----
  'POST /api/v1/patients/{p}/record/entries': {
    policy: 'role:doctor,nurse',
    variants: [
      { key: 'own', allow: [...HARBOUR_CLINICIANS, 'bayarea_doctor'], scope: CHOOSE },
      { key: 'kowloon', as: 'kowloon', allow: ['shared_doctor'] },
    ].map((v) => ({
      label: v.as ? `as ${v.as}` : 'without ?as=',
      params: { p: 'account:patient' },
      query: asQuery(v.as),
      ok: 201,
      secrets: recordSecrets,
      body: ({ actor }) => ({ type: 'allergy', substance_text: mark(actor), allergy_category: 'food', reaction: `matrix-${v.key}`, severity: 'mild' }),
      check: (a, { actor, fx }) => assert.equal(a.json.organisation.id, fx.orgs[v.as ?? VIEW[actor]], 'recorded as the organisation read as'),
      ...v,
    })),
    verify: async ({ fx, variant, allowed }) => {
      const items = expectStatus(await fx.clients.patient.get(`/api/v1/patients/${fx.accounts.patient}/record/allergies?limit=100`), 200).json.items;
      const mine = items.filter((e) => e.details.reaction === `matrix-${variant.key}`).map((e) => e.details.substance_text);
      assertOnlyAllowedMarks(mine, allowed, `allergies recorded ${variant.label}`);
      assert.deepEqual(mine.sort(), allowed.map(mark).sort(), `every allowed caller recorded one (${variant.label})`);
    },
  },
  'PUT /api/v1/patients/{p}/record/entries/{id}': {
    policy: 'role:doctor,nurse',
    // Each allowed caller corrects the version it last saw (kept in fx.record.version), so every one
    // of them succeeds; a stale version (409) would show a caller let in that must not be.
    variants: [
      { label: "Harbour's entry", key: 'harbourCorrect', allow: HARBOUR_CLINICIANS, scope: CHOOSE },
      { label: "Harbour's entry", key: 'harbourCorrect', as: 'harbour', allow: [...HARBOUR_CLINICIANS, 'shared_doctor'] },
      // Only the recording organisation corrects: consent to read is not consent to write.
      { label: "Harbour's entry", key: 'harbourCorrect', as: 'kowloon', allow: [] },
      { label: "Kowloon's entry", key: 'kowloonCorrect', allow: [], scope: CHOOSE },
      { label: "Kowloon's entry", key: 'kowloonCorrect', as: 'kowloon', allow: ['shared_doctor'] },
    ].map((v) => ({
      ...v,
      label: v.as ? `${v.label}, as ${v.as}` : v.label,
      params: { p: 'account:patient', id: `entry:${v.key}` },
      query: asQuery(v.as),
      ok: 200,
      secrets: () => [RECORD_TEXT[v.key]],
      body: ({ actor, fx }) => ({
        version: (fx.record.version ??= {})[v.key] ?? 1,
        reason: mark(actor),
        ...{ substance_text: RECORD_TEXT[v.key], allergy_category: 'medication', reaction: 'Urticaria', severity: 'severe', note: mark(actor) },
      }),
      check: (a, { fx }) => {
        fx.record.version[v.key] = a.json.version;
      },
    })),
    verify: async ({ fx, variant }) => {
      if (variant.as || variant.key !== 'harbourCorrect') return; // once per entry, below
      for (const key of ['harbourCorrect', 'kowloonCorrect']) {
        const url = `/api/v1/patients/${fx.accounts.patient}/record/entries/${fx.refs.entry[key]}`;
        const versions = expectStatus(await fx.clients.patient.get(url), 200).json.versions;
        const allowed = allowedOfAll(RULES['PUT /api/v1/patients/{p}/record/entries/{id}'].variants.filter((v) => v.key === key));
        assertOnlyAllowedMarks(versions.map((x) => x.reason), allowed, `corrections of ${key}`);
      }
    },
  },
  'POST /api/v1/patients/{p}/record/entries/{id}/entered-in-error': {
    policy: 'role:doctor,nurse',
    variants: [
      // The first allowed caller strikes the entry; the others find it struck (409 conflict).
      { label: "Harbour's entry", key: 'harbourError', allow: HARBOUR_CLINICIANS, ok: [200, 409], scope: CHOOSE },
      { label: "Harbour's entry, as kowloon", key: 'harbourError', as: 'kowloon', allow: [] },
      { label: "Kowloon's entry", key: 'kowloonAllergy', allow: [], scope: CHOOSE },
    ].map((v) => ({ ...v, params: { p: 'account:patient', id: `entry:${v.key}` }, query: asQuery(v.as), secrets: () => [RECORD_TEXT[v.key]], body: ({ actor }) => ({ reason: mark(actor) }) })),
    verify: async ({ fx, variant, allowed }) => {
      const url = `/api/v1/patients/${fx.accounts.patient}/record/entries/${fx.refs.entry[variant.key]}`;
      const entry = expectStatus(await fx.clients.patient.get(url), 200).json.entry;
      if (variant.key === 'kowloonAllergy') return assert.equal(entry.entered_in_error, null, "Kowloon's entry stands");
      if (variant.as) return;
      assertOnlyAllowedMarks([entry.entered_in_error?.reason ?? ''], allowed, 'struck');
      assert.ok(entry.entered_in_error, 'struck by an allowed caller');
    },
  },
  'POST /api/v1/patients/{p}/record/documents': {
    policy: 'role:doctor,nurse',
    variants: [
      { kind: 'report', allow: [...HARBOUR_CLINICIANS, 'bayarea_doctor'], scope: CHOOSE },
      { kind: 'other', as: 'kowloon', allow: ['shared_doctor'] },
    ].map((v) => ({
      ...v,
      label: v.as ? `as ${v.as}` : 'without ?as=',
      params: { p: 'account:patient' },
      query: ({ actor, fx }) => [v.as ? `as=${fx.orgs[v.as]}` : '', `title=${encodeURIComponent(mark(actor))}`, `kind=${v.kind}`, 'date=2026-03-01'].filter(Boolean).join('&'),
      ok: 201,
      raw: ({ actor }) => ({ body: pdf(mark(actor)), type: 'application/pdf' }),
    })),
    verify: async ({ fx, variant, allowed }) => {
      const items = expectStatus(await fx.clients.patient.get(`/api/v1/patients/${fx.accounts.patient}/record/documents?limit=100`), 200).json.items;
      const titles = items.filter((e) => e.details.kind === variant.kind).map((e) => e.details.title);
      assertOnlyAllowedMarks(titles, allowed, `documents uploaded ${variant.label}`);
      assert.deepEqual(titles.sort(), allowed.map(mark).sort(), `every allowed caller uploaded one (${variant.label})`);
    },
  },
  'POST /api/v1/patients/{p}/record/emergency-access': {
    policy: 'role:doctor,nurse',
    // Each access started here is made to run out at once, so no later row reads in an emergency.
    variants: [
      { key: 'own', allow: [...HARBOUR_CLINICIANS, 'bayarea_doctor'], scope: CHOOSE },
      { key: 'kowloon', as: 'kowloon', allow: ['shared_doctor'] },
      { key: 'nocare', as: 'nocare', allow: [] },
    ].map((v) => ({
      ...v,
      label: v.as ? `as ${v.as}` : 'without ?as=',
      params: { p: 'account:patient' },
      query: asQuery(v.as),
      ok: 201,
      secrets: recordSecrets,
      body: ({ actor }) => ({ reason: `${mark(actor)} emergency ${v.key}` }),
      check: (a, { fx }) => {
        assert.equal(a.json.expires_at - a.json.started_at, 4 * 3600);
        sql(fx.srv, `UPDATE emergency_accesses SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE id = '${a.json.id}'`);
      },
    })),
    verify: async ({ fx, variant, allowed }) => {
      const rows = sql(fx.srv, `SELECT reason, clinician_id FROM emergency_accesses WHERE reason LIKE 'matrix:%emergency ${variant.key}'`);
      const by = rows.map(([reason]) => reason.split(' ')[0]);
      assertOnlyAllowedMarks(by, allowed, `emergency accesses ${variant.label}`);
      for (const [reason, clinician] of rows) assert.equal(clinician, fx.actorIds[reason.split(' ')[0].slice(7)], 'started by the caller');
      assert.equal(rows.length, allowed.length, `each allowed caller started one (${variant.label})`);
    },
  },
  'POST /api/v1/patients/{p}/sharing/requests': {
    policy: 'role:doctor,nurse',
    variants: [
      { label: 'without ?as=', params: { p: 'account:patient' }, allow: [...HARBOUR_CLINICIANS, 'bayarea_doctor'], ok: 201, scope: CHOOSE },
      // Kowloon East has the patient's consent already.
      { label: 'as kowloon (consented)', params: { p: 'account:patient' }, query: asQuery('kowloon'), allow: ['shared_doctor'], ok: 409 },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.query) return;
      assertAuditActors(fx, ['sharing.requested'], allowedOfAll(RULES['POST /api/v1/patients/{p}/sharing/requests'].variants), 'requests');
    },
  },

  // ---- The shared health record: the patient's side (the patient, a parent, an active carer) ----
  'GET /api/v1/patients/{p}/sharing': {
    policy: 'role:patient',
    variants: [
      {
        label: "the demo patient's sharing",
        params: { p: 'account:patient' },
        allow: PATIENT_SIDE,
        ok: 200,
        secrets: () => [...Object.values(EMERGENCY_REASON), RECORD_TEXT.harbourRestricted, 'Dr. Matrix Shared'],
        check: (a, { fx }) => {
          const s = a.json;
          assert.equal(s.joined, true);
          const status = (org) => s.organisations.find((o) => o.organisation.id === fx.orgs[org])?.status;
          assert.deepEqual([status('kowloon'), status('bayarea')], ['active', 'revoked']);
          assert.ok(s.restrictions.some((r) => r.kind === 'category' && r.target === 'mental_health'));
          assert.ok(s.restrictions.some((r) => r.kind === 'entry' && r.entry?.id === fx.refs.entry.harbourRestricted), 'the restricted entry shown');
          const accesses = s.emergency_accesses.map((e) => e.id);
          assert.ok(accesses.includes(fx.refs.emergency.kowloon) && accesses.includes(fx.refs.emergency.bayarea), 'the expired emergency accesses');
          assert.equal(s.emergency_accesses.find((e) => e.id === fx.refs.emergency.kowloon).reason, EMERGENCY_REASON.kowloon);
        },
      },
      { label: "patient2's own", params: { p: 'account:patient2' }, allow: ['patient2'], ok: 200, check: (a) => assert.equal(a.json.joined, true) },
    ],
  },
  'POST /api/v1/patients/{p}/sharing/join': {
    policy: 'role:patient',
    variants: [
      { label: 'the demo patient (joined)', params: { p: 'account:patient' }, allow: PATIENT_SIDE, ok: 200 },
      { label: "patient2's own", params: { p: 'account:patient2' }, allow: ['patient2'], ok: 200 },
    ].map((v) => ({ ...v, check: (a) => assert.equal(a.json.joined, true) })),
  },
  'POST /api/v1/patients/{p}/sharing/withdraw': {
    policy: 'role:patient',
    // Withdrawing ends every consent: after each allowed caller the patient joins again and gives
    // Kowloon East its consent back, so every caller finds the sharing as the fixtures made it.
    variants: [
      {
        label: 'the demo patient',
        params: { p: 'account:patient' },
        allow: PATIENT_SIDE,
        check: async (a, { fx }) => {
          const share = `/api/v1/patients/${fx.accounts.patient}/sharing`;
          const after = expectStatus(await fx.clients.patient.get(share), 200).json;
          assert.ok(after.organisations.every((o) => o.status === 'revoked'), 'every consent ended');
          expectStatus(await fx.clients.patient.post(`${share}/join`), 200);
          expectStatus(await fx.clients.patient.put(`${share}/organisations/${fx.orgs.kowloon}`), 200);
        },
      },
      { label: "patient2's own", params: { p: 'account:patient2' }, allow: ['patient2'], check: async (a, { fx }) => expectStatus(await fx.clients.patient2.post(`/api/v1/patients/${fx.accounts.patient2}/sharing/join`), 200) },
    ].map((v) => ({ ...v, ok: 200, check: async (a, ctx) => { assert.equal(a.json.joined, false); await v.check(a, ctx); } })),
    verify: async ({ fx, variant, allowed }) => {
      const patient = variant.params.p.slice(8);
      assertAuditActors(fx, ['sharing.withdrawn'], allowed, `withdrawals of ${patient}`, fx.accounts[patient]);
    },
  },
  'PUT /api/v1/patients/{p}/sharing/organisations/{org}': {
    policy: 'role:patient',
    variants: [
      { label: 'Kowloon East (consented already)', params: { p: 'account:patient', org: 'org:kowloon' }, allow: PATIENT_SIDE, ok: 200, check: (a) => assert.equal(a.json.status, 'active') },
      // Consent to a clinic that never saw the patient: given, and still nothing for its doctor
      // (need-to-know: no care relationship, no reading).
      {
        label: 'the uncaring clinic',
        params: { p: 'account:patient', org: 'org:nocare' },
        allow: PATIENT_SIDE,
        ok: 200,
        check: async (a, { fx }) => {
          assert.equal(a.json.status, 'active');
          expectProblem(await fx.clients.uncaring_doctor.get(`/api/v1/patients/${fx.accounts.patient}/record`), 404, 'not_found', 'consent without care');
        },
      },
      { label: 'a pharmacy', params: { p: 'account:patient', org: 'org:lotus' }, allow: [] },
      { label: 'an unknown organisation', params: { p: 'account:patient', org: 'unknown' }, allow: [] },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.org !== 'org:kowloon') return;
      assertAuditActors(fx, ['sharing.consent_given'], PATIENT_SIDE, 'consents given');
      const rows = sql(fx.srv, `SELECT organisation_id FROM sharing_consents WHERE patient_id = '${fx.accounts.patient}' AND revoked_at IS NULL`).map((r) => r[0]);
      assert.ok(rows.includes(fx.orgs.kowloon), 'Kowloon East is consented');
      for (const org of rows) assert.ok([fx.orgs.kowloon, fx.orgs.nocare].includes(org), `consent for ${org}, which no allowed caller gave`);
    },
  },
  'DELETE /api/v1/patients/{p}/sharing/organisations/{org}': {
    policy: 'role:patient',
    variants: [
      // Revoked, then given back (as the patient) for the next caller.
      {
        label: 'Kowloon East',
        params: { p: 'account:patient', org: 'org:kowloon' },
        allow: PATIENT_SIDE,
        ok: 200,
        check: async (a, { fx }) => {
          assert.equal(a.json.status, 'revoked');
          expectStatus(await fx.clients.patient.put(`/api/v1/patients/${fx.accounts.patient}/sharing/organisations/${fx.orgs.kowloon}`), 200);
        },
      },
      { label: 'Greater Bay (revoked already)', params: { p: 'account:patient', org: 'org:bayarea' }, allow: PATIENT_SIDE, ok: 200, check: (a) => assert.equal(a.json.status, 'revoked') },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.org !== 'org:kowloon') return;
      assertAuditActors(fx, ['sharing.consent_revoked'], PATIENT_SIDE, 'consents revoked');
    },
  },
  'POST /api/v1/patients/{p}/sharing/restrictions': {
    policy: 'role:patient',
    variants: [
      // A category without entries: the first caller adds it, the second finds it there (201, the same id).
      { label: 'a category', params: { p: 'account:patient' }, allow: PATIENT_SIDE, ok: 201, body: { kind: 'category', target: 'birth' } },
      // Another patient's entry protects nothing: refused as a field error, even to its owner's name.
      { label: "the demo patient's entry, for patient2", params: { p: 'account:patient2' }, allow: ['patient2'], ok: 422, body: ({ fx }) => ({ kind: 'entry', target: fx.refs.entry.harbourAllergy }) },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.p !== 'account:patient') return;
      assertAuditActors(fx, ['sharing.restricted'], PATIENT_SIDE, 'restrictions');
      const by = sql(fx.srv, `SELECT DISTINCT created_by FROM sharing_restrictions WHERE patient_id = '${fx.accounts.patient}'`).map((r) => r[0]);
      for (const id of by) assert.ok([fx.accounts.patient, fx.accounts.carer].includes(id), `a restriction of the patient made by ${id}`);
    },
  },
  'DELETE /api/v1/patients/{p}/sharing/restrictions/{id}': {
    policy: 'role:patient',
    variants: [
      // Lifted, and put back for the next caller.
      {
        label: 'a restriction of the patient',
        params: { p: 'account:patient', id: 'restriction:lift' },
        allow: PATIENT_SIDE,
        ok: 200,
        check: undo((fx) => `UPDATE sharing_restrictions SET lifted_at = NULL WHERE id = '${fx.refs.restriction.lift}'`),
      },
      { label: "the patient's mental_health restriction under patient2", params: { p: 'account:patient2', id: 'restriction:mental' }, allow: [] },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.p !== 'account:patient2') return;
      const live = sql(fx.srv, `SELECT id FROM sharing_restrictions WHERE patient_id = '${fx.accounts.patient}' AND lifted_at IS NULL`).map((r) => r[0]);
      assert.ok(live.includes(fx.refs.restriction.mental) && live.includes(fx.refs.restriction.lift), 'the restrictions stand');
      assertAuditActors(fx, ['sharing.restriction_lifted'], PATIENT_SIDE, 'restrictions lifted');
    },
  },
  'POST /api/v1/patients/{p}/sharing/requests/{id}/approve': {
    policy: 'role:patient',
    variants: [
      // Approved (Kowloon East is consented already), then open again for the next caller.
      { label: "Kowloon's open request", params: { p: 'account:patient', id: 'request:kowloon1' }, allow: PATIENT_SIDE, ok: 200, check: undo((fx) => pending(fx.refs.request.kowloon1)) },
      { label: "the patient's request under patient2", params: { p: 'account:patient2', id: 'request:kowloon1' }, allow: [] },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.p !== 'account:patient') return;
      assertAuditActors(fx, ['sharing.request_approved'], PATIENT_SIDE, 'approvals');
    },
  },
  'POST /api/v1/patients/{p}/sharing/requests/{id}/decline': {
    policy: 'role:patient',
    variants: [
      { label: "Greater Bay's open request", params: { p: 'account:patient', id: 'request:bayarea' }, allow: PATIENT_SIDE, ok: 200, check: undo((fx) => pending(fx.refs.request.bayarea)) },
      { label: "the patient's request under patient2", params: { p: 'account:patient2', id: 'request:bayarea' }, allow: [] },
    ],
    verify: async ({ fx, variant }) => {
      if (variant.params.p !== 'account:patient') return;
      assertAuditActors(fx, ['sharing.request_declined'], PATIENT_SIDE, 'declines');
      const open = sql(fx.srv, `SELECT COUNT(*) FROM sharing_requests WHERE answered_at IS NULL AND id IN ('${fx.refs.request.kowloon1}', '${fx.refs.request.bayarea}')`);
      assert.deepEqual(open, [['2']], 'both requests open again');
    },
  },
  'GET /api/v1/patients/{p}/access-log': {
    policy: 'role:patient',
    variants: [
      {
        label: "the demo patient's log",
        params: { p: 'account:patient' },
        query: 'limit=100',
        allow: PATIENT_SIDE,
        ok: 200,
        secrets: () => [...Object.values(EMERGENCY_REASON), 'Dr. Matrix Bay Area'],
        check: async (a, { actor, fx }) => {
          // The whole log (the matrix's own reads come first, newest first).
          const items = [...a.json.items];
          for (let next = a.json.next, n = 0; next && n < 50; n++) {
            const page = expectStatus(await fx.clients[actor].get(`/api/v1/patients/${fx.accounts.patient}/access-log?limit=100&before=${next}`), 200).json;
            items.push(...page.items);
            next = page.next;
          }
          const by = (actor) => items.filter((i) => i.reader.id === fx.actorIds[actor]);
          assert.ok(!items.some((i) => i.reader.id === fx.accounts.patient), "the patient's own reads are not listed");
          assert.ok(by('carer').some((i) => i.purpose === 'carer' && i.organisation === null), "the carer's reads are");
          assert.ok(by('uncaring_doctor').some((i) => i.outcome === 'refused'), 'refused reads are listed');
          const emergency = items.filter((i) => i.purpose === 'emergency');
          assert.ok(emergency.some((i) => i.emergency?.reason === EMERGENCY_REASON.bayarea), 'the emergency read, with its reason');
        },
      },
      { label: "patient2's own", params: { p: 'account:patient2' }, allow: ['patient2'], ok: 200 },
    ],
  },

  // ---- The shared record: an organisation admin's review and export (own organisation only) ----
  'GET /api/v1/organisations/{org}/emergency-accesses': {
    policy: 'role:org_admin',
    variants: [
      {
        label: 'Kowloon East',
        params: { org: 'org:kowloon' },
        allow: ['org_admin2'],
        check: (a, { fx }) => {
          const ids = a.json.items.map((x) => x.id);
          assert.ok(ids.includes(fx.refs.emergency.kowloon), "Kowloon's access");
          assert.ok(!ids.includes(fx.refs.emergency.bayarea), "not Greater Bay's");
        },
      },
      { label: 'Harbour', params: { org: 'org:harbour' }, allow: ['org_admin'], check: (a, { fx }) => assert.ok(!a.json.items.some((x) => Object.values(fx.refs.emergency).includes(x.id)), 'no other organisation\'s') },
      { label: 'Greater Bay (no admin among the actors)', params: { org: 'org:bayarea' }, allow: [] },
      { label: 'an unknown organisation', params: { org: 'unknown' }, allow: [] },
    ].map((v) => ({ ...v, query: 'status=all', ok: 200, secrets: () => [...Object.values(EMERGENCY_REASON), 'Chan Tai Man'] })),
  },
  'POST /api/v1/organisations/{org}/emergency-accesses/{id}/review': {
    policy: 'role:org_admin',
    variants: [
      { label: "Kowloon's access", params: { org: 'org:kowloon', id: 'emergency:kowloon' }, allow: ['org_admin2'], ok: 200 },
      { label: "Kowloon's access under Harbour", params: { org: 'org:harbour', id: 'emergency:kowloon' }, allow: [] },
      { label: "Greater Bay's access under Kowloon", params: { org: 'org:kowloon', id: 'emergency:bayarea' }, allow: [] },
    ].map((v) => ({ ...v, body: ({ actor }) => ({ note: mark(actor) }), secrets: () => Object.values(EMERGENCY_REASON) })),
    verify: async ({ fx, variant }) => {
      if (variant.params.org !== 'org:kowloon' || variant.params.id !== 'emergency:kowloon') return;
      const row = (id) => sql(fx.srv, `SELECT reviewed_by, review_note FROM emergency_accesses WHERE id = '${id}'`)[0];
      assert.deepEqual(row(fx.refs.emergency.kowloon), [fx.accounts.orgadmin2, mark('org_admin2')], 'reviewed by its organisation');
      assert.deepEqual(row(fx.refs.emergency.bayarea), ['', ''], "Greater Bay's is not reviewed");
    },
  },
  'GET /api/v1/organisations/{org}/record-access-log.csv': {
    policy: 'role:org_admin',
    variants: [
      { label: 'Kowloon East', params: { org: 'org:kowloon' }, allow: ['org_admin2'], staff: ['doctor2', 'shared_doctor'] },
      { label: 'Harbour', params: { org: 'org:harbour' }, allow: ['org_admin'], staff: [...HARBOUR_CLINICIANS, 'shared_doctor'] },
      { label: 'Greater Bay', params: { org: 'org:bayarea' }, allow: [], staff: [] },
    ].map((v) => ({
      ...v,
      query: () => {
        const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
        return `from=${today}&to=${today}`;
      },
      ok: 200,
      secrets: (fx) => ['reader_id', fx.accounts.patient],
      check: (a, { fx }) => {
        assert.match(a.contentType, /^text\/csv/);
        const readers = a.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[1].replaceAll('"', ''));
        assert.ok(readers.length > 0, 'reads of the day');
        const ids = v.staff.map((s) => fx.accounts[s]);
        for (const r of readers) assert.ok(ids.includes(r), `${v.label}: a read by ${r}, not of its staff`);
      },
    })),
  },
  'GET /api/v1/record-codes': {
    policy: 'signed_in',
    variants: [
      { label: 'diagnoses', query: 'set=diagnosis&q=E11', allow: SIGNED_IN, ok: 200, check: (a) => assert.ok(a.json.items.some((k) => k.code.startsWith('E11'))) },
      { label: 'not a code set', query: 'set=everything', allow: SIGNED_IN, ok: 422 },
    ],
  },
};

// Who may send each WebSocket message type: one row per type `yiqiao routes --json` lists (kind
// "websocket"), with the policy it must declare; the test fails for a type without a row or a row
// without a type. The matrix sends every type as every actor that can open a socket: those the
// policy refuses must get {"type":"error","code":"forbidden","message_type":...} and nothing else,
// the rest reach the handler (whose own checks, such as the room token, still apply).
export const WS_RULES = {
  'queue.heartbeat': { policy: 'role:patient' },
  'room.join': { policy: 'signed_in' },
  'room.leave': { policy: 'signed_in' },
  'room.media': { policy: 'signed_in' },
  'rtc.signal': { policy: 'signed_in' },
};
