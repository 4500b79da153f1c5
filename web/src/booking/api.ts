// Typed calls of finding a doctor, booking, appointments, dependants, notifications and the calendar
// feed (docs/api.md: "Find a doctor", "Appointments", "Dependants and carers", "Notifications",
// "Calendar").
import { request, type Doctor, type Names, type Organisation } from '../base/api';

const enc = encodeURIComponent;
const V1 = '/api/v1';

// Appointments and services as the API describes them are shared with the schedule pages.
import type { Appointment, ConsultationType, Service } from '../queue/api';

export type { Appointment, AppointmentStatus, ConsultationType, Service } from '../queue/api';
export const CONSULTATION_TYPES: readonly ConsultationType[] = ['video', 'voice', 'in_person'];

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

export type RelationStatus = 'pending' | 'active' | 'revoked';

export interface ManagedPerson {
  patient_id: string;
  display_name: string;
  relationship: string;
  status: RelationStatus;
  date_of_birth: string;
  created_at: number;
}

/** A carer request I made: only the address I typed, never whom (if anyone) it reached. */
export interface CarerRequest {
  request_id: string;
  email: string;
  relationship: string;
  status: 'pending';
  created_at: number;
  expires_at: number;
}

export interface Carer {
  carer_id: string;
  display_name: string;
  relationship: string;
  status: RelationStatus;
  created_at: number;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: number;
  read_at: number | null;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
  next: string | null;
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

  // Dependants and carers
  family: () => request<{ dependants: ManagedPerson[]; requests: CarerRequest[]; carers: Carer[] }>('GET', `${V1}/dependants`),
  withdrawCarerRequest: (id: string) => request<void>('DELETE', `${V1}/dependants/requests/${enc(id)}`),
  addChild: (body: { display_name: string; date_of_birth: string; sex?: string }) =>
    request<ManagedPerson>('POST', `${V1}/dependants/children`, body),
  requestCarerAccess: (body: { email: string; relationship: string }) =>
    request<void>('POST', `${V1}/dependants/requests`, body),
  stopManaging: (patient: string) => request<void>('DELETE', `${V1}/dependants/${enc(patient)}`),
  answerCarer: (carer: string, accept: boolean) =>
    request<{ carer_id: string; status: RelationStatus }>('POST', `${V1}/carers/${enc(carer)}/${accept ? 'accept' : 'decline'}`),
  revokeCarer: (carer: string) => request<void>('DELETE', `${V1}/carers/${enc(carer)}`),

  // Notifications
  notifications: (before?: string, limit = 20) =>
    request<NotificationPage>('GET', `${V1}/notifications${query({ limit, before })}`),
  markRead: (id: string) => request<{ unread: number }>('POST', `${V1}/notifications/${enc(id)}/read`),
  markAllRead: () => request<{ marked: number; unread: number }>('POST', `${V1}/notifications/read-all`),
};
