// Staff invitations and e-mail verification in the browser (issue 12, finding 1): the invitation link
// is accepted only with the invited address; the verification link confirms an address once.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, anonymous, apiSession, enrolAuthenticator, meInPage, signIn } from './lib/auth.mjs';
import { mailedLinks } from '../integration/lib/mailbox.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

e2e.test('an invited patient signed in with another address is told so, signs in on the page and accepts', async (h) => {
  const invitee = 'patient3@demo.yiqiao.hk';
  const admin = await apiSession(h.base, 'orgadmin@demo.yiqiao.hk');
  const me = await admin.get('/api/v1/me');
  const org = me.body.account.roles.find((r) => r.role === 'org_admin');
  const invited = await admin.post(`/api/v1/organisations/${org.organisation_id}/staff`, { email: invitee, display_name: 'Ignored', roles: ['nurse'] });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  // Links are read from the outbox table, as the mailbox gets them (the admin's view hides them).
  const [link] = mailedLinks(h.server, invitee, 'invitation');
  assert.ok(link, `no invitation link to ${invitee}`);

  const page = await h.newPage({ lang: 'en', label: 'invitation' });
  await signIn(page, h.base, 'patient@demo.yiqiao.hk');
  await page.goto(link);
  await expectText(page.getByTestId('page-title'), text('en', 'invitation.title'));
  await expectText(page.getByTestId('invitation-offer'), text('en', 'invitation.offer', { org: org.organisation_name.en, email: invitee }));
  await expectText(page.getByTestId('invitation-other-account'), text('en', 'invitation.other_account', { me: 'patient@demo.yiqiao.hk', email: invitee }));
  assert.equal(await page.getByTestId('invitation-accept').count(), 0, 'another address cannot accept');

  // Signing out keeps the page (and the link it read); the invitee signs in there and accepts.
  await page.getByTestId('invitation-sign-out').click();
  await page.getByTestId('invitation-signin-password').fill(DEMO_PASSWORD);
  await page.getByTestId('invitation-signin-submit').click();
  // The staff role brings the authenticator, set up next.
  await page.waitForURL((u) => u.pathname === '/enrol-totp');
  await enrolAuthenticator(page, invitee);
  const after = await meInPage(page);
  assert.deepEqual(after.roles.map((r) => r.role).sort(), ['nurse', 'patient']);

  // The link worked once.
  await page.goto(link);
  await page.getByTestId('invitation-invalid').waitFor();
});

e2e.test('the link e-mailed at registration confirms the address once', async (h) => {
  const email = `verify.${Date.now()}@example.com`;
  const r = await anonymous(h.base).post('/api/v1/auth/register', { email, password: 'harbour lantern 88 tram', display_name: 'Verify Me' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.account.email_verified, false);
  const [link] = mailedLinks(h.server, email, 'verify');
  assert.ok(link, `no verification link to ${email}`);

  const page = await h.newPage({ lang: 'zh-Hant', label: 'verify-email' });
  await page.goto(link);
  await expectText(page.getByTestId('verify-email-done'), text('zh-Hant', 'verify_email.done'));
  assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
  await page.goto(link);
  await expectText(page.getByTestId('verify-email-invalid'), text('zh-Hant', 'verify_email.invalid'));
});
