// Addresses of the "see a doctor now" queue: choosing a queue, and one's place in it.
import type { Route } from '../base/router';
import { queueNowPage } from './now';
import { queueWaitPage } from './wait';

const patient = ['patient'];

export const queueRoutes: readonly Route[] = [
  { path: '/now', access: 'signed_in', roles: patient, page: queueNowPage, nav: { label: 'queue.nav', testid: 'nav-now' } },
  // The in-app notices of the queue link to /queue (dropped) and /queue/{entry} (taken).
  { path: '/queue', access: 'signed_in', roles: patient, page: queueNowPage },
  { path: '/queue/:id', access: 'signed_in', roles: patient, page: queueWaitPage },
];
