// The signed-in account as the server last described it (null when signed out), and its shape (GET /me).
import type { Names, UiLang } from './api';

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

let account: Account | null = null;
const listeners = new Set<(account: Account | null) => void>();

export function currentAccount(): Account | null {
  return account;
}

export function setAccount(next: Account | null): void {
  account = next;
  for (const fn of listeners) fn(next);
}

/** Called on every setAccount (sign-in, sign-out, a changed profile): e.g. the live connection follows it. */
export function onAccountChange(fn: (account: Account | null) => void): void {
  listeners.add(fn);
}

/** Roles of the account named `role` (one per organisation). */
export function rolesNamed(role: string): AccountRole[] {
  return account?.roles.filter((r) => r.role === role) ?? [];
}

export function hasRole(...roles: string[]): boolean {
  return account?.roles.some((r) => roles.includes(r.role)) ?? false;
}

export function isPlatformAdmin(): boolean {
  return hasRole('platform_admin');
}

/** True when the session is complete: signed in and past every required factor. */
export function fullySignedIn(): boolean {
  return account !== null && !account.mfa_enrolment_required && account.session.mfa_done !== false;
}
