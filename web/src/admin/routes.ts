// Addresses of the platform admin: organisations, the outbox, the audit trail.
import type { Route } from '../base/router';
import { adminAuditPage } from './audit';
import { organisationFormPage } from './organisation_form';
import { adminOrganisationsPage } from './organisations';
import { adminOutboxPage } from './outbox';

const platformAdmin = ['platform_admin'];

export const adminRoutes: readonly Route[] = [
  { path: '/admin/organisations', access: 'signed_in', roles: platformAdmin, page: adminOrganisationsPage },
  { path: '/admin/organisations/new', access: 'signed_in', roles: platformAdmin, page: organisationFormPage },
  { path: '/admin/organisations/:org/edit', access: 'signed_in', roles: platformAdmin, page: organisationFormPage },
  { path: '/admin/outbox', access: 'signed_in', roles: platformAdmin, page: adminOutboxPage },
  { path: '/admin/audit', access: 'signed_in', roles: platformAdmin, page: adminAuditPage },
];
