// Typed calls of finding a doctor, booking, appointments and the calendar feed (docs/api.md: "Find a
// doctor", "Appointments", "Calendar").
import { request, type ConsultationType, type Names } from '../base/api';
import type { Organisation, Service } from '../organisation';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export const CONSULTATION_TYPES: readonly ConsultationType[] = ['video', 'voice', 'in_person'];

export interface Doctor {
  account_id: string;
  display_name: string;
  name_zh: string;
  title: string;
  organisation: { id: string; name: Names };
  specialties: string[];
  languages: string[];
  qualifications: string;
  registration_no: string;
  bio: Names;
  fee: { amount_cents: number; currency: string };
}

export type AppointmentStatus = 'booked' | 'checked_in' | 'in_consultation' | 'completed' | 'cancelled' | 'no_show';

export interface Appointment {
  id: string;
  slot_id: string;
  patient: { id: string; display_name: string };
  booked_by: string;
  doctor: { id: string; display_name: string; title: string; name_zh: string };
  service: { id: string; name: Names; consultation_type: ConsultationType };
  organisation: { id: string; name: Names; address: string };
  starts_at: number;
  ends_at: number;
  status: AppointmentStatus;
  reason: string;
  symptoms: string;
  known_allergies: string;
  cancelled: { by: string; reason: string; at: number } | null;
  rescheduled_from: string;
  needs_rebooking: boolean;
  created_at: number;
  updated_at: number;
}

export interface DoctorSummary {
  id: string;
  display_name: string;
  title: string;
  name_zh: string;
  organisation: { id: string; name: Names; region: string };
  fee_cents: number;
  currency: string;
  has_photo: boolean;
  next_free_slot: number | null;
  specialties: string[];
  languages: string[];
}

export interface DoctorSearch {
  q?: string;
  specialty?: string;
  language?: string;
  organisation?: string;
  region?: string;
  consultation_type?: string;
  available_before?: string;
  sort?: 'name' | 'next_free';
  offset?: number;
}

export interface Slot {
  id: string;
  service_id: string;
  service_name: Names;
  consultation_type: ConsultationType;
  fee_cents: number;
  currency: string;
  starts_at: number;
  ends_at: number;
}

export interface BookingInput {
  slot_id: string;
  patient_id?: string;
  reason?: string;
  symptoms?: string;
  known_allergies?: string;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const bookingApi = {
  // Find a doctor
  searchDoctors: (s: DoctorSearch) =>
    request<{ items: DoctorSummary[]; next_offset: number | null }>('GET', `${V1}/doctors${query({ ...s, limit: 20 })}`),
  doctor: (id: string) => request<Doctor & { photo_url: string | null }>('GET', `${V1}/doctors/${enc(id)}`),
  slots: (doctor: string, o: { from?: string; days?: number; service?: string }) =>
    request<{ doctor_id: string; from: string; days: number; items: Slot[] }>(
      'GET',
      `${V1}/doctors/${enc(doctor)}/slots${query(o)}`,
    ),
  services: (org: string) =>
    request<{ items: Service[] }>('GET', `${V1}/organisations/${enc(org)}/services`).then((r) => r.items),
  organisations: () => request<{ items: Organisation[] }>('GET', `${V1}/organisations`).then((r) => r.items),

  // Appointments
  book: (body: BookingInput, idempotencyKey: string) =>
    request<Appointment>('POST', `${V1}/appointments`, body, { 'Idempotency-Key': idempotencyKey }),
  appointments: (when: 'upcoming' | 'past') =>
    request<{ items: Appointment[] }>('GET', `${V1}/appointments?when=${when}&limit=50`).then((r) => r.items),
  appointment: (id: string) => request<Appointment>('GET', `${V1}/appointments/${enc(id)}`),
  cancel: (id: string, reason: string) =>
    request<Appointment>('POST', `${V1}/appointments/${enc(id)}/cancel`, reason ? { reason } : {}),
  reschedule: (id: string, slotId: string) =>
    request<Appointment>('POST', `${V1}/appointments/${enc(id)}/reschedule`, { slot_id: slotId }),
  calendarUrl: (id: string) => `${V1}/appointments/${enc(id)}/calendar.ics`,
  createCalendarFeed: () => request<{ url: string }>('POST', `${V1}/calendar-feed`).then((r) => r.url),
  removeCalendarFeed: () => request<void>('DELETE', `${V1}/calendar-feed`),
};
