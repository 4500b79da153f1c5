// Every address of the app, who may open it, and the page that shows it.
import { adminAuditPage } from '../admin/audit';
import { adminOrganisationsPage } from '../admin/organisations';
import { adminOutboxPage } from '../admin/outbox';
import { doctorEditPage } from '../doctor/profile_edit';
import { enrolTotpPage } from '../account/enrol_totp';
import { forgotPasswordPage } from '../account/forgot_password';
import { homePage } from './home';
import { invitationPage } from '../account/invitation';
import { orgStaffPage } from '../organisation/staff';
import { organisationFormPage } from '../admin/organisation_form';
import { profilePage } from '../account/profile';
import { registerPage } from '../account/register';
import { resetPasswordPage } from '../account/reset_password';
import { signInPage } from '../account/signin';
import { verifyEmailPage } from '../account/verify_email';
import type { Route } from '../base/router';
import { bookingRoutes } from '../booking/routes';
import { consultRoutes } from '../consult/routes';
import { queueRoutes } from '../queue/routes';

export { forbiddenPage, notFoundPage } from './status_pages';

export const routes: readonly Route[] = [
  { path: '/signin', access: 'guest', page: signInPage },
  { path: '/register', access: 'guest', page: registerPage },
  { path: '/forgot-password', access: 'guest', page: forgotPasswordPage },
  { path: '/reset-password', access: 'public', page: resetPasswordPage },
  { path: '/verify-email', access: 'public', page: verifyEmailPage },
  { path: '/invitation', access: 'public', page: invitationPage },
  { path: '/enrol-totp', access: 'account', page: enrolTotpPage },
  { path: '/home', access: 'signed_in', page: homePage, nav: { label: 'nav.home', testid: 'nav-home' } },
  ...bookingRoutes,
  ...queueRoutes,
  ...consultRoutes,
  { path: '/profile', access: 'signed_in', page: profilePage, nav: { label: 'nav.profile', testid: 'nav-profile' } },
  { path: '/admin/organisations', access: 'signed_in', roles: ['platform_admin'], page: adminOrganisationsPage },
  { path: '/admin/organisations/new', access: 'signed_in', roles: ['platform_admin'], page: organisationFormPage },
  { path: '/admin/organisations/:org/edit', access: 'signed_in', roles: ['platform_admin'], page: organisationFormPage },
  { path: '/admin/outbox', access: 'signed_in', roles: ['platform_admin'], page: adminOutboxPage },
  { path: '/admin/audit', access: 'signed_in', roles: ['platform_admin'], page: adminAuditPage },
  { path: '/org/:org/staff', access: 'signed_in', roles: ['org_admin', 'platform_admin'], page: orgStaffPage },
  { path: '/doctors/:id/edit', access: 'signed_in', roles: ['doctor', 'org_admin', 'platform_admin'], page: doctorEditPage },
];
