// The access matrix's actors with a history: real accounts that once had access and lost it, or
// that hold roles in two organisations. Each is set up through the API the way it happens in the
// clinic (only appointments that start within minutes are written as rows, as in
// consult_fixtures.mjs), and before losing its access it is shown to reach the very records the
// matrix then expects it to be refused on, so a refusal means "taken away", not "never had it".
//
// Runs after the scheduling and consult fixtures. Returns { actor: { client, password } }: the
// client is the session held through the change (a revocation or demotion must reach sessions
// that already exist); the matrix signs in a spare one with the password. Fills fx.refs:
// 'appointment:carer', 'queue:service', 'queue:carer', 'consult:demoted', 'appointment:demoted',
// 'consult:visited', 'message:visited', 'day:shared', and 'shared:harbourAppointment' /
// 'shared:kowloonAppointment' (fx.shared also holds each organisation's template ids), and
// 'invitation:early' (the Harbour invitation to the early registrant's address); fx.orgs.nocare
// (the organisation of the uncaring doctor). The shared record's history of the carer and the two
// doctors added for it (readings, a consent given and revoked, an emergency access that expired)
// is made by lib/record_fixtures.mjs, once their record entries exist.
import assert from 'node:assert/strict';
import { Client, expectStatus, expectProblem } from './client.mjs';
import { outbox, linkToken, signIn } from './auth.mjs';
import { makePng } from './images.mjs';
import { openWs, drain } from './ws.mjs';
import { addAppointment, addService, nowSeconds } from './rows.mjs';
import { SECRET_REASON } from './scheduling_fixtures.mjs';
import { newToken } from './mailbox.mjs';

export const ACTOR_PASSWORD = 'Matrix-actor-2026';
export const ACTOR_EMAIL = {
  revoked_carer: 'matrix-revoked-carer@example.test',
  demoted_doctor: 'matrix-demoted-doctor@example.test',
  shared_doctor: 'matrix-shared-doctor@example.test',
  guest_after_visit: 'matrix-guest-after-visit@example.test',
  early_registrant: 'matrix-early-registrant@example.test',
  carer: 'matrix-carer@example.test',
  bayarea_doctor: 'matrix-bayarea-doctor@example.test',
  uncaring_doctor: 'matrix-uncaring-doctor@example.test',
};

/** A patient account registered through the app; signed in. */
async function register(srv, email, name) {
  expectStatus(await new Client(srv.url).post('/api/v1/auth/register', { email, password: ACTOR_PASSWORD, display_name: name }), 201, `register ${email}`);
  return signIn(srv, email, { password: ACTOR_PASSWORD });
}

/**
 * An organisation admin takes `email` on as a doctor, and the person takes the place up: a new
 * address gets an e-mailed link to set a password (or, once staff invitations are their own flow,
 * to register with); for a signed-in account (`existing`) the role attaches at once, or, with
 * invitations, when the account accepts the e-mailed one. Returns the signed-in staff client.
 */
async function addDoctor(srv, admin, org, email, name, existing = null) {
  const before = new Set((await outbox(srv)).map((m) => m.body));
  expectStatus(await admin.post(`/api/v1/organisations/${org}/staff`, { email, display_name: name, roles: ['doctor'] }), 201, `add ${email}`);
  const mail = (await outbox(srv)).find((m) => m.to === email && !before.has(m.body));
  const invitation = mail && /\/invitation#token=([A-Za-z0-9_-]+)/.exec(mail.body);
  if (existing) {
    if (invitation) expectStatus(await existing.post('/api/v1/invitations/accept', { token: invitation[1] }), 200, `${email} accepts`);
    return existing;
  }
  assert.ok(mail, `the invitation to ${email}`);
  const client = new Client(srv.url);
  if (invitation) {
    expectStatus(await client.post('/api/v1/auth/register', { email, password: ACTOR_PASSWORD, display_name: name, invitation_token: invitation[1] }), 201);
  } else {
    expectStatus(await client.post('/api/v1/auth/password-reset/confirm', { token: linkToken(mail.body), password: ACTOR_PASSWORD }), 204);
  }
  return signIn(srv, email, { password: ACTOR_PASSWORD });
}

/** Joins a room with a WebSocket page (the waiting room needs one); returns the socket. */
async function enterRoom(srv, client, room) {
  const joined = expectStatus(await client.post(`/api/v1/consultations/${room}/join`), 200, 'join').json;
  const ws = await openWs(srv, { cookie: client.token });
  for (;;) if ((await ws.next()).type === 'hello') break;
  ws.send({ type: 'room.join', token: joined.token, peer_id: `matrix-${client.account.id.slice(0, 10)}` });
  for (;;) if ((await ws.next()).type === 'room.joined') return ws;
}


/** Everything `client` can read of the patient's records; each must answer `status`. */
async function assertReaches(client, paths, what) {
  for (const [path, status] of paths) expectStatus(await client.get(path), status, `${what}: ${path}`);
}

/** The patient's records the carer reaches while caring (and must lose). */
function patientRecords(refs) {
  const room = `/api/v1/consultations/${refs.consult.room}`;
  return [
    [`/api/v1/appointments/${refs.appointment.read}`, 200],
    [`/api/v1/appointments/${refs.appointment.read}/calendar.ics`, 200],
    [`/api/v1/appointments/${refs.appointment.carer}`, 200],
    [`/api/v1/appointments/${refs.appointment.carer}/calendar.ics`, 200],
    [`/api/v1/queue-entries/${refs.queue.carer}`, 200],
    [room, 200],
    [`${room}/messages`, 200],
    [`${room}/messages/${refs.message.photo}/attachment`, 200],
    [`${room}/note`, 200],
    [`${room}/summary`, 200],
  ];
}

async function revokedCarer(fx, srv) {
  const refs = fx.refs;
  const patient = fx.clients.patient;
  const carer = await register(srv, ACTOR_EMAIL.revoked_carer, 'Matrix Former Carer');
  // A carer asks with a proved address (the verification link from registration).
  expectStatus(await new Client(srv.url).post('/api/v1/auth/verify-email', { token: newToken(srv, ACTOR_EMAIL.revoked_carer, 'verify') }), 204);
  const id = carer.account.id;
  expectStatus(await carer.post('/api/v1/dependants/requests', { email: 'patient@demo.yiqiao.hk', relationship: 'relative' }), 202);
  expectStatus(await patient.post(`/api/v1/carers/${id}/accept`), 200, 'the patient accepts the carer');

  // What the carer does for the patient: a booking and a queue place.
  const booked = await carer.post('/api/v1/appointments', { slot_id: refs.slot.byCarer, patient_id: fx.accounts.patient, reason: SECRET_REASON });
  refs.appointment.carer = expectStatus(booked, 201, 'the carer books for the patient').json.id;
  const queue = expectStatus(
    await fx.clients.org_admin.post(`/api/v1/organisations/${fx.orgs.harbour}/services`, {
      name: { en: 'Matrix walk-in', 'zh-Hant': '矩陣即診', 'zh-Hans': '矩阵即诊' },
      specialty: 'general_practice',
      consultation_type: 'video',
      slot_minutes: 15,
      queue_enabled: true,
    }),
    201,
  ).json;
  const entry = await carer.post(`/api/v1/queues/${queue.id}/entries`, { symptoms: ['cough'], details: SECRET_REASON, patient_id: fx.accounts.patient });
  refs.queue = { service: queue.id, carer: expectStatus(entry, 201, 'the carer queues for the patient').json.id };

  await assertReaches(carer, patientRecords(refs), 'the carer while caring');
  const feed = expectStatus(await carer.post('/api/v1/calendar-feed'), 201).json.url;
  assert.ok((await (await fetch(feed)).text()).includes(refs.appointment.read), "the carer's feed lists the patient while caring");

  expectStatus(await patient.request('DELETE', `/api/v1/carers/${id}`), 204, 'the patient ends the carer access');
  for (const [path] of patientRecords(refs)) expectProblem(await carer.get(path), 404, 'not_found', `the former carer: ${path}`);
  return { client: carer, password: ACTOR_PASSWORD };
}

async function demotedDoctor(fx, srv) {
  const refs = fx.refs;
  const orgadmin = fx.clients.org_admin;
  const doctor = await addDoctor(srv, orgadmin, fx.orgs.harbour, ACTOR_EMAIL.demoted_doctor, 'Dr. Matrix Demoted');
  const id = doctor.account.id;
  // A video visit of the demo patient with this doctor, starting in a few minutes.
  const svc = { ...addService(srv, { type: 'video' }), doctor: id };
  refs.appointment.demoted = addAppointment(srv, svc, { patient: fx.accounts.patient, startsAt: nowSeconds() + 120 + 44 });
  refs.consult.demoted = expectStatus(await fx.clients.patient.post(`/api/v1/appointments/${refs.appointment.demoted}/consultation`), 200, 'the demoted room').json.id;
  const room = `/api/v1/consultations/${refs.consult.demoted}`;
  expectStatus(await doctor.put(`${room}/note`, { subjective: SECRET_REASON, objective: '', assessment: 'URTI', plan: '', diagnoses: [] }), 200, 'the note while a doctor');
  expectStatus(await fx.clients.patient.post(`${room}/messages`, { body: SECRET_REASON }), 201);
  const reached = [
    [room, 200],
    [`${room}/messages`, 200],
    [`${room}/note`, 200],
    [`/api/v1/appointments/${refs.appointment.demoted}`, 200],
    [`/api/v1/doctors/${id}/schedule`, 200],
    ['/api/v1/diagnosis-codes', 200],
  ];
  await assertReaches(doctor, reached, 'the doctor before the demotion');
  const page = await enterRoom(srv, doctor, refs.consult.demoted); // in the call when it happens

  expectStatus(await orgadmin.patch(`/api/v1/organisations/${fx.orgs.harbour}/staff/${id}`, { roles: ['nurse'] }), 200, 'demoted to nurse');
  expectProblem(await doctor.get(room), 404, 'not_found', 'the demoted doctor loses the room');
  expectProblem(await doctor.get('/api/v1/diagnosis-codes'), 403, 'forbidden', 'and the doctor-only routes');
  expectStatus(await fx.clients.patient.post(`${room}/messages`, { body: 'matrix-after-the-demotion' }), 201);
  const heard = await drain(page, 1500);
  // The role change closes the account's sockets: the page already in the call is out of it (and
  // its next room.join is refused), and hears nothing more of the patient.
  const closed = await Promise.race([page.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
  assert.ok(closed, 'the demoted doctor\'s socket is closed');
  assert.ok(!heard.some((m) => m.type === 'chat.message'), `no chat after the demotion: ${JSON.stringify(heard)}`);
  page.ws.close();
  // The patient cancels another visit with them afterwards: no longer the former doctor's to hear
  // of (access_rules, GET /api/v1/notifications).
  const later = addAppointment(srv, svc, { patient: fx.accounts.patient, startsAt: nowSeconds() + 2 * 86400 });
  expectStatus(await fx.clients.patient.post(`/api/v1/appointments/${later}/cancel`, { reason: 'matrix' }), 200);
  return { client: doctor, password: ACTOR_PASSWORD };
}

async function sharedDoctor(fx, srv) {
  const refs = fx.refs;
  const doctor = await addDoctor(srv, fx.clients.org_admin, fx.orgs.harbour, ACTOR_EMAIL.shared_doctor, 'Dr. Matrix Shared');
  const id = doctor.account.id;
  // Kowloon East takes on the same person, who already has an account.
  await addDoctor(srv, fx.clients.org_admin2, fx.orgs.kowloon, ACTOR_EMAIL.shared_doctor, 'Dr. Matrix Shared', doctor);
  // Hours from each organisation (from 2030: no slots now), and a visit with each on one day.
  const hours = (admin, service, weekday) =>
    admin.post(`/api/v1/doctors/${id}/templates`, { service_id: service, weekday, start_minute: 600, end_minute: 660, valid_from: '2030-01-01' });
  const harbourHours = expectStatus(await hours(fx.clients.org_admin, refs.service.gp, 1), 201, 'Harbour hours').json.templates;
  const kowloonHours = expectStatus(await hours(fx.clients.org_admin2, refs.service.psych, 2), 201, 'Kowloon hours').json.templates;
  const hk = 8 * 3600;
  const tomorrow = Math.floor((nowSeconds() + hk) / 86400 + 1) * 86400 - hk; // 00:00 Hong Kong
  refs.day.shared = new Date((tomorrow + hk) * 1000).toISOString().slice(0, 10);
  const visit = (service, org, startsAt, patient) => addAppointment(srv, { service, doctor: id, org }, { patient, startsAt });
  fx.shared = refs.shared = {
    harbourTemplates: harbourHours.map((t) => t.id),
    kowloonTemplates: kowloonHours.map((t) => t.id),
    harbourAppointment: visit(refs.service.gp, fx.orgs.harbour, tomorrow + 10 * 3600, fx.accounts.patient),
    kowloonAppointment: visit(refs.service.psych, fx.orgs.kowloon, tomorrow + 11 * 3600, fx.accounts.patient2),
  };
  const mine = expectStatus(await doctor.get(`/api/v1/doctors/${id}/availability`), 200).json.templates.map((t) => t.id);
  assert.deepEqual(mine.sort(), [...fx.shared.harbourTemplates, ...fx.shared.kowloonTemplates].sort(), 'the doctor sees both organisations');
  return { client: doctor, password: ACTOR_PASSWORD };
}

async function guestAfterVisit(fx, srv) {
  const refs = fx.refs;
  const guest = await register(srv, ACTOR_EMAIL.guest_after_visit, 'Matrix Interpreter');
  const svc = addService(srv, { type: 'video' });
  const appointment = addAppointment(srv, svc, { patient: fx.accounts.patient, startsAt: nowSeconds() + 120 + 55 });
  refs.consult.visited = expectStatus(await fx.clients.patient.post(`/api/v1/appointments/${appointment}/consultation`), 200, 'the visited room').json.id;
  const room = `/api/v1/consultations/${refs.consult.visited}`;
  const doctor = fx.clients.doctor;
  expectStatus(await doctor.post(`${room}/invitations`, { email: ACTOR_EMAIL.guest_after_visit }), 201, 'invite the guest');
  const ws = await enterRoom(srv, guest, refs.consult.visited);
  expectStatus(await doctor.post(`${room}/participants/${guest.account.id}/admit`), 200, 'admit the guest');
  const photo = await fx.clients.patient.request('POST', `${room}/attachments?name=visited.png`, { body: makePng(8, 8, 7), headers: { 'Content-Type': 'image/png' } });
  refs.message.visited = expectStatus(photo, 201, 'a photo during the visit').json.id;
  expectStatus(await doctor.put(`${room}/note`, { subjective: SECRET_REASON, objective: '', assessment: 'URTI', plan: 'Rest', diagnoses: ['J06.9'] }), 200);
  expectStatus(await doctor.post(`${room}/note/sign`), 200, 'sign the note');
  const during = [
    [room, 200],
    [`${room}/messages`, 200],
    [`${room}/messages/${refs.message.visited}/attachment`, 200],
    [`${room}/note`, 403], // a guest who is no doctor never reads the note, even during the visit
  ];
  await assertReaches(guest, during, 'the admitted guest');
  expectStatus(await doctor.post(`${room}/end`, {}), 200, 'the visit ends');
  ws.ws.close();
  for (const [path] of during) expectProblem(await guest.get(path), 404, 'not_found', `the guest after the visit: ${path}`);
  return { client: guest, password: ACTOR_PASSWORD };
}

// Issue 12, finding 1: someone who guesses that a clinic will take on an address registers it first
// (a patient account, its address never verified: the link went to a mailbox they do not read), then
// waits for the invitation. Existing with the address must give them nothing: the invitation is for
// whoever controls the mailbox, and stays pending for them.
async function earlyRegistrant(fx, srv) {
  const email = ACTOR_EMAIL.early_registrant;
  const attacker = await register(srv, email, 'Matrix Early Registrant');
  assert.equal(attacker.account.email_verified, false, 'the address is not verified');
  const org = fx.orgs.harbour;
  const invited = await fx.clients.org_admin.post(`/api/v1/organisations/${org}/staff`, { email, display_name: 'Dr. Matrix Early', roles: ['doctor'] });
  fx.refs.invitation.early = expectStatus(invited, 201, 'Harbour invites the address as a doctor').json.id;
  assert.ok((await outbox(srv)).some((m) => m.to === email && /\/invitation#token=/.test(m.body)), 'the link went to the mailbox');
  return { client: attacker, password: ACTOR_PASSWORD };
}

// The demo patient's carer now (request, accept, not ended): the patient side of the record.
async function currentCarer(fx, srv) {
  const carer = await register(srv, ACTOR_EMAIL.carer, 'Matrix Carer');
  expectStatus(await new Client(srv.url).post('/api/v1/auth/verify-email', { token: newToken(srv, ACTOR_EMAIL.carer, 'verify') }), 204);
  expectStatus(await carer.post('/api/v1/dependants/requests', { email: 'patient@demo.yiqiao.hk', relationship: 'relative' }), 202);
  expectStatus(await fx.clients.patient.post(`/api/v1/carers/${carer.account.id}/accept`), 200, 'the patient accepts the carer');
  const deps = expectStatus(await carer.get('/api/v1/dependants'), 200).json.dependants;
  assert.ok(deps.some((d) => d.patient_id === fx.accounts.patient), 'the carer cares for the patient');
  return { client: carer, password: ACTOR_PASSWORD };
}

// A doctor of Greater Bay Private Hospital (taken on by the platform admin: the demo has no admin
// there), whose organisation has a visit with the demo patient (lib/record_fixtures.mjs).
async function bayAreaDoctor(fx, srv) {
  const doctor = await addDoctor(srv, fx.admin, fx.orgs.bayarea, ACTOR_EMAIL.bayarea_doctor, 'Dr. Matrix Bay Area');
  return { client: doctor, password: ACTOR_PASSWORD };
}

// A doctor of a clinic that never saw the demo patient: no care relationship, so nothing of the
// record, whatever consent says.
async function uncaringDoctor(fx, srv) {
  const org = await fx.admin.post('/api/v1/admin/organisations', {
    kind: 'clinic',
    region: 'zhuhai',
    name: { en: 'Matrix Clinic Never Visited', 'zh-Hant': '矩陣未診診所', 'zh-Hans': '矩阵未诊诊所' },
  });
  fx.orgs.nocare = expectStatus(org, 201, 'the clinic without care').json.id;
  const doctor = await addDoctor(srv, fx.admin, fx.orgs.nocare, ACTOR_EMAIL.uncaring_doctor, 'Dr. Matrix Uncaring');
  return { client: doctor, password: ACTOR_PASSWORD };
}

export async function setUpActorFixtures(fx, srv) {
  return {
    revoked_carer: await revokedCarer(fx, srv),
    demoted_doctor: await demotedDoctor(fx, srv),
    shared_doctor: await sharedDoctor(fx, srv),
    guest_after_visit: await guestAfterVisit(fx, srv),
    early_registrant: await earlyRegistrant(fx, srv),
    carer: await currentCarer(fx, srv),
    bayarea_doctor: await bayAreaDoctor(fx, srv),
    uncaring_doctor: await uncaringDoctor(fx, srv),
  };
}
