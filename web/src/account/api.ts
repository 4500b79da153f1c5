// Typed calls of signing in and the signed-in account (docs/api.md: "Authentication", "The signed-in
// account", "Staff invitations" as the invitee).
import { request, type Names, type UiLang } from '../base/api';
import type { Account } from '../base/session';

const enc = encodeURIComponent;
const V1 = '/api/v1';

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

export const accountApi = {
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
};
