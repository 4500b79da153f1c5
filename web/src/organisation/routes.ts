// Addresses of an organisation's admin pages: the way in, staff, services, doctors' availability, holidays.
import type { Route } from '../base/router';
import { orgAvailabilityPage } from './availability';
import { orgHolidaysPage } from './holidays';
import { orgHomePage } from './home';
import { orgServicesPage } from './services';
import { orgStaffPage } from './staff';

const orgAdmins = ['org_admin', 'platform_admin'];

export const organisationRoutes: readonly Route[] = [
  { path: '/org', access: 'signed_in', roles: ['org_admin'], page: orgHomePage, nav: { label: 'orgnav.nav', testid: 'nav-org' } },
  { path: '/org/:org/services', access: 'signed_in', roles: orgAdmins, page: orgServicesPage },
  { path: '/org/:org/availability', access: 'signed_in', roles: orgAdmins, page: orgAvailabilityPage },
  { path: '/org/:org/holidays', access: 'signed_in', roles: orgAdmins, page: orgHolidaysPage },
  { path: '/org/:org/staff', access: 'signed_in', roles: orgAdmins, page: orgStaffPage },
];
