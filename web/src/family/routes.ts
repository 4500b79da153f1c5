// The address of family members: the people I manage and who manages me.
import type { Route } from '../base/router';
import { familyPage } from './family';

export const familyRoutes: readonly Route[] = [
  { path: '/family', access: 'signed_in', roles: ['patient'], page: familyPage, nav: { label: 'family.nav', testid: 'nav-family' } },
];
