// Typed calls of the doctor's pages (docs/api.md: "Appointments" as the doctor's day, "See a doctor now"
// queues as the doctor on duty, "Doctors").
import { request, type Names } from '../base/api';
import type { Appointment, AppointmentStatus, Doctor } from '../booking';
import type { QueueEntry, QueueService } from '../queue';

const enc = encodeURIComponent;
const V1 = '/api/v1';

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

export interface DaySchedule {
  doctor_id: string;
  day: string;
  appointments: Appointment[];
  open_slots: number;
}

export interface DoctorProfileInput {
  title: string;
  name_zh: string;
  registration_no: string;
  qualifications: string;
  bio: Names;
  specialties: string[];
  languages: string[];
  fee_cents: number;
}

export const doctorApi = {
  // The doctor on duty
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

  // The doctor's profile
  doctor: (id: string) => request<Doctor>('GET', `${V1}/doctors/${enc(id)}`),
  putDoctorProfile: (id: string, body: DoctorProfileInput) =>
    request<Doctor>('PUT', `${V1}/doctors/${enc(id)}/profile`, body),
};
