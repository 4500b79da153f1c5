// Every address of the app, who may open it, and the page that shows it: each area's routes, in the
// order of the main navigation (links are shown in this order, to those the route admits).
import { profileRoutes, signInRoutes } from '../account';
import { adminRoutes } from '../admin';
import type { Route } from '../base/router';
import { bookingRoutes } from '../booking';
import { consultRoutes } from '../consult';
import { doctorRoutes } from '../doctor';
import { familyRoutes } from '../family';
import { notificationsRoutes } from '../notifications';
import { organisationRoutes } from '../organisation';
import { queueRoutes } from '../queue';
import { recordsRoutes } from '../records';
import { homePage } from './home';

export { forbiddenPage, notFoundPage } from './status_pages';

export const routes: readonly Route[] = [
  ...signInRoutes,
  { path: '/home', access: 'signed_in', page: homePage, nav: { label: 'nav.home', testid: 'nav-home' } },
  // Right after home, so the unread count stays in view where the navigation scrolls (phones).
  ...notificationsRoutes,
  ...bookingRoutes,
  ...familyRoutes,
  ...recordsRoutes,
  ...queueRoutes,
  ...doctorRoutes,
  ...organisationRoutes,
  ...consultRoutes,
  ...profileRoutes,
  ...adminRoutes,
];
