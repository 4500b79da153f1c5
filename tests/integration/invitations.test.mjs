// Staff invitations and e-mail verification (issue 12, finding 1): roles go to the holder of the
// invited mailbox, never to whatever account registered the address first; links are single-use,
// expire, are replaced when re-sent and never appear in an API answer. Tokens are read from the
// outbox table (lib/mailbox.mjs), as the invitee's mailbox would receive them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { Client, anonymous, expectProblem, expectStatus, fieldErrors } from './lib/client.mjs';
import { signIn, signInAll, demoEmail, enrolAuthenticator } from './lib/auth.mjs';
import { mailedTokens, mailedSubjects, newToken } from './lib/mailbox.mjs';
import { sql } from './lib/rows.mjs';

const PASSWORD = 'Invitee-password-2026';

const del = (client, path) => client.request('DELETE', path);

for (const backend of backends()) {
  describe(`staff invitations and e-mail verification (${backend})`, () => {
    let srv;
    let anon;
    let as;
    const org = {};

    before(async () => {
      srv = await startServer({ backend });
      anon = anonymous(srv);
      as = await signInAll(srv, ['admin', 'orgadmin', 'orgadmin2']);
      for (const o of expectStatus(await anon.get('/api/v1/organisations'), 200).json.items) {
        if (o.name.en === 'Harbour Health Clinic') org.harbour = o.id;
        if (o.name.en === 'Kowloon East Hospital') org.kowloon = o.id;
      }
    });
    after(() => srv?.stop());

    const invite = (email, roles = ['nurse'], o = {}) =>
      as.orgadmin.post(`/api/v1/organisations/${org.harbour}/staff`, { email, display_name: 'Invited Person', roles, ...o });

    async function register(email, extra = {}) {
      const c = new Client(srv.url);
      const r = await c.post('/api/v1/auth/register', { email, password: PASSWORD, display_name: 'Someone', ...extra });
      return { c, r };
    }

    test('finding 1: an address registered before its invitation gets no staff role', async () => {
      const victim = `victim.${backend}@example.test`;
      // The attacker registers the address first; nothing proves they own the mailbox.
      const { c: attacker, r } = await register(victim);
      expectStatus(r, 201);
      assert.equal(r.json.account.email_verified, false);

      const fresh = `fresh.${backend}@example.test`;
      const toHeld = expectStatus(await invite(victim), 201).json;
      const toFree = expectStatus(await invite(fresh), 201).json;
      const shape = (o) => ({ ...o, id: undefined, email: undefined, created_at: undefined, sent_at: undefined, expires_at: undefined });
      assert.deepEqual(shape(toHeld), shape(toFree), 'the same answer whether or not an account holds the address');
      assert.equal(toHeld.account_id, undefined);
      assert.equal(toHeld.status, 'pending');

      // The attacker's account stays a patient account and sees no invitation.
      const me = expectStatus(await attacker.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(me.roles.map((x) => x.role), ['patient']);
      assert.equal(me.mfa_enrolment_required, false);
      assert.deepEqual(expectStatus(await attacker.get('/api/v1/me/invitations'), 200).json.items, []);
      expectProblem(await attacker.post(`/api/v1/me/invitations/${toHeld.id}/accept`), 404, 'not_found', 'an unverified address accepts nothing');
      expectProblem(await attacker.post('/api/v1/invitations/accept', { token: 'guessed-token-guessed-token-guessed-00' }), 400, 'token_invalid');
      const staff = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/staff`), 200).json.items;
      assert.ok(!staff.some((s) => s.email === victim), 'not on the staff list');
      for (const path of ['staff', 'invitations']) {
        expectProblem(await attacker.get(`/api/v1/organisations/${org.harbour}/${path}`), 403, 'forbidden', `no staff route: ${path}`);
      }
      expectProblem(await attacker.post(`/api/v1/organisations/${org.harbour}/invitations/${toHeld.id}/resend`), 403, 'forbidden');

      // The mailbox owner opens the link: registering is refused (the address is taken)...
      const token = newToken(srv, victim, 'invitation');
      const preview = expectStatus(await anon.post('/api/v1/invitations/preview', { token }), 200).json;
      assert.equal(preview.email, victim);
      assert.deepEqual(preview.roles, ['nurse']);
      assert.equal(preview.organisation.name.en, 'Harbour Health Clinic');
      expectProblem((await register(victim, { invitation_token: token })).r, 409, 'email_taken');
      // ...so they reset the password through their mailbox, which ends the attacker's sessions,
      expectStatus(await anon.post('/api/v1/auth/password-reset', { email: victim }), 202);
      const reset = newToken(srv, victim, 'reset');
      expectStatus(await anon.post('/api/v1/auth/password-reset/confirm', { token: reset, password: 'Owner-password-2026' }), 204);
      expectProblem(await attacker.get('/api/v1/me'), 401, 'unauthenticated');
      // and accept, signed in, with the link.
      const owner = await signIn(srv, victim, { password: 'Owner-password-2026', enrol: false });
      const accepted = expectStatus(await owner.post('/api/v1/invitations/accept', { token }), 200).json;
      assert.deepEqual(accepted.roles, ['nurse']);
      const after = expectStatus(await owner.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(after.roles.map((x) => x.role).sort(), ['nurse', 'patient']);
      assert.equal(after.mfa_enrolment_required, true, 'the staff role brings authenticator enrolment');
      expectProblem(await anon.post('/api/v1/invitations/preview', { token }), 400, 'token_invalid', 'single use');
    });

    test('finding 1: the invitee registers through the link, which proves the address', async () => {
      const email = `new.nurse.${backend}@example.test`;
      expectStatus(await invite(email, ['nurse'], { preferred_lang: 'zh-Hant' }), 201);
      assert.deepEqual(mailedSubjects(srv, email), ['海港健康診所 邀請你加入醫橋'], "in the invitee's language");
      const token = newToken(srv, email, 'invitation');
      const wrong = (await register(`other.${backend}@example.test`, { invitation_token: token })).r;
      expectProblem(wrong, 422, 'validation');
      assert.equal(fieldErrors(wrong).email, 'field.not_invited_address');
      const { c, r } = await register(email, { invitation_token: token });
      expectStatus(r, 201);
      assert.equal(r.json.account.email_verified, true);
      assert.equal(r.json.account.mfa_enrolment_required, true);
      assert.deepEqual(r.json.account.roles.map((x) => [x.role, x.organisation_id]), [['nurse', org.harbour]], 'a staff account, no patient role');
      assert.deepEqual(mailedTokens(srv, email, 'verify'), [], 'no verification mail: the link proved the address');
      expectProblem(await c.patch('/api/v1/me', { phone: '1' }), 403, 'mfa_enrolment_required');
      await enrolAuthenticator(srv, c, email);
      const staff = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/staff`), 200).json.items;
      assert.deepEqual(staff.find((s) => s.email === email).roles, ['nurse']);
      expectProblem((await register(`again.${backend}@example.test`, { invitation_token: token })).r, 400, 'token_invalid');
      assert.deepEqual(expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/invitations`), 200).json.items.filter((i) => i.email === email), []);
    });

    test('finding 1: a verified patient accepts by signing in, keeps patient access, and enrols only then', async () => {
      const email = demoEmail('patient2');
      const patient = await signIn(srv, 'patient2');
      expectStatus(await invite(email, ['doctor']), 201);
      const pending = await signIn(srv, 'patient2');
      assert.equal(pending.account.mfa_enrolment_required, false, 'a pending invitation forces no enrolment');
      expectStatus(await pending.get('/api/v1/appointments'), 200);
      const items = expectStatus(await pending.get('/api/v1/me/invitations'), 200).json.items;
      assert.equal(items.length, 1);
      assert.deepEqual(items[0].roles, ['doctor']);
      assert.equal(items[0].organisation.id, org.harbour);
      expectStatus(await patient.post(`/api/v1/me/invitations/${items[0].id}/accept`), 200);
      const me = expectStatus(await patient.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(me.roles.map((x) => x.role).sort(), ['doctor', 'patient']);
      assert.equal(me.mfa_enrolment_required, true);
      await enrolAuthenticator(srv, patient, email);
      expectStatus(await patient.get('/api/v1/appointments'), 200, 'patient access stays');
      expectProblem(await patient.post(`/api/v1/me/invitations/${items[0].id}/accept`), 404, 'not_found', 'accepted once');
    });

    test("finding 1: invitations are listed, re-sent and withdrawn by the organisation's admin only; links expire", async () => {
      const email = `resend.${backend}@example.test`;
      const path = `/api/v1/organisations/${org.harbour}/invitations`;
      const created = expectStatus(await invite(email, ['nurse', 'doctor']), 201).json;
      assert.deepEqual(created.roles, ['doctor', 'nurse']);
      const first = newToken(srv, email, 'invitation');
      const listed = expectStatus(await as.orgadmin.get(path), 200).json.items.find((i) => i.id === created.id);
      assert.equal(listed.status, 'pending');
      for (const [method, p] of [['GET', `/api/v1/organisations/${org.harbour}/invitations`], ['DELETE', `${path}/${created.id}`], ['POST', `${path}/${created.id}/resend`]]) {
        expectProblem(await as.orgadmin2.request(method, p), 404, 'not_found', `another organisation's admin: ${method} ${p}`);
      }
      expectProblem(await as.orgadmin2.request('DELETE', `/api/v1/organisations/${org.kowloon}/invitations/${created.id}`), 404, 'not_found');

      const resent = expectStatus(await as.orgadmin.post(`${path}/${created.id}/resend`), 200).json;
      assert.equal(resent.id, created.id);
      const second = newToken(srv, email, 'invitation', [first]);
      expectProblem(await anon.post('/api/v1/invitations/preview', { token: first }), 400, 'token_invalid', 're-sending replaces the link');
      expectStatus(await anon.post('/api/v1/invitations/preview', { token: second }), 200);
      for (const answer of [created, listed, resent]) {
        const text = JSON.stringify(answer);
        assert.ok(!text.includes(first) && !text.includes(second), 'no token in any answer');
      }
      const outboxView = JSON.stringify(expectStatus(await as.orgadmin.get(path), 200).json);
      assert.ok(!outboxView.includes(second));

      expectStatus(await del(as.orgadmin, `${path}/${created.id}`), 204);
      expectProblem(await anon.post('/api/v1/invitations/preview', { token: second }), 400, 'token_invalid', 'withdrawn');
      expectProblem(await del(as.orgadmin, `${path}/${created.id}`), 404, 'not_found');
      assert.ok(!expectStatus(await as.orgadmin.get(path), 200).json.items.some((i) => i.id === created.id));

      // An invitation past its expiry offers nothing.
      const late = `late.${backend}@example.test`;
      const lateInv = expectStatus(await invite(late), 201).json;
      sql(srv, `UPDATE staff_invitations SET expires_at = 1 WHERE id = '${lateInv.id}'`);
      const lateToken = newToken(srv, late, 'invitation');
      expectProblem(await anon.post('/api/v1/invitations/preview', { token: lateToken }), 400, 'token_invalid');
      expectProblem((await register(late, { invitation_token: lateToken })).r, 400, 'token_invalid');
      assert.equal(expectStatus(await as.orgadmin.get(path), 200).json.items.find((i) => i.id === lateInv.id).status, 'expired');
      // Someone already on the staff is not invited again.
      expectProblem(await invite(demoEmail('nurse')), 409, 'email_taken');
    });

    test('finding 1: an invitation e-mails its address at most five times an hour', async () => {
      const email = `flood.${backend}@example.test`;
      const inv = expectStatus(await invite(email), 201).json;
      const resend = () => as.orgadmin.post(`/api/v1/organisations/${org.harbour}/invitations/${inv.id}/resend`);
      for (let i = 0; i < 4; i++) expectStatus(await resend(), 200);
      const refused = await resend();
      expectProblem(refused, 429, 'too_many_attempts');
      assert.ok(refused.json.retry_after > 3000, `retry_after ${refused.json.retry_after}`);
      assert.equal(mailedTokens(srv, email, 'invitation').length, 5);
      // Inviting the address anew is no way around it.
      const again = `flood2.${backend}@example.test`;
      for (let i = 0; i < 5; i++) expectStatus(await invite(again), 201);
      expectProblem(await invite(again), 429, 'too_many_attempts');
      assert.equal(mailedTokens(srv, again, 'invitation').length, 5);
    });

    test('finding 1: registration e-mails a single-use verification link; only a verified address sees invitations', async () => {
      const email = `verify.${backend}@example.test`;
      const { c, r } = await register(email);
      expectStatus(r, 201);
      assert.equal(r.json.account.email_verified, false);
      const token = newToken(srv, email, 'verify');
      assert.ok(!JSON.stringify(r.json).includes(token));
      expectStatus(await invite(email), 201);
      assert.deepEqual(expectStatus(await c.get('/api/v1/me/invitations'), 200).json.items, [], 'not before verification');
      expectProblem(await anon.post('/api/v1/auth/verify-email', { token: token + 'x' }), 400, 'token_invalid');
      expectStatus(await anon.post('/api/v1/auth/verify-email', { token }), 204);
      expectProblem(await anon.post('/api/v1/auth/verify-email', { token }), 400, 'token_invalid', 'single use');
      assert.equal(expectStatus(await c.get('/api/v1/me'), 200).json.account.email_verified, true);
      assert.equal(expectStatus(await c.get('/api/v1/me/invitations'), 200).json.items.length, 1);
      // Asking again once verified sends nothing, with the same answer.
      expectStatus(await c.post('/api/v1/me/email-verification'), 202);
      assert.equal(mailedTokens(srv, email, 'verify').length, 1);

      const other = `verify2.${backend}@example.test`;
      const second = await register(other);
      expectStatus(await second.c.post('/api/v1/me/email-verification'), 202);
      assert.equal(mailedTokens(srv, other, 'verify').length, 2, 'a new link on request');
      // Demo accounts are verified.
      assert.equal(expectStatus(await as.orgadmin.get('/api/v1/me'), 200).json.account.email_verified, true);
    });
  });
}
