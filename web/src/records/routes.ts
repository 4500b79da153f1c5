// Addresses of the shared health record: mine, a dependant's or a patient's (a clinician reading as an
// organisation), the sharing choices and the access log (patient side), and an organisation admin's
// review of emergency accesses.
import type { Route } from '../base/router';
import { accessLogPage } from './access_log_page';
import { orgEmergencyPage } from './org_emergency_page';
import { recordPage } from './record_page';
import { sharingPage } from './sharing_page';

export const recordsRoutes: readonly Route[] = [
  { path: '/record', access: 'signed_in', roles: ['patient'], page: recordPage, nav: { label: 'records.nav', testid: 'nav-record' } },
  { path: '/record/sharing', access: 'signed_in', roles: ['patient'], page: sharingPage },
  { path: '/record/access-log', access: 'signed_in', roles: ['patient'], page: accessLogPage },
  { path: '/patients/:id/record', access: 'signed_in', roles: ['patient', 'doctor', 'nurse'], page: recordPage },
  { path: '/patients/:id/record/sharing', access: 'signed_in', roles: ['patient'], page: sharingPage },
  { path: '/patients/:id/record/access-log', access: 'signed_in', roles: ['patient'], page: accessLogPage },
  { path: '/org/emergency-accesses', access: 'signed_in', roles: ['org_admin'], page: orgEmergencyPage },
];
