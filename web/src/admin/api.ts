// Typed calls of the platform admin's pages (docs/api.md: "Organisations", "Platform operations").
import { request, type Names } from '../base/api';
import type { Organisation } from '../organisation';

const enc = encodeURIComponent;
const V1 = '/api/v1';

export interface OrganisationInput {
  kind?: string;
  name?: Names;
  region?: string;
  address?: string;
  phone?: string;
  email?: string;
  active?: boolean;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  /** A secret link in the body was replaced; the server's `yiqiao outbox show ID` has it. */
  redacted: boolean;
  created_at: number;
  sent_at: number | null;
}

export interface AuditEvent {
  seq: number;
  at: number;
  actor_id: string;
  actor_role: string;
  on_behalf_of: string;
  action: string;
  patient_id: string;
  target_type: string;
  target_id: string;
  ip: string;
  outcome: string;
  detail: string;
}

export const adminApi = {
  // Organisations
  adminOrganisations: () =>
    request<{ items: Organisation[] }>('GET', `${V1}/admin/organisations`).then((r) => r.items),
  createOrganisation: (body: OrganisationInput) => request<Organisation>('POST', `${V1}/admin/organisations`, body),
  updateOrganisation: (org: string, body: OrganisationInput) =>
    request<Organisation>('PATCH', `${V1}/admin/organisations/${enc(org)}`, body),

  // Platform operations
  outbox: () => request<{ items: OutboxMessage[] }>('GET', `${V1}/admin/outbox`).then((r) => r.items),
  audit: (before?: number) =>
    request<{ items: AuditEvent[] }>('GET', `${V1}/admin/audit${before ? `?before=${before}` : ''}`).then(
      (r) => r.items,
    ),
};
