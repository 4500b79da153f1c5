// Addresses of the "see a doctor now" queue, the doctor's day and queue, and the organisation
// admin's services and availability.
import { doctorDayPage } from './pages/doctor_day';
import { orgAvailabilityPage } from './pages/org_availability';
import { orgHolidaysPage } from './pages/org_holidays';
import { orgHomePage } from './pages/org_home';
import { orgServicesPage } from './pages/org_services';
import { queueNowPage } from './pages/queue_now';
import { queueWaitPage } from './pages/queue_wait';
import type { Route } from './router';

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
