// Consultation rooms against the real server on each database: who may open and join a room and
// when, the waiting room and admission, signaling relayed only between admitted pages, room
// tokens (a stranger's use and an expired one refused), TURN credentials coturn would accept,
// chat with attachments and receipts, invitations, the note (draft, signature, amendments kept),
// the end with its follow-up period, the rating, the queue's rooms, and the audit trail.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, backends } from '../support/server.mjs';
import { expectStatus, expectProblem, fieldErrors, sleep } from './lib/client.mjs';
import { signIn, auditEvents } from './lib/auth.mjs';
import { openWs } from './lib/ws.mjs';
import { addService, addAppointment, accountId, sql, nowSeconds } from './lib/rows.mjs';
import { makePng } from './lib/images.mjs';

const TURN_SECRET = 'integration-turn-secret';
const ARGS = [
  '--room-token-seconds', '2',
  '--turn-urls', 'turn:turn.example.test:3478?transport=udp, turns:turn.example.test:5349?transport=tcp',
  '--turn-secret', TURN_SECRET,
  '--stun-urls', 'stun:stun.example.test:3478',
];

/** The next WebSocket message matching `pred` (others are skipped). */
async function nextWhere(ws, pred, ms = 8000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = await ws.next(Math.max(1, deadline - Date.now()));
    if (pred(m)) return m;
  }
}
const ofType = (type) => (m) => m.type === type;

/** A WebSocket of the client's session that has entered the room with a fresh token. */
async function enter(srv, client, room, peer) {
  const joined = expectStatus(await client.post(`/api/v1/consultations/${room}/join`), 200, 'join').json;
  const ws = await openWs(srv, { cookie: client.token });
  await nextWhere(ws, ofType('hello'));
  ws.send({ type: 'room.join', token: joined.token, peer_id: peer });
  const first = await nextWhere(ws, (m) => m.type === 'room.joined' || m.type === 'room.error');
  return { ws, joined, first };
}

for (const backend of backends()) {
  describe(`consultations (${backend})`, () => {
    let srv, patient, patient2, patient3, doctor, doctor2, admin;
    before(async () => {
      srv = await startServer({ backend, args: ARGS });
      patient = await signIn(srv, 'patient'); // zh-Hant
      patient2 = await signIn(srv, 'patient2');
      patient3 = await signIn(srv, 'patient3');
      doctor = await signIn(srv, 'doctor');
      doctor2 = await signIn(srv, 'doctor2');
      admin = await signIn(srv, 'admin');
    });
    after(async () => {
      await srv?.stop();
    });

    /** A video appointment of patient@ with doctor@ starting in `inSeconds`, and its room. */
    let taken = 0; // each appointment gets its own start: a doctor has one slot per start time
    async function appointmentRoom(inSeconds = 120, type = 'video') {
      const svc = addService(srv, { type });
      const startsAt = nowSeconds() + inSeconds + 7 * ++taken;
      const appointment = addAppointment(srv, svc, { patient: patient.account.id, startsAt });
      const opened = await patient.post(`/api/v1/appointments/${appointment}/consultation`);
      return { svc, appointment, opened };
    }

    test('only the patient and the doctor open a room; others get 404; joining waits for the window', async () => {
      const { appointment, opened } = await appointmentRoom();
      const room = expectStatus(opened, 200, 'open').json;
      assert.equal(room.status, 'open');
      assert.equal(room.me.seat, 'patient');
      assert.equal(room.topology, 'mesh');
      assert.equal(room.max_participants, 4);
      // The doctor opening it finds the same room.
      const same = expectStatus(await doctor.post(`/api/v1/appointments/${appointment}/consultation`), 200).json;
      assert.equal(same.id, room.id);
      assert.equal(same.me.seat, 'doctor');
      for (const stranger of [patient2, doctor2]) {
        expectProblem(await stranger.post(`/api/v1/appointments/${appointment}/consultation`), 404, 'not_found');
        expectProblem(await stranger.get(`/api/v1/consultations/${room.id}`), 404, 'not_found');
        expectProblem(await stranger.post(`/api/v1/consultations/${room.id}/join`), 404, 'not_found');
        expectProblem(await stranger.get(`/api/v1/consultations/${room.id}/messages`), 404, 'not_found');
      }
      // An hour ahead: the room exists but is not open yet (the message says when it opens).
      const later = await appointmentRoom(3600);
      const early = expectStatus(later.opened, 200).json;
      const closed = expectProblem(await patient.post(`/api/v1/consultations/${early.id}/join`), 409, 'room_closed');
      assert.match(closed.json.title, /10 分鐘/); // patient@ reads Traditional Chinese
      // In person: no room.
      const inPerson = await appointmentRoom(120, 'in_person');
      expectProblem(inPerson.opened, 409, 'not_online');
    });

    test('waiting room, admission, relay only between admitted pages; strangers and expired tokens refused; TURN credentials', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const p = await enter(srv, patient, room, 'patient-page-1');
      assert.equal(p.first.admitted, false);
      assert.deepEqual(p.first.peers, []);
      // ICE servers: STUN, then TURN with a credential coturn computes the same way.
      const ice = p.joined.ice_servers;
      assert.deepEqual(ice[0].urls, ['stun:stun.example.test:3478']);
      assert.deepEqual(ice[1].urls, ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp']);
      const [expiry, who] = ice[1].username.split(':');
      assert.equal(who, patient.account.id);
      assert.ok(Number(expiry) > nowSeconds() + 3000 && Number(expiry) <= nowSeconds() + 3601);
      assert.equal(ice[1].credential, createHmac('sha1', TURN_SECRET).update(ice[1].username).digest('base64'));

      const d = await enter(srv, doctor, room, 'doctor-page-1');
      assert.equal(d.first.admitted, true);
      const lobby = await nextWhere(d.ws, ofType('room.lobby'));
      assert.deepEqual(lobby.waiting.map((w) => w.account_id), [patient.account.id]);
      // Waiting: the patient cannot reach the doctor's page.
      p.ws.send({ type: 'rtc.signal', consultation_id: room, to: 'doctor-page-1', to_epoch: d.first.epoch, description: { type: 'offer', sdp: 'v=0' } });
      assert.equal((await nextWhere(p.ws, ofType('room.error'))).code, 'not_in_room');

      expectStatus(await doctor.post(`/api/v1/consultations/${room}/participants/${patient.account.id}/admit`), 200, 'admit');
      const admitted = await nextWhere(p.ws, ofType('room.joined'));
      assert.equal(admitted.admitted, true);
      assert.deepEqual(admitted.peers.map((x) => x.peer_id), ['doctor-page-1']);
      const seen = await nextWhere(d.ws, ofType('room.peer_joined'));
      assert.equal(seen.peer.peer_id, 'patient-page-1');
      assert.equal(expectStatus(await patient.get(`/api/v1/consultations/${room}`), 200).json.status, 'live');

      // Offer, answer and a candidate go through, with the sender's peer id; nothing else is forwarded.
      const [doctorEpoch, patientEpoch] = [admitted.peers[0].epoch, seen.peer.epoch];
      assert.equal(doctorEpoch, d.first.epoch);
      p.ws.send({ type: 'rtc.signal', consultation_id: room, to: 'doctor-page-1', to_epoch: doctorEpoch - 1, description: { type: 'offer', sdp: 'stale' } });
      p.ws.send({ type: 'rtc.signal', consultation_id: room, to: 'doctor-page-1', to_epoch: doctorEpoch, description: { type: 'offer', sdp: 'v=0 offer' }, extra: 'dropped' });
      const offer = await nextWhere(d.ws, ofType('rtc.signal'));
      assert.deepEqual(offer, { type: 'rtc.signal', consultation_id: room, from: 'patient-page-1', from_epoch: patientEpoch, description: { type: 'offer', sdp: 'v=0 offer' } });
      d.ws.send({ type: 'rtc.signal', consultation_id: room, to: 'patient-page-1', to_epoch: patientEpoch, candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
      assert.equal((await nextWhere(p.ws, ofType('rtc.signal'))).candidate.sdpMid, '0');
      p.ws.send({ type: 'rtc.signal', consultation_id: room, to: 'doctor-page-1', to_epoch: doctorEpoch, description: { type: 'bogus', sdp: '' } });
      assert.equal((await nextWhere(p.ws, ofType('room.error'))).code, 'invalid_message');
      p.ws.send({ type: 'room.media', consultation_id: room, audio: true, video: false, screen: false });
      const media = await nextWhere(d.ws, ofType('room.media'));
      assert.deepEqual([media.peer_id, media.audio, media.video], ['patient-page-1', true, false]);

      // A stranger holding the patient's token gets nowhere; neither does the patient with an expired one.
      const stolen = expectStatus(await patient.post(`/api/v1/consultations/${room}/join`), 200).json.token;
      const s = await openWs(srv, { cookie: patient2.token });
      s.send({ type: 'room.join', token: stolen, peer_id: 'stranger-page' });
      assert.equal((await nextWhere(s, ofType('room.error'))).code, 'token_invalid');
      s.send({ type: 'rtc.signal', consultation_id: room, to: 'doctor-page-1', to_epoch: doctorEpoch, description: { type: 'offer', sdp: 'x' } });
      assert.equal((await nextWhere(s, ofType('room.error'))).code, 'not_in_room');
      await sleep(2500); // --room-token-seconds 2
      const late = await openWs(srv, { cookie: patient.token });
      late.send({ type: 'room.join', token: stolen, peer_id: 'patient-page-2' });
      assert.equal((await nextWhere(late, ofType('room.error'))).code, 'token_invalid');

      // A closed page leaves the call; the same page id coming back is announced again.
      p.ws.ws.close();
      assert.equal((await nextWhere(d.ws, ofType('room.peer_left'))).peer_id, 'patient-page-1');
      const back = await enter(srv, patient, room, 'patient-page-1');
      assert.equal(back.first.admitted, true, 'an admitted patient comes back without waiting');
      assert.equal((await nextWhere(d.ws, ofType('room.peer_joined'))).peer.peer_id, 'patient-page-1');
      for (const c of [back.ws, d.ws, s, late]) c.ws.close();
    });

    test('chat: waiting-room messages, one copy per retry key, attachments checked by content, receipts', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const dws = await openWs(srv, { cookie: doctor.token });
      const sent = expectStatus(
        await patient.post(`/api/v1/consultations/${room}/messages`, { body: '喉嚨痛了三天', client_key: 'k-1' }),
        201,
      ).json;
      const pushed = await nextWhere(dws, (m) => m.type === 'chat.message' && m.consultation_id === room);
      assert.equal(pushed.message.body, '喉嚨痛了三天');
      assert.equal(pushed.message.sender.id, patient.account.id);
      const again = expectStatus(await patient.post(`/api/v1/consultations/${room}/messages`, { body: '喉嚨痛了三天', client_key: 'k-1' }), 201).json;
      assert.equal(again.id, sent.id);
      expectProblem(await patient.post(`/api/v1/consultations/${room}/messages`, { body: '   ' }), 422, 'validation');
      expectProblem(await patient2.post(`/api/v1/consultations/${room}/messages`, { body: 'hi' }), 404, 'not_found');

      const png = makePng(20, 20, 7);
      const up = await patient.request('POST', `/api/v1/consultations/${room}/attachments?name=${encodeURIComponent('../../喉嚨.png')}`, {
        body: png,
        headers: { 'Content-Type': 'image/png' },
      });
      const photo = expectStatus(up, 201, 'attach').json;
      assert.deepEqual(photo.attachment, { name: '喉嚨.png', content_type: 'image/png', size: png.length });
      const got = await doctor.get(`/api/v1/consultations/${room}/messages/${photo.id}/attachment`);
      expectStatus(got, 200);
      assert.equal(got.headers.get('content-type'), 'image/png');
      assert.ok(got.bytes.equals(png));
      expectProblem(await patient2.get(`/api/v1/consultations/${room}/messages/${photo.id}/attachment`), 404, 'not_found');
      // A text file named .png is refused by its bytes; an oversized body by its size.
      const fake = await patient.request('POST', `/api/v1/consultations/${room}/attachments?name=x.png`, {
        body: Buffer.from('not really a picture'),
        headers: { 'Content-Type': 'image/png' },
      });
      expectProblem(fake, 422, 'validation');
      assert.deepEqual(Object.keys(fieldErrors(fake)), ['file']);
      const huge = await patient.request('POST', `/api/v1/consultations/${room}/attachments?name=big.pdf`, {
        body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]),
        headers: { 'Content-Type': 'application/pdf' },
      });
      expectProblem(huge, 413, 'payload_too_large');

      const list = expectStatus(await doctor.get(`/api/v1/consultations/${room}/messages`), 200).json;
      assert.deepEqual(list.items.map((m) => m.id), [sent.id, photo.id]);
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/receipts`, { read_up_to: photo.id }), 200);
      const receipt = await nextWhere(dws, ofType('chat.receipts'));
      assert.deepEqual(
        [receipt.receipt.account_id, receipt.receipt.delivered_up_to, receipt.receipt.read_up_to],
        [doctor.account.id, photo.id, photo.id],
      );
      // Positions never move back.
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/receipts`, { read_up_to: sent.id }), 200);
      const mine = expectStatus(await patient.get(`/api/v1/consultations/${room}/messages?after=${sent.id}`), 200).json;
      assert.deepEqual(mine.items.map((m) => m.id), [photo.id]);
      assert.equal(mine.receipts.find((r) => r.account_id === doctor.account.id).read_up_to, photo.id);
      dws.ws.close();
    });

    test('invitations: the guest waits, reads the chat only once admitted, is refused after removal', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      expectProblem(await patient.post(`/api/v1/consultations/${room}/invitations`, { email: patient3.email }), 403, 'forbidden');
      const unknown = await doctor.post(`/api/v1/consultations/${room}/invitations`, { email: 'nobody@example.test' });
      expectProblem(unknown, 422, 'validation');
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/invitations`, { email: patient3.email }), 201);
      const guestView = expectStatus(await patient3.get(`/api/v1/consultations/${room}`), 200).json;
      assert.equal(guestView.me.seat, 'invitee');
      assert.equal(guestView.me.state, 'invited');
      const g = await enter(srv, patient3, room, 'guest-page-01');
      assert.equal(g.first.admitted, false);
      expectProblem(await patient3.get(`/api/v1/consultations/${room}/messages`), 404, 'not_found');
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/participants/${patient3.account.id}/admit`), 200);
      assert.equal((await nextWhere(g.ws, ofType('room.joined'))).admitted, true);
      expectStatus(await patient3.get(`/api/v1/consultations/${room}/messages`), 200);
      expectStatus(await doctor.request('DELETE', `/api/v1/consultations/${room}/participants/${patient3.account.id}`), 200);
      assert.equal((await nextWhere(g.ws, ofType('room.removed'))).consultation_id, room);
      expectProblem(await patient3.post(`/api/v1/consultations/${room}/join`), 404, 'not_found');
      expectProblem(await patient3.get(`/api/v1/consultations/${room}/messages`), 404, 'not_found');
      g.ws.ws.close();
    });

    test('a demoted doctor loses the seat and the note at once, and gets them back with the role', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const text = { subjective: 'Cough', objective: '', assessment: 'URTI', plan: 'Rest', diagnoses: [] };
      expectStatus(await doctor.put(`/api/v1/consultations/${room}/note`, text), 200);
      const orgadmin = await signIn(srv, 'orgadmin');
      const harbour = sql(srv, `SELECT organisation_id FROM consultations WHERE id = '${room}'`)[0][0];
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${doctor.account.id}`, { roles: ['nurse'] }), 200);
      expectProblem(await doctor.get(`/api/v1/consultations/${room}`), 404, 'not_found');
      expectProblem(await doctor.get(`/api/v1/consultations/${room}/note`), 404, 'not_found');
      expectProblem(await doctor.post(`/api/v1/consultations/${room}/join`), 404, 'not_found');
      expectStatus(await orgadmin.patch(`/api/v1/organisations/${harbour}/staff/${doctor.account.id}`, { roles: ['doctor'] }), 200);
      assert.equal(expectStatus(await doctor.get(`/api/v1/consultations/${room}`), 200).json.me.seat, 'doctor');
    });

    test('an invited guest reads the chat from their admission on, never a draft note, and loses the room when the visit ends', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const before = expectStatus(await patient.post(`/api/v1/consultations/${room}/messages`, { body: 'before-the-guest', client_key: 'k-before' }), 201).json;
      expectStatus(await doctor.put(`/api/v1/consultations/${room}/note`, { subjective: 'draft-only-text', objective: '', assessment: 'Viral URTI', plan: '', diagnoses: [] }), 200);
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/invitations`, { email: doctor2.email }), 201);
      await sleep(1100); // messages are dated in seconds: the admission comes strictly after
      const g = await enter(srv, doctor2, room, 'colleague-page-1');
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/participants/${doctor2.account.id}/admit`), 200);
      await nextWhere(g.ws, (m) => m.type === 'room.joined' && m.admitted);
      const afterMsg = expectStatus(await patient.post(`/api/v1/consultations/${room}/messages`, { body: 'after-the-guest', client_key: 'k-after' }), 201).json;
      const seen = expectStatus(await doctor2.get(`/api/v1/consultations/${room}/messages`), 200).json.items.map((m) => m.id);
      assert.deepEqual(seen, [afterMsg.id], 'only what was said after the admission');
      assert.ok(expectStatus(await patient.get(`/api/v1/consultations/${room}/messages`), 200).json.items.some((m) => m.id === before.id));
      const note = expectStatus(await doctor2.get(`/api/v1/consultations/${room}/note`), 200);
      assert.equal(note.json.note, null, 'the draft is the treating doctor\'s');
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/note/sign`), 200);
      const signed = expectStatus(await doctor2.get(`/api/v1/consultations/${room}/note`), 200).json.note;
      assert.equal(signed.text.subjective, 'draft-only-text');
      assert.equal(signed.versions, undefined);
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/end`, { follow_up_days: 3 }), 200);
      expectProblem(await doctor2.get(`/api/v1/consultations/${room}`), 404, 'not_found');
      expectProblem(await doctor2.get(`/api/v1/consultations/${room}/messages`), 404, 'not_found');
      expectProblem(await doctor2.get(`/api/v1/consultations/${room}/note`), 404, 'not_found');
      assert.equal(expectStatus(await patient.get(`/api/v1/consultations/${room}`), 200).json.status, 'ended');
      g.ws.ws.close();
    });

    test('finding: % and _ in the diagnosis search are characters, not wildcards', async () => {
      const search = async (q) => expectStatus(await doctor.get(`/api/v1/diagnosis-codes?q=${encodeURIComponent(q)}`), 200).json.items;
      assert.ok((await search('J06')).length > 0, 'the search works');
      // No ICD-10 code or name in the table holds either character.
      for (const q of ['%', '_', 'J_6', 'J%', '%%', '\\']) assert.deepEqual(await search(q), [], q);
    });

    test('the note: draft, signature, amendments with every version kept; the patient sees only the signed text, in their language', async () => {
      const { opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const text = { subjective: 'Sore throat 3 days', objective: 'Afebrile on video', assessment: 'Viral pharyngitis', plan: 'Fluids, paracetamol', diagnoses: ['J02.9'] };
      expectProblem(await patient.put(`/api/v1/consultations/${room}/note`, text), 403, 'forbidden');
      expectProblem(await doctor2.put(`/api/v1/consultations/${room}/note`, text), 404, 'not_found');
      const bad = await doctor.put(`/api/v1/consultations/${room}/note`, { ...text, diagnoses: ['XX9.9'] });
      assert.deepEqual(Object.keys(fieldErrors(bad)), ['diagnoses']);
      const draft = expectStatus(await doctor.put(`/api/v1/consultations/${room}/note`, text), 200).json.note;
      assert.equal(draft.status, 'draft');
      assert.equal(draft.text.diagnoses[0].name['zh-Hant'].length > 0, true);
      assert.equal(expectStatus(await patient.get(`/api/v1/consultations/${room}/note`), 200).json.note, null, 'no draft for the patient');
      const signed = expectStatus(await doctor.post(`/api/v1/consultations/${room}/note/sign`), 200).json.note;
      assert.deepEqual([signed.status, signed.version, signed.versions.length], ['signed', 1, 1]);
      expectProblem(await doctor.put(`/api/v1/consultations/${room}/note`, text), 409, 'note_signed');
      expectProblem(await doctor.post(`/api/v1/consultations/${room}/note/sign`), 409, 'note_signed');
      const noReason = await doctor.post(`/api/v1/consultations/${room}/note/amendments`, { ...text, plan: 'x' });
      assert.deepEqual(Object.keys(fieldErrors(noReason)), ['reason']);
      const amended = expectStatus(
        await doctor.post(`/api/v1/consultations/${room}/note/amendments`, { ...text, diagnoses: ['J02.9', 'R50.9'], reason: 'Fever reported after the call' }),
        201,
      ).json.note;
      assert.deepEqual([amended.status, amended.version], ['amended', 2]);
      assert.deepEqual(amended.versions.map((v) => [v.version, v.reason]), [[1, ''], [2, 'Fever reported after the call']]);
      assert.deepEqual(amended.versions[0].text.diagnoses.map((d) => d.code), ['J02.9'], 'version 1 unchanged');
      const seen = expectStatus(await patient.get(`/api/v1/consultations/${room}/summary`), 200).json;
      assert.equal(seen.note.version, 2);
      assert.equal(seen.note.versions, undefined, 'the patient gets no history');
      assert.deepEqual(seen.note.text.diagnoses.map((d) => d.code), ['J02.9', 'R50.9']);
      assert.match(seen.note.text.diagnoses[0].name['zh-Hant'], /咽/);
      // The consultation is in the patient's health record: an Encounter with the signed note
      // inside, the amendment as the note's second version.
      const encounters = expectStatus(await patient.get(`/api/v1/patients/${patient.account.id}/record/encounters`), 200).json.items;
      const encounter = encounters.find((e) => e.details.consultation_id === room);
      assert.ok(encounter, 'the consultation became an encounter');
      assert.equal(encounter.resource.resourceType, 'Encounter');
      assert.equal(encounter.note.resource.resourceType, 'Composition');
      assert.equal(encounter.note.version, 2);
      assert.equal(encounter.note.details.plan, text.plan);
      assert.deepEqual(encounter.note.details.diagnoses.map((d) => d.code), ['J02.9', 'R50.9']);
    });

    test('the end: appointment completed, room closed, follow-up messages for the set days, rating; audited', async () => {
      const { appointment, opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const p = await enter(srv, patient, room, 'patient-page-9');
      expectStatus(await patient3.get('/api/v1/me'), 200);
      expectProblem(await patient.post(`/api/v1/consultations/${room}/end`, {}), 403, 'forbidden');
      expectProblem(await doctor.post(`/api/v1/consultations/${room}/end`, { follow_up_days: 31 }), 422, 'validation');
      const ended = expectStatus(await doctor.post(`/api/v1/consultations/${room}/end`, { follow_up_days: 3 }), 200).json;
      assert.equal(ended.status, 'ended');
      assert.ok(Math.abs(ended.follow_up_until - (nowSeconds() + 3 * 86400)) < 10);
      assert.equal((await nextWhere(p.ws, ofType('room.ended'))).consultation_id, room);
      assert.equal(sql(srv, `SELECT status FROM appointments WHERE id = '${appointment}'`)[0][0], 'completed');
      expectProblem(await patient.post(`/api/v1/consultations/${room}/join`), 409, 'consultation_ended');
      expectStatus(await patient.post(`/api/v1/consultations/${room}/messages`, { body: 'Thank you, the fever is gone' }), 201);
      const notices = expectStatus(await doctor.get('/api/v1/notifications'), 200).json.items;
      assert.ok(notices.some((n) => n.link === `/consult/${room}/summary`), 'the doctor is told of the follow-up message');
      // After the follow-up period, messages are refused.
      sql(srv, `UPDATE consultations SET follow_up_until = ${nowSeconds() - 1} WHERE id = '${room}'`);
      expectProblem(await patient.post(`/api/v1/consultations/${room}/messages`, { body: 'one more' }), 409, 'follow_up_closed');
      expectStatus(await patient.put(`/api/v1/consultations/${room}/rating`, { stars: 5, comment: '很好' }), 200);
      expectProblem(await patient.put(`/api/v1/consultations/${room}/rating`, { stars: 6 }), 422, 'validation');
      expectProblem(await patient2.put(`/api/v1/consultations/${room}/rating`, { stars: 1 }), 404, 'not_found');
      assert.equal(expectStatus(await patient.get(`/api/v1/consultations/${room}/summary`), 200).json.rating.stars, 5);
      const actions = (await auditEvents(admin)).filter((e) => e.target_id === room).map((e) => e.action);
      for (const a of ['consult.join', 'consult.end', 'consult.rate', 'consult.summary_read'])
        assert.ok(actions.includes(a), `audited: ${a} (have ${actions.join(', ')})`);
      p.ws.ws.close();
    });

    test('the doctor books the follow-up in one of their own free times; psychological support starts voice-first', async () => {
      const { svc, opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const slots = expectStatus(await doctor.get(`/api/v1/doctors/${doctor.account.id}/slots?days=14`), 200).json.items;
      const free = slots.filter((x) => x.starts_at > nowSeconds() + 3 * 3600);
      const others = expectStatus(await doctor2.get(`/api/v1/doctors/${doctor2.account.id}/slots?days=14`), 200).json.items;
      expectProblem(await patient.post(`/api/v1/consultations/${room}/follow-up`, { slot_id: free[0].id }), 403, 'forbidden');
      // Only the doctor's own slots.
      expectProblem(await doctor.post(`/api/v1/consultations/${room}/follow-up`, { slot_id: others[0].id }), 409, 'slot_unavailable');
      const booked = expectStatus(await doctor.post(`/api/v1/consultations/${room}/follow-up`, { slot_id: free[0].id }), 201).json;
      assert.equal(booked.appointment.patient.id, patient.account.id);
      assert.equal(booked.room.follow_up_appointment_id, booked.appointment.id);
      const summary = expectStatus(await patient.get(`/api/v1/consultations/${room}/summary`), 200).json;
      assert.equal(summary.follow_up_appointment.id, booked.appointment.id);
      expectProblem(await doctor.post(`/api/v1/consultations/${room}/follow-up`, { slot_id: free[1].id }), 409, 'conflict'); // one follow-up per visit
      assert.equal(svc.doctor, doctor.account.id);

      assert.equal(expectStatus(await patient.get(`/api/v1/consultations/${room}`), 200).json.psych, false, 'general practice');
      const psychService = addService(srv, { type: 'voice' });
      sql(srv, `UPDATE services SET specialty = 'clinical_psychology' WHERE id = '${psychService.service}'`);
      const appointment = addAppointment(srv, psychService, { patient: patient.account.id, startsAt: nowSeconds() + 120 + 7 * ++taken });
      const voice = expectStatus(await patient.post(`/api/v1/appointments/${appointment}/consultation`), 200).json;
      assert.deepEqual([voice.psych, voice.media], [true, 'voice']);
    });

    test('a carer is in while their access lasts; a reschedule moves the room to the new doctor; a cancelled visit closes it; the patient cannot be removed; a token opens the room once', async () => {
      // patient3 becomes patient@'s carer, joins the call, and is put out when the patient revokes it.
      expectStatus(await patient3.post('/api/v1/dependants/requests', { email: patient.email, relationship: 'relative' }), 202);
      expectStatus(await patient.post(`/api/v1/carers/${patient3.account.id}/accept`), 200);
      const { appointment, opened } = await appointmentRoom();
      const room = expectStatus(opened, 200).json.id;
      const d = await enter(srv, doctor, room, 'doctor-page-5');
      const carer = await enter(srv, patient3, room, 'carer-page-05');
      assert.equal(expectStatus(await patient3.get(`/api/v1/consultations/${room}`), 200).json.me.seat, 'proxy');
      expectStatus(await doctor.post(`/api/v1/consultations/${room}/participants/${patient3.account.id}/admit`), 200);
      assert.equal((await nextWhere(carer.ws, ofType('room.joined'))).admitted, true);
      expectStatus(await patient.request('DELETE', `/api/v1/carers/${patient3.account.id}`), 204);
      assert.equal((await nextWhere(carer.ws, ofType('room.removed'))).consultation_id, room);
      assert.equal((await nextWhere(d.ws, ofType('room.peer_left'))).peer_id, 'carer-page-05');
      expectStatus(await patient.post(`/api/v1/consultations/${room}/messages`, { body: 'private to the doctor now' }), 201);
      await assert.rejects(nextWhere(carer.ws, ofType('chat.message'), 1000), 'no chat reaches a revoked carer');
      expectProblem(await patient3.get(`/api/v1/consultations/${room}/messages`), 404, 'not_found');

      // The patient cannot be put out of their own visit; the doctor ends it instead.
      const kept = await doctor.request('DELETE', `/api/v1/consultations/${room}/participants/${patient.account.id}`);
      assert.deepEqual(Object.keys(fieldErrors(kept)), ['account_id']);

      // A token opens the room once.
      const token = expectStatus(await patient.post(`/api/v1/consultations/${room}/join`), 200).json.token;
      const first = await openWs(srv, { cookie: patient.token });
      first.send({ type: 'room.join', token, peer_id: 'patient-page-6a' });
      assert.equal((await nextWhere(first, ofType('room.joined'))).peer_id, 'patient-page-6a');
      const second = await openWs(srv, { cookie: patient.token });
      second.send({ type: 'room.join', token, peer_id: 'patient-page-6b' });
      assert.equal((await nextWhere(second, ofType('room.error'))).code, 'token_invalid');

      // Moved to another doctor of the clinic (Dr. Chan works there too): the room follows the appointment.
      sql(srv, `INSERT INTO account_roles (account_id, role, organisation_id, granted_at) SELECT '${doctor2.account.id}', 'doctor', organisation_id, 0 FROM appointments WHERE id = '${appointment}'`);
      sql(srv, `UPDATE appointments SET doctor_id = '${doctor2.account.id}' WHERE id = '${appointment}'`);
      expectProblem(await doctor.get(`/api/v1/consultations/${room}`), 404, 'not_found');
      assert.equal(expectStatus(await doctor2.get(`/api/v1/consultations/${room}`), 200).json.me.seat, 'doctor');
      // Cancelled: nobody joins any more.
      sql(srv, `UPDATE appointments SET status = 'cancelled' WHERE id = '${appointment}'`);
      expectProblem(await patient.post(`/api/v1/consultations/${room}/join`), 409, 'room_closed');
      for (const c of [d, carer]) c.ws.ws.close();
      for (const c of [first, second]) c.ws.close();
    });

    test('a queue visit has a room from the moment the doctor takes the patient; ending it completes the visit', async () => {
      const svc = addService(srv);
      sql(srv, `UPDATE services SET queue_enabled = 1 WHERE id = '${svc.service}'`);
      const entry = expectStatus(
        await patient2.post(`/api/v1/queues/${svc.service}/entries`, { symptoms: ['cough'], details: 'dry cough' }),
        201,
      ).json;
      expectProblem(await patient2.post(`/api/v1/queue-entries/${entry.id}/consultation`), 409, 'room_closed');
      expectStatus(await doctor.request('PUT', `/api/v1/queues/${svc.service}/duty`), 200);
      expectStatus(await doctor.post(`/api/v1/queues/${svc.service}/next`), 200);
      const room = expectStatus(await patient2.post(`/api/v1/queue-entries/${entry.id}/consultation`), 200).json;
      assert.equal(room.queue_entry_id, entry.id);
      expectProblem(await patient.post(`/api/v1/queue-entries/${entry.id}/consultation`), 404, 'not_found');
      expectStatus(await patient2.post(`/api/v1/consultations/${room.id}/join`), 200);
      expectStatus(await doctor.post(`/api/v1/consultations/${room.id}/end`, {}), 200);
      assert.equal(sql(srv, `SELECT status FROM queue_entries WHERE id = '${entry.id}'`)[0][0], 'completed');
      expectStatus(await doctor.request('DELETE', `/api/v1/queues/${svc.service}/duty`), 200);
      assert.equal(accountId(srv, 'patient2@demo.yiqiao.hk'), patient2.account.id);
    });
  });
}
