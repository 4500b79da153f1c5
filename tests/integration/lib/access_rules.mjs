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
import { expectStatus } from './client.mjs';
import { makePng } from './images.mjs';
import { SECRET_REASON } from './scheduling_fixtures.mjs';
import { ACTOR_EMAIL } from './actor_fixtures.mjs';

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
/** A consultation room of the demo patient with the Harbour doctor: only those two get in. */
const ROOM_READ = { label: "the patient's room", params: { id: 'consult:room' }, allow: ['patient', 'doctor'], ok: 200 };
/** The room of the demoted doctor's visit: the patient only (the doctor's seat went with the role). */
const DEMOTED_ROOM = { label: "the demoted doctor's room", params: { id: 'consult:demoted' }, allow: ['patient'], ok: 200, secrets: () => [SECRET_REASON] };
/** The ended room the guest was admitted to: the patient and the doctor, never the guest again. */
const VISITED_ROOM = { label: 'the room after the visit', params: { id: 'consult:visited' }, allow: ['patient', 'doctor'], ok: 200, secrets: () => [SECRET_REASON] };

/** Which organisation's part of the shared doctor's schedule each caller sees. */
const SHARED_VIEW = { shared_doctor: ['harbour', 'kowloon'], platform_admin: ['harbour', 'kowloon'], org_admin: ['harbour'], org_admin2: ['kowloon'] };
const seesOnly = (actor, ids, what) => {
  for (const org of ['harbour', 'kowloon']) {
    for (const id of what(org)) assert.equal(ids.includes(id), SHARED_VIEW[actor].includes(org), `${actor} and the ${org} part of the shared doctor (${id})`);
  }
};
/** The demo patient's bookings, which no other patient's calendar feed may list. */
const patientBookings = (fx) => [fx.refs.appointment.read, fx.refs.appointment.carer, fx.refs.appointment.demoted];

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
          for (const id of patientBookings(fx)) assert.ok(!feed.includes(id), `${actor}'s feed lists the patient's booking ${id}`);
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
      // Where the carer queued the patient: the patient is there already; nobody else queues them.
      {
        label: 'for the demo patient',
        params: { service: 'queue:service' },
        allow: ['patient'],
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
          for (const e of answer.json.items) assert.equal(e.patient.id, fx.actorIds[actor], 'only my own places');
        },
      },
    ],
  },
  'GET /api/v1/queue-entries/{id}': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: 'an unknown entry', params: { id: 'unknown' }, allow: [], ok: 200 },
      // Joined by the carer for the patient, in a Harbour queue.
      { label: "the carer's place for the patient", params: { id: 'queue:carer' }, allow: ['patient', 'doctor', 'shared_doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/queue-entries/{id}/leave': {
    policy: 'role:patient',
    variants: [
      { label: 'an unknown entry', params: { id: 'unknown' }, allow: [], ok: 200 },
      { label: "the carer's place for the patient", params: { id: 'queue:carer' }, allow: ['patient'], ok: 200, secrets: () => [SECRET_REASON] },
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
      // For the demo patient: the patient books a slot; anyone else tries one that must stay free.
      {
        label: 'for the demo patient',
        allow: ['patient'],
        ok: 201,
        scope: 422, // the patient_id field: "this person cannot be booked for by you"
        scopeCode: 'validation',
        secrets: () => ['Chan Tai Man'],
        body: ({ actor, fx }) => ({ slot_id: fx.refs.slot[actor === 'patient' ? 'forPatient' : 'stillFree'], patient_id: fx.accounts.patient }),
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
        // The revoked carer's list held the patient's bookings while caring.
        check: (answer, { actor, fx }) => {
          for (const a of answer.json.items) assert.equal(a.patient.id, fx.actorIds[actor], 'only my own');
        },
      },
    ],
  },
  'GET /api/v1/appointments/{id}': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:read' }, allow: ['patient', 'doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'doctor', 'org_admin'], ok: 200, secrets: () => [SECRET_REASON] },
      { label: "the demoted doctor's visit", params: { id: 'appointment:demoted' }, allow: ['patient', 'org_admin'], ok: 200 },
      { label: "the shared doctor's Harbour visit", params: { id: 'shared:harbourAppointment' }, allow: ['patient', 'shared_doctor', 'org_admin'], ok: 200 },
      { label: "the shared doctor's Kowloon visit", params: { id: 'shared:kowloonAppointment' }, allow: ['patient2', 'shared_doctor', 'org_admin2'], ok: 200 },
    ],
  },
  'GET /api/v1/appointments/{id}/calendar.ics': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:read' }, allow: ['patient', 'doctor', 'org_admin'], ok: 200, secrets: () => ['BEGIN:VCALENDAR'] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'doctor', 'org_admin'], ok: 200, secrets: () => ['BEGIN:VCALENDAR'] },
    ],
  },
  'POST /api/v1/appointments/{id}/cancel': {
    policy: 'role:patient,doctor,org_admin',
    variants: [
      // The first allowed caller cancels; the others find it cancelled already (409).
      { label: "the patient's booking", params: { id: 'appointment:cancel' }, allow: ['patient', 'doctor', 'org_admin'], ok: [200, 409], body: { reason: 'matrix' }, secrets: () => [SECRET_REASON] },
      { label: 'booked by the carer for the patient', params: { id: 'appointment:carer' }, allow: ['patient', 'doctor', 'org_admin'], ok: [200, 409], body: { reason: 'matrix' }, secrets: () => [SECRET_REASON] },
    ],
  },
  'POST /api/v1/appointments/{id}/reschedule': {
    policy: 'role:patient,org_admin',
    variants: [
      { label: "the patient's booking", params: { id: 'appointment:move' }, allow: ['patient', 'org_admin'], ok: [200, 409], body: ({ fx }) => ({ slot_id: fx.refs.slot.move }), secrets: () => [SECRET_REASON] },
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
          assert.ok(!a.json.dependants.some((d) => d.patient_id === fx.accounts.patient), 'the demo patient is nobody\'s dependant now');
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
    variants: [{ label: 'someone I do not care for', params: { patient: 'account:patient' }, allow: [], ok: 204 }],
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
      { label: "the patient's video appointment", params: { id: 'appointment:room' }, allow: ['patient', 'doctor'], ok: 200 },
      { label: "the demoted doctor's visit", params: { id: 'appointment:demoted' }, allow: ['patient'], ok: 200 },
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
          assert.equal(listed('room'), actor === 'patient' || actor === 'doctor', "the patient's room");
          assert.equal(listed('demoted'), actor === 'patient', "the demoted doctor's room");
          assert.equal(listed('visited'), actor === 'patient' || actor === 'doctor', 'the room after the visit');
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
    variants: [{ label: 'an ended room', params: { id: 'consult:ended' }, allow: ['patient'], ok: 200, body: { stars: 4, comment: 'matrix' } }],
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
      { label: 'a photo in the chat', params: { id: 'consult:room', message: 'message:photo' }, allow: ['patient', 'doctor'], ok: 200 },
      { label: 'a photo sent while the guest was in', params: { id: 'consult:visited', message: 'message:visited' }, allow: ['patient', 'doctor'], ok: 200 },
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
