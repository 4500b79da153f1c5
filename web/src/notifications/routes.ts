// The address of in-app notifications, with the live unread count on its navigation link.
import type { Route } from '../base/router';
import { notificationsPage } from './notifications';
import { unreadBadge } from './unread';

export const notificationsRoutes: readonly Route[] = [
  {
    path: '/notifications',
    access: 'signed_in',
    page: notificationsPage,
    nav: { label: 'notif.nav', testid: 'nav-notifications', badge: unreadBadge },
  },
];
