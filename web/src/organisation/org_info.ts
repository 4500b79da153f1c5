// The organisation an admin page is about: its names (from the admin's own role when it has them,
// else the public directory) for the page's heading.
import type { Names } from '../base/api';
import { currentAccount } from '../base/session';
import { organisationApi } from './api';

export async function orgNames(org: string): Promise<Names> {
  const role = currentAccount()?.roles.find((r) => r.organisation_id === org && r.organisation_name);
  if (role?.organisation_name) return role.organisation_name;
  return (await organisationApi.organisation(org)).name;
}
