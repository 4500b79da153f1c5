// Addresses of consultations: the list, a room, a visit summary (notices link to the last two).
import type { Route } from '../base/router';
import { consultationsPage } from './consultations';
import { consultRoomPage } from './room';
import { consultSummaryPage } from './summary';

export const consultRoutes: readonly Route[] = [
  { path: '/consultations', access: 'signed_in', page: consultationsPage, nav: { label: 'consult.nav', testid: 'nav-consultations' } },
  { path: '/consult/:id', access: 'signed_in', page: consultRoomPage },
  { path: '/consult/:id/summary', access: 'signed_in', page: consultSummaryPage },
];
