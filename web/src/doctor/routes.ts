// Addresses of a doctor's own pages: the day (appointments and queues) and the public profile's editor.
import type { Route } from '../base/router';
import { doctorDayPage } from './day';
import { doctorEditPage } from './profile_edit';

export const doctorRoutes: readonly Route[] = [
  { path: '/doctor/day', access: 'signed_in', roles: ['doctor'], page: doctorDayPage, nav: { label: 'doctorday.nav', testid: 'nav-doctor-day' } },
  // Organisation and platform admins edit a doctor's profile too (from the staff list).
  { path: '/doctors/:id/edit', access: 'signed_in', roles: ['doctor', 'org_admin', 'platform_admin'], page: doctorEditPage },
];
