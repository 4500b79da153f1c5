// Every address of the app, who may open it, and the page that shows it.
import { adminAuditPage } from './pages/admin_audit';
import { adminOrganisationsPage } from './pages/admin_organisations';
import { adminOutboxPage } from './pages/admin_outbox';
import { doctorEditPage } from './pages/doctor_edit';
import { enrolTotpPage } from './pages/enrol_totp';
import { forgotPasswordPage } from './pages/forgot_password';
import { homePage } from './pages/home';
import { invitationPage } from './pages/invitation';
import { orgStaffPage } from './pages/org_staff';
import { organisationFormPage } from './pages/organisation_form';
import { profilePage } from './pages/profile';
import { registerPage } from './pages/register';
import { resetPasswordPage } from './pages/reset_password';
import { signInPage } from './pages/signin';
import { verifyEmailPage } from './pages/verify_email';
import type { Route } from './router';
import { bookingRoutes } from './routes_booking';
import { consultRoutes } from './routes_consult';
import { queueRoutes } from './routes_queue';

export { forbiddenPage, notFoundPage } from './pages/status_pages';

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
