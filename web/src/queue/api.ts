// Typed calls of the "see a doctor now" queue as patients use it (docs/api.md: "See a doctor now"
// queues, "Dependants and carers").
import { request, type ConsultationType, type Names } from '../base/api';

const enc = encodeURIComponent;
const V1 = '/api/v1';

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

export const queueApi = {
  queues: () => request<{ items: QueueInfo[]; triage: TriageChecklist }>('GET', `${V1}/queues`),
  join: (service: string, body: { patient_id?: string; symptoms: string[]; details?: string }) =>
    request<QueueEntry>('POST', `${V1}/queues/${enc(service)}/entries`, body),
  myEntries: () => request<{ items: QueueEntry[] }>('GET', `${V1}/queue-entries`).then((r) => r.items),
  entry: (id: string) => request<QueueEntry>('GET', `${V1}/queue-entries/${enc(id)}`),
  leave: (id: string) => request<QueueEntry>('POST', `${V1}/queue-entries/${enc(id)}/leave`),
  dependants: () => request<{ dependants: Dependant[] }>('GET', `${V1}/dependants`).then((r) => r.dependants),
};
