// Records the access matrix needs for the scheduling routes: the demo services, free slots of the
// Harbour doctor, and bookings of the demo patient (one per route that changes a booking, so the
// rows do not disturb each other), and slots for the actors of lib/actor_fixtures.mjs. Filled into fx.refs, which access_matrix resolves
// 'service:gp', 'appointment:read', 'slot:patient' ... from.
import { expectStatus } from './client.mjs';

export const SECRET_REASON = 'matrix-secret-reason';

export async function setUpSchedulingFixtures(fx) {
  const refs = (fx.refs ??= {});
  const services = async (org) => expectStatus(await fx.anonymous.get(`/api/v1/organisations/${org}/services`), 200).json.items;
  const harbour = await services(fx.orgs.harbour);
  const kowloon = await services(fx.orgs.kowloon);
  refs.service = {
    gp: harbour.find((s) => s.name.en === 'General practice').id,
    psych: kowloon.find((s) => s.name.en === 'Psychological support').id,
  };
  const all = expectStatus(await fx.anonymous.get(`/api/v1/doctors/${fx.accounts.doctor}/slots?days=14&service=${refs.service.gp}`), 200).json.items;
  const free = all.filter((s) => s.starts_at > Date.now() / 1000 + 3 * 3600);
  refs.day = { far: '2030-06-03' }; // beyond the slot horizon: a holiday there withdraws nothing
  refs.slot = { patient: free[0].id, patient2: free[1].id, move: free[2].id, org_admin: free[3].id };
  // The patient actors of lib/actor_fixtures.mjs book too, and the carer books for the patient.
  // 'byCarer': the slot the revoked carer booked for the patient while caring; 'carer': the current
  // carer's own booking; 'forPatientByCarer': the current carer books it for the patient.
  const keys = ['revoked_carer', 'guest_after_visit', 'byCarer', 'forPatient', 'stillFree', 'early_registrant', 'carer', 'forPatientByCarer'];
  for (const [i, key] of keys.entries()) refs.slot[key] = free[8 + i].id;
  refs.appointment = {};
  for (const [i, key] of ['read', 'cancel', 'move', 'status'].entries()) {
    const a = await fx.clients.patient.post('/api/v1/appointments', { slot_id: free[4 + i].id, reason: SECRET_REASON });
    refs.appointment[key] = expectStatus(a, 201, `fixture booking ${key}`).json.id;
  }
}
