// Typed calls of the queue, doctor's day and schedule administration routes (docs/api.md: "Services,
// schedules and slots", "Appointments", "See a doctor now" queues, "Dependants and carers").
import { request, type Names } from '../base/api';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export type ConsultationType = 'video' | 'voice' | 'in_person';

/** Opening hours in Hong Kong local minutes of an ISO weekday (1 = Monday). */
export interface HoursWindow {
  weekday: number;
  from: number;
  to: number;
}

export interface QueueService {
  id: string;
  name: Names;
  organisation: { id: string; name: Names };
  specialty: string;
  consultation_type: ConsultationType;
}

export interface QueueInfo extends QueueService {
  open: boolean;
  hours: '24x7' | HoursWindow[] | null;
  waiting: number;
  doctors_on_duty: number;
  estimated_wait_minutes: number | null;
}

export interface TriageChecklist {
  emergency: string[];
  urgent: string[];
  routine: string[];
}

export type EntryStatus = 'waiting' | 'taken' | 'left' | 'dropped' | 'completed';

export interface QueueEntry {
  id: string;
  service: QueueService;
  patient: { id: string; display_name: string };
  joined_by: string;
  priority: number;
  status: EntryStatus;
  joined_at: number;
  triage: { symptoms: string[]; details: string };
  position: number | null;
  ahead: number | null;
  estimated_wait_minutes: number | null;
  doctors_on_duty?: number;
  doctor: { id: string; name: Names } | null;
  taken_at: number | null;
  ended_at: number | null;
  end_reason: string;
}

export interface Dependant {
  patient_id: string;
  display_name: string;
  relationship: string;
  status: string;
  date_of_birth: string;
}

export interface ServiceEntries {
  service: QueueService;
  waiting_count: number;
  doctors_on_duty: number;
  on_duty: boolean;
  waiting: QueueEntry[];
  in_consultation: QueueEntry[];
}

export interface OrgQueue extends QueueService {
  waiting: number;
  in_consultation: number;
  doctors_on_duty: { id: string; name: Names; since: number }[];
  on_duty: boolean;
}

export interface Service {
  id: string;
  organisation_id: string;
  organisation_name: Names;
  name: Names;
  specialty: string;
  consultation_type: ConsultationType;
  slot_minutes: number;
  fee_cents: number;
  currency: string;
  queue_enabled: boolean;
  queue_hours: HoursWindow[] | null;
  active: boolean;
  doctors: { id: string; display_name: string; title: string; name_zh: string }[];
}

export interface ServiceInput {
  name?: Names;
  specialty?: string;
  consultation_type?: ConsultationType;
  slot_minutes?: number;
  fee_cents?: number;
  currency?: string;
  queue_enabled?: boolean;
  queue_hours?: HoursWindow[] | null;
  active?: boolean;
}

export interface Template {
  id: string;
  service_id: string;
  service_name: Names;
  weekday: number;
  start_minute: number;
  end_minute: number;
  valid_from: string;
  valid_until: string;
}

export interface Availability {
  doctor_id: string;
  templates: Template[];
  exceptions: { id: string; starts_at: number; ends_at: number; reason: string }[];
  sessions: { id: string; service_id: string; starts_at: number; ends_at: number }[];
}

/** What a schedule change did to the doctor's slots. */
export interface SlotChange {
  added: number;
  withdrawn: number;
  needs_rebooking: number;
}

export interface Holiday {
  day: string;
  name: Names;
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

export interface DaySchedule {
  doctor_id: string;
  day: string;
  appointments: Appointment[];
  open_slots: number;
}

export const queueApi = {
  // Patients
  queues: () => request<{ items: QueueInfo[]; triage: TriageChecklist }>('GET', `${V1}/queues`),
  join: (service: string, body: { patient_id?: string; symptoms: string[]; details?: string }) =>
    request<QueueEntry>('POST', `${V1}/queues/${enc(service)}/entries`, body),
  myEntries: () => request<{ items: QueueEntry[] }>('GET', `${V1}/queue-entries`).then((r) => r.items),
  entry: (id: string) => request<QueueEntry>('GET', `${V1}/queue-entries/${enc(id)}`),
  leave: (id: string) => request<QueueEntry>('POST', `${V1}/queue-entries/${enc(id)}/leave`),
  dependants: () => request<{ dependants: Dependant[] }>('GET', `${V1}/dependants`).then((r) => r.dependants),

  // Doctors
  orgQueues: (org: string) =>
    request<{ items: OrgQueue[] }>('GET', `${V1}/organisations/${enc(org)}/queues`).then((r) => r.items),
  serviceEntries: (service: string) => request<ServiceEntries>('GET', `${V1}/queues/${enc(service)}/entries`),
  setDuty: (service: string, on: boolean) =>
    request<{ on_duty: boolean; since: number | null }>(on ? 'PUT' : 'DELETE', `${V1}/queues/${enc(service)}/duty`),
  takeNext: (service: string) => request<QueueEntry>('POST', `${V1}/queues/${enc(service)}/next`),
  completeEntry: (id: string, outcome: 'completed' | 'no_show') =>
    request<QueueEntry>('POST', `${V1}/queue-entries/${enc(id)}/complete`, { outcome }),
  myDuty: () =>
    request<{ duty: { service: QueueService; since: number; waiting: number }[]; current: QueueEntry | null }>(
      'GET',
      `${V1}/me/queue-duty`,
    ),
  schedule: (doctor: string, day: string) =>
    request<DaySchedule>('GET', `${V1}/doctors/${enc(doctor)}/schedule?day=${enc(day)}`),
  setStatus: (appointment: string, status: AppointmentStatus) =>
    request<Appointment>('POST', `${V1}/appointments/${enc(appointment)}/status`, { status }),
  cancel: (appointment: string, reason: string) =>
    request<Appointment>('POST', `${V1}/appointments/${enc(appointment)}/cancel`, { reason }),

  // Organisation admins
  /** With `includeRetired` (the organisation's admins only), retired services come after the active. */
  services: (org: string, includeRetired = false) =>
    request<{ items: Service[] }>('GET', `${V1}/organisations/${enc(org)}/services${includeRetired ? '?include_retired=true' : ''}`).then(
      (r) => r.items,
    ),
  createService: (org: string, body: ServiceInput) =>
    request<Service>('POST', `${V1}/organisations/${enc(org)}/services`, body),
  /** A new slot length or a retirement withdraws slots: `slots` says what happened to them. */
  updateService: (id: string, body: ServiceInput) =>
    request<Service & { slots: SlotChange }>('PATCH', `${V1}/services/${enc(id)}`, body),
  availability: (doctor: string) => request<Availability>('GET', `${V1}/doctors/${enc(doctor)}/availability`),
  addTemplate: (
    doctor: string,
    body: { service_id: string; weekday: number; start_minute: number; end_minute: number; valid_from?: string; valid_until?: string },
  ) => request<Availability & { slots: SlotChange }>('POST', `${V1}/doctors/${enc(doctor)}/templates`, body),
  removeTemplate: (id: string) => request<Availability & { slots: SlotChange }>('DELETE', `${V1}/templates/${enc(id)}`),
  addLeave: (doctor: string, body: { starts_at: number; ends_at: number; reason?: string }) =>
    request<Availability & { slots: SlotChange }>('POST', `${V1}/doctors/${enc(doctor)}/exceptions`, body),
  removeLeave: (id: string) => request<Availability & { slots: SlotChange }>('DELETE', `${V1}/exceptions/${enc(id)}`),
  addSession: (doctor: string, body: { service_id: string; starts_at: number; ends_at: number }) =>
    request<Availability & { slots: SlotChange }>('POST', `${V1}/doctors/${enc(doctor)}/sessions`, body),
  removeSession: (id: string) => request<Availability & { slots: SlotChange }>('DELETE', `${V1}/sessions/${enc(id)}`),
  holidays: (org: string) =>
    request<{ items: Holiday[] }>('GET', `${V1}/organisations/${enc(org)}/holidays`).then((r) => r.items),
  putHoliday: (org: string, day: string, name: Names) =>
    request<{ day: string; slots: SlotChange }>('PUT', `${V1}/organisations/${enc(org)}/holidays/${enc(day)}`, { name }),
  removeHoliday: (org: string, day: string) =>
    request<{ day: string; slots: SlotChange }>('DELETE', `${V1}/organisations/${enc(org)}/holidays/${enc(day)}`),
};
