// Addresses of the "see a doctor now" queue, the doctor's day and queue, and the organisation
// admin's services and availability.
import { doctorDayPage } from '../doctor/day';
import { orgAvailabilityPage } from '../organisation/availability';
import { orgHolidaysPage } from '../organisation/holidays';
import { orgHomePage } from '../organisation/home';
import { orgServicesPage } from '../organisation/services';
import { queueNowPage } from './now';
import { queueWaitPage } from './wait';
import type { Route } from '../base/router';

const orgAdmins = ['org_admin', 'platform_admin'];

export const queueRoutes: readonly Route[] = [
  { path: '/now', access: 'signed_in', roles: ['patient'], page: queueNowPage, nav: { label: 'queue.nav', testid: 'nav-now' } },
  // The in-app notices of the queue link to /queue (dropped) and /queue/{entry} (taken).
  { path: '/queue', access: 'signed_in', roles: ['patient'], page: queueNowPage },
  { path: '/queue/:id', access: 'signed_in', roles: ['patient'], page: queueWaitPage },
  { path: '/doctor/day', access: 'signed_in', roles: ['doctor'], page: doctorDayPage, nav: { label: 'doctorday.nav', testid: 'nav-doctor-day' } },
  { path: '/org', access: 'signed_in', roles: ['org_admin'], page: orgHomePage, nav: { label: 'orgnav.nav', testid: 'nav-org' } },
  { path: '/org/:org/services', access: 'signed_in', roles: orgAdmins, page: orgServicesPage },
  { path: '/org/:org/availability', access: 'signed_in', roles: orgAdmins, page: orgAvailabilityPage },
  { path: '/org/:org/holidays', access: 'signed_in', roles: orgAdmins, page: orgHolidaysPage },
];
