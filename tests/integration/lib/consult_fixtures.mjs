// Records the access matrix needs for the consultation routes: three rooms of the demo patient with
// the Harbour doctor (one to use, a spare one to invite into and remove from, one already ended for
// the rating), a photo in the chat, and a free slot of the doctor for the follow-up booking.
// Filled into fx.refs: 'appointment:room', 'consult:room', 'consult:spare', 'consult:ended',
// 'message:photo', fx.refs.slot.followup.
import { expectStatus } from './client.mjs';
import { makePng } from './images.mjs';
import { addAppointment, addService, nowSeconds } from './rows.mjs';

export async function setUpConsultFixtures(fx, srv) {
  const refs = (fx.refs ??= {});
  const svc = addService(srv, { type: 'video' });
  const patient = fx.clients.patient;
  const doctor = fx.clients.doctor;
  refs.consult = {};
  for (const [i, key] of ['room', 'spare', 'ended'].entries()) {
    const appointment = addAppointment(srv, svc, { patient: fx.accounts.patient, startsAt: nowSeconds() + 120 + 11 * i });
    if (key === 'room') (refs.appointment ??= {}).room = appointment;
    refs.consult[key] = expectStatus(await patient.post(`/api/v1/appointments/${appointment}/consultation`), 200, `room ${key}`).json.id;
  }
  expectStatus(await doctor.post(`/api/v1/consultations/${refs.consult.ended}/end`, {}), 200, 'end the fixture room');
  const photo = await patient.request('POST', `/api/v1/consultations/${refs.consult.room}/attachments?name=matrix.png`, {
    body: makePng(8, 8, 5),
    headers: { 'Content-Type': 'image/png' },
  });
  refs.message = { photo: expectStatus(photo, 201, 'fixture photo').json.id };
  const slots = expectStatus(await fx.anonymous.get(`/api/v1/doctors/${fx.accounts.doctor}/slots?days=14&service=${refs.service.gp}`), 200).json.items;
  refs.slot.followup = slots.filter((s) => s.starts_at > Date.now() / 1000 + 3 * 3600).at(-1).id;
}
