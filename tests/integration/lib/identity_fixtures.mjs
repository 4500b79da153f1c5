// Staff invitations for the access matrix: one per organisation to withdraw and one to re-send
// (rows run in route-table order, so a withdrawn one must not be the one re-sent). Filled into
// fx.refs.invitation, which access_matrix resolves for 'invitation:<name>'.
import { expectStatus } from './client.mjs';

export async function setUpInvitationFixtures(fx) {
  const refs = (fx.refs ??= {});
  refs.invitation = {};
  for (const [org, admin] of [['harbour', fx.clients.org_admin], ['kowloon', fx.clients.org_admin2]]) {
    for (const use of ['withdraw', 'resend']) {
      const answer = await admin.post(`/api/v1/organisations/${fx.orgs[org]}/staff`, {
        email: `matrix-invite-${use}-${org}@example.test`,
        display_name: `Invited ${org}`,
        roles: ['nurse'],
      });
      refs.invitation[`${org}_${use}`] = expectStatus(answer, 201, `invite into ${org}`).json.id;
    }
  }
}
