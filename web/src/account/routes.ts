// Addresses of signing in and of one's own account: sign-in, registration, passwords, e-mail links,
// the authenticator, the profile.
import type { Route } from '../base/router';
import { enrolTotpPage } from './enrol_totp';
import { forgotPasswordPage } from './forgot_password';
import { invitationPage } from './invitation';
import { profilePage } from './profile';
import { registerPage } from './register';
import { resetPasswordPage } from './reset_password';
import { signInPage } from './signin';
import { verifyEmailPage } from './verify_email';

/** The ways in: signed out, through an e-mailed link, or still to enrol an authenticator. */
export const signInRoutes: readonly Route[] = [
  { path: '/signin', access: 'guest', page: signInPage },
  { path: '/register', access: 'guest', page: registerPage },
  { path: '/forgot-password', access: 'guest', page: forgotPasswordPage },
  { path: '/reset-password', access: 'public', page: resetPasswordPage },
  { path: '/verify-email', access: 'public', page: verifyEmailPage },
  { path: '/invitation', access: 'public', page: invitationPage },
  { path: '/enrol-totp', access: 'account', page: enrolTotpPage },
];

export const profileRoutes: readonly Route[] = [
  { path: '/profile', access: 'signed_in', page: profilePage, nav: { label: 'nav.profile', testid: 'nav-profile' } },
];
