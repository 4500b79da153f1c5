// Typed calls of an organisation's admin pages (docs/api.md: "Organisations", "Staff of an organisation",
// "Services, schedules and slots", "Holidays").
import { request, type ConsultationType, type Names, type UiLang } from '../base/api';
import type { HoursWindow } from '../queue';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export interface Organisation {
  id: string;
  kind: string;
  name: Names;
  region: string;
  address: string;
  phone: string;
  email: string;
  active: boolean;
}

export interface Staff {
  account_id: string;
  email: string;
  display_name: string;
  roles: string[];
  status: 'active' | 'disabled';
  totp_enabled: boolean;
}

/** A staff invitation as the organisation's admin sees it (never its link). */
export interface Invitation {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  preferred_lang: UiLang;
  created_at: number;
  sent_at: number;
  expires_at: number;
  status: 'pending' | 'expired';
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

export const organisationApi = {
  // Organisations
  organisation: (org: string) => request<Organisation>('GET', `${V1}/organisations/${enc(org)}`),
  /** Every organisation, active or not (platform admins only). */
  allOrganisations: () =>
    request<{ items: Organisation[] }>('GET', `${V1}/admin/organisations`).then((r) => r.items),

  // Staff
  staff: (org: string) =>
    request<{ items: Staff[] }>('GET', `${V1}/organisations/${enc(org)}/staff`).then((r) => r.items),
  addStaff: (org: string, body: { email: string; display_name: string; roles: string[]; preferred_lang?: UiLang }) =>
    request<Invitation>('POST', `${V1}/organisations/${enc(org)}/staff`, body),
  invitations: (org: string) =>
    request<{ items: Invitation[] }>('GET', `${V1}/organisations/${enc(org)}/invitations`).then((r) => r.items),
  withdrawInvitation: (org: string, id: string) =>
    request<void>('DELETE', `${V1}/organisations/${enc(org)}/invitations/${enc(id)}`),
  resendInvitation: (org: string, id: string) =>
    request<Invitation>('POST', `${V1}/organisations/${enc(org)}/invitations/${enc(id)}/resend`),
  changeStaff: (
    org: string,
    account: string,
    body: { display_name?: string; roles?: string[]; status?: 'active' | 'disabled' },
  ) => request<Staff>('PATCH', `${V1}/organisations/${enc(org)}/staff/${enc(account)}`, body),

  // Services and schedules
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
