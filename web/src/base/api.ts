// Typed client of the JSON API (docs/api.md). Every request is same-origin with the session cookie,
// carries `X-Requested-With: yiqiao` (the server's CSRF check) and the UI language as Accept-Language,
// and sends JSON. Failures become ApiError with the server's localised problem+json fields.
import { lang, t } from './i18n';

export type UiLang = 'en' | 'zh-Hant' | 'zh-Hans';

export interface Names {
  en: string;
  'zh-Hant': string;
  'zh-Hans': string;
}

export interface AccountRole {
  role: string;
  organisation_id: string | null;
  organisation_name: Names | null;
  /** Not in docs/api.md; the server sends it. Optional so the app works without it. */
  organisation_kind?: string | null;
}

export interface Account {
  id: string;
  email: string;
  display_name: string;
  phone: string;
  preferred_lang: UiLang;
  totp_enabled: boolean;
  /** Proved by a link e-mailed to the address (registration, an invitation or a password reset). */
  email_verified?: boolean;
  mfa_enrolment_required: boolean;
  roles: AccountRole[];
  session: { mfa_done: boolean; expires_at: number };
}

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

export interface OrganisationInput {
  kind?: string;
  name?: Names;
  region?: string;
  address?: string;
  phone?: string;
  email?: string;
  active?: boolean;
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

/** What an invitation link offers. */
export interface InvitationPreview {
  organisation: { id: string; name: Names | null };
  email: string;
  display_name: string;
  roles: string[];
}

/** A pending invitation to the signed-in account's verified address. */
export interface MyInvitation {
  id: string;
  organisation: { id: string; name: Names | null };
  roles: string[];
  expires_at: number;
}

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

export interface Meta {
  specialties: string[];
  languages: string[];
  regions: string[];
  organisation_kinds: string[];
  staff_roles: string[];
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

export interface FieldError {
  field: string;
  message: string;
  message_key?: string;
}

/** A failed call: the server's problem+json, or a network failure (status 0, code "network"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    errors?: FieldError[];
    retryAfter?: number | null;
    requestId?: string | null;
  }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

type Hook = (error: ApiError, path: string) => void;
let onAuthProblem: Hook = () => {};

/** The app shell learns here when a session ended (401) or a staff member must enrol TOTP first. */
export function setAuthProblemHandler(hook: Hook): void {
  onAuthProblem = hook;
}

/** The ApiError a failed answer carries (for calls that cannot go through request(), e.g. file uploads). */
export async function problemFrom(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id');
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Record<string, unknown>;
      const errors = Array.isArray(p.errors) ? (p.errors as FieldError[]) : [];
      const retryHeader = Number(res.headers.get('Retry-After'));
      const retryAfter =
        typeof p.retry_after === 'number' ? p.retry_after : Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
      return new ApiError({
        status: res.status,
        code: typeof p.code === 'string' ? p.code : `http_${res.status}`,
        detail:
          typeof p.detail === 'string' && p.detail
            ? p.detail
            : typeof p.title === 'string' && p.title
              ? p.title
              : t('error.unexpected'),
        errors,
        retryAfter,
        requestId,
      });
    } catch {
      // fall through: a body that is not the promised JSON
    }
  }
  return new ApiError({ status: res.status, code: `http_${res.status}`, detail: t('error.unexpected'), requestId });
}

/**
 * One JSON API call (exported for the area modules that add their own typed calls); `extraHeaders`
 * adds e.g. an `Idempotency-Key`.
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: 'application/json',
    'Accept-Language': lang(),
    'X-Requested-With': 'yiqiao',
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (method !== 'GET') {
    // Unsafe methods always send a JSON body, even an empty one.
    headers['Content-Type'] = 'application/json';
    init.body = '{}';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError({ status: 0, code: 'network', detail: t('error.network') });
  }
  if (!res.ok) {
    const error = await problemFrom(res);
    onAuthProblem(error, path);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

const enc = encodeURIComponent;
const V1 = '/api/v1';

export const api = {
  // Authentication
  register: (body: {
    email: string;
    password: string;
    display_name: string;
    preferred_lang?: UiLang;
    phone?: string;
    invitation_token?: string;
  }) =>
    request<{ account: Account }>('POST', `${V1}/auth/register`, body).then((r) => r.account),
  login: (body: { email: string; password: string; totp_code?: string }) =>
    request<{ account: Account }>('POST', `${V1}/auth/login`, body).then((r) => r.account),
  logout: () => request<void>('POST', `${V1}/auth/logout`),
  logoutEverywhere: () => request<void>('POST', `${V1}/auth/logout-everywhere`),
  requestPasswordReset: (email: string) => request<unknown>('POST', `${V1}/auth/password-reset`, { email }),
  confirmPasswordReset: (token: string, password: string) =>
    request<void>('POST', `${V1}/auth/password-reset/confirm`, { token, password }),
  verifyEmail: (token: string) => request<void>('POST', `${V1}/auth/verify-email`, { token }),
  resendVerification: () => request<unknown>('POST', `${V1}/me/email-verification`),

  // Staff invitations, as the invitee
  invitationPreview: (token: string) => request<InvitationPreview>('POST', `${V1}/invitations/preview`, { token }),
  acceptInvitation: (token: string) => request<unknown>('POST', `${V1}/invitations/accept`, { token }),
  myInvitations: () => request<{ items: MyInvitation[] }>('GET', `${V1}/me/invitations`).then((r) => r.items),
  acceptMyInvitation: (id: string) => request<unknown>('POST', `${V1}/me/invitations/${enc(id)}/accept`),

  // The signed-in account
  me: () => request<{ account: Account }>('GET', `${V1}/me`).then((r) => r.account),
  updateMe: (body: { display_name?: string; phone?: string; preferred_lang?: UiLang }) =>
    request<{ account: Account }>('PATCH', `${V1}/me`, body).then((r) => r.account),
  changePassword: (current_password: string, new_password: string) =>
    request<void>('POST', `${V1}/me/password`, { current_password, new_password }),
  totpEnrol: () => request<{ secret: string; otpauth_uri: string }>('POST', `${V1}/me/totp/enrol`),
  totpConfirm: (code: string) => request<void>('POST', `${V1}/me/totp/confirm`, { code }),
  totpDisable: (password: string) => request<void>('POST', `${V1}/me/totp/disable`, { password }),

  // Organisations
  meta: () => request<Meta>('GET', `${V1}/meta`),
  organisation: (org: string) => request<Organisation>('GET', `${V1}/organisations/${enc(org)}`),
  adminOrganisations: () =>
    request<{ items: Organisation[] }>('GET', `${V1}/admin/organisations`).then((r) => r.items),
  createOrganisation: (body: OrganisationInput) => request<Organisation>('POST', `${V1}/admin/organisations`, body),
  updateOrganisation: (org: string, body: OrganisationInput) =>
    request<Organisation>('PATCH', `${V1}/admin/organisations/${enc(org)}`, body),

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

  // Doctors
  doctor: (id: string) => request<Doctor>('GET', `${V1}/doctors/${enc(id)}`),
  putDoctorProfile: (id: string, body: DoctorProfileInput) =>
    request<Doctor>('PUT', `${V1}/doctors/${enc(id)}/profile`, body),

  // Platform operations
  outbox: () => request<{ items: OutboxMessage[] }>('GET', `${V1}/admin/outbox`).then((r) => r.items),
  audit: (before?: number) =>
    request<{ items: AuditEvent[] }>('GET', `${V1}/admin/audit${before ? `?before=${before}` : ''}`).then(
      (r) => r.items,
    ),
};
