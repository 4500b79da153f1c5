// Typed calls of the consultation routes (docs/api.md, "Consultations").
import { ApiError, problemFrom, request, type Names } from '../base/api';
import { lang, t } from '../base/i18n';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export type Seat = 'patient' | 'proxy' | 'doctor' | 'invitee';
export type RoomStatus = 'open' | 'live' | 'ended';
export type ParticipantState = 'absent' | 'invited' | 'waiting' | 'admitted' | 'left' | 'removed';

export interface Person {
  id: string;
  name: Names;
}

export interface Participant {
  account_id: string;
  seat: Seat;
  state: ParticipantState;
  name: Names;
}

export interface Room {
  id: string;
  status: RoomStatus;
  media: 'video' | 'voice';
  psych: boolean;
  appointment_id: string | null;
  queue_entry_id: string | null;
  opens_at: number;
  closes_at: number;
  started_at: number | null;
  ended_at: number | null;
  follow_up_until: number | null;
  follow_up_appointment_id: string | null;
  patient: Person;
  doctor: Person;
  service: Names;
  organisation: Names;
  me: { account_id: string; seat: Seat; state: ParticipantState | '' };
  participants: Participant[];
  topology: 'mesh';
  max_participants: number;
}

export interface JoinAnswer {
  token: string;
  token_expires_at: number;
  ice_servers: RTCIceServer[];
  ice_transport_policy: RTCIceTransportPolicy;
  room: Room;
}

export interface ChatMessage {
  id: string;
  sender: Person;
  body: string;
  attachment: { name: string; content_type: string; size: number } | null;
  created_at: number;
  client_key: string;
}

export interface Receipt {
  account_id: string;
  delivered_up_to: string;
  read_up_to: string;
}

export interface Diagnosis {
  code: string;
  system: string;
  name?: Names;
}

export interface NoteText {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  diagnoses: Diagnosis[];
}

export interface NoteVersion {
  version: number;
  reason: string;
  signed_by: string;
  signed_at: number;
  text: NoteText;
}

export interface DoctorNote {
  id: string;
  status: 'draft' | 'signed' | 'amended';
  version: number;
  text: NoteText;
  versions: NoteVersion[];
  updated_at: number;
}

export interface PatientNote {
  version: number;
  signed_at: number;
  text: NoteText;
}

export interface NoteInput {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  diagnoses: string[];
}

export interface Summary {
  room: Room;
  note: PatientNote | null;
  follow_up_appointment: { id: string; starts_at: number; ends_at: number } | null;
  rating: { stars: number; comment: string } | null;
  can_message: boolean;
}

/** A free time of the consultation's doctor, for booking the follow-up (docs/api.md: "Find a doctor", slots). */
export interface FreeSlot {
  id: string;
  starts_at: number;
  ends_at: number;
}

export const consultApi = {
  openForAppointment: (id: string) => request<Room>('POST', `${V1}/appointments/${enc(id)}/consultation`),
  openForQueueEntry: (id: string) => request<Room>('POST', `${V1}/queue-entries/${enc(id)}/consultation`),
  mine: () => request<{ items: Room[] }>('GET', `${V1}/consultations`).then((r) => r.items),
  room: (id: string) => request<Room>('GET', `${V1}/consultations/${enc(id)}`),
  join: (id: string) => request<JoinAnswer>('POST', `${V1}/consultations/${enc(id)}/join`),
  leave: (id: string) => request<Room>('POST', `${V1}/consultations/${enc(id)}/leave`),
  admit: (id: string, account: string) =>
    request<Room>('POST', `${V1}/consultations/${enc(id)}/participants/${enc(account)}/admit`),
  remove: (id: string, account: string) =>
    request<Room>('DELETE', `${V1}/consultations/${enc(id)}/participants/${enc(account)}`),
  invite: (id: string, email: string) => request<Room>('POST', `${V1}/consultations/${enc(id)}/invitations`, { email }),
  end: (id: string, followUpDays: number) =>
    request<Room>('POST', `${V1}/consultations/${enc(id)}/end`, { follow_up_days: followUpDays }),
  doctorFreeSlots: (doctor: string, days: number) =>
    request<{ items: FreeSlot[] }>('GET', `${V1}/doctors/${enc(doctor)}/slots?days=${days}`).then((r) => r.items),
  bookFollowUp: (id: string, slotId: string) =>
    request<{ appointment: { id: string; starts_at: number } }>('POST', `${V1}/consultations/${enc(id)}/follow-up`, {
      slot_id: slotId,
    }),
  rate: (id: string, stars: number, comment: string) =>
    request<{ stars: number }>('PUT', `${V1}/consultations/${enc(id)}/rating`, { stars, comment }),
  messages: (id: string, after = '') =>
    request<{ items: ChatMessage[]; receipts: Receipt[]; can_write: boolean }>(
      'GET',
      `${V1}/consultations/${enc(id)}/messages?limit=200${after ? `&after=${enc(after)}` : ''}`,
    ),
  send: (id: string, body: string, clientKey: string) =>
    request<ChatMessage>('POST', `${V1}/consultations/${enc(id)}/messages`, { body, client_key: clientKey }),
  receipts: (id: string, upTo: { delivered_up_to?: string; read_up_to?: string }) =>
    request<Receipt>('POST', `${V1}/consultations/${enc(id)}/receipts`, upTo),
  note: (id: string) => request<{ note: DoctorNote | PatientNote | null }>('GET', `${V1}/consultations/${enc(id)}/note`),
  saveNote: (id: string, n: NoteInput) => request<{ note: DoctorNote }>('PUT', `${V1}/consultations/${enc(id)}/note`, n),
  signNote: (id: string) => request<{ note: DoctorNote }>('POST', `${V1}/consultations/${enc(id)}/note/sign`),
  amendNote: (id: string, n: NoteInput & { reason: string }) =>
    request<{ note: DoctorNote }>('POST', `${V1}/consultations/${enc(id)}/note/amendments`, n),
  summary: (id: string) => request<Summary>('GET', `${V1}/consultations/${enc(id)}/summary`),
  diagnoses: (q: string) =>
    request<{ items: Diagnosis[] }>('GET', `${V1}/diagnosis-codes?q=${enc(q)}`).then((r) => r.items),
  attachmentUrl: (id: string, messageId: string) =>
    `${V1}/consultations/${enc(id)}/messages/${enc(messageId)}/attachment`,

  /** Uploads a file as a chat message (the body is the file itself). */
  async attach(id: string, file: File, clientKey: string): Promise<ChatMessage> {
    const type = ['image/jpeg', 'image/png', 'application/pdf'].includes(file.type) ? file.type : 'application/octet-stream';
    let res: Response;
    try {
      res = await fetch(
        `${V1}/consultations/${enc(id)}/attachments?name=${enc(file.name)}&client_key=${enc(clientKey)}`,
        {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': type, 'X-Requested-With': 'yiqiao', 'Accept-Language': lang(), Accept: 'application/json' },
          body: file,
        },
      );
    } catch {
      throw new ApiError({ status: 0, code: 'network', detail: t('error.network') });
    }
    if (!res.ok) throw await problemFrom(res);
    return (await res.json()) as ChatMessage;
  },
};
