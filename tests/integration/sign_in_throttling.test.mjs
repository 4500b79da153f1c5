// Sign-in throttling (issue 12, finding 7): failures slow down the (account, address) pair that
// makes them, with a growing Retry-After, and never lock the owner out from elsewhere. The server
// trusts X-Forwarded-For here so one test can speak from several (loopback) addresses.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { anonymous, expectProblem, expectStatus, sleep } from './lib/client.mjs';
import { signIn, demoEmail, nextCode, DEMO_PASSWORD } from './lib/auth.mjs';

const from = (ip) => ({ headers: { 'X-Forwarded-For': ip } });

for (const backend of backends()) {
  describe(`sign-in throttling (${backend})`, () => {
    let srv;
    let anon;

    before(async () => {
      srv = await startServer({ backend, args: ['--trust-forwarded-for', 'true'] });
      anon = anonymous(srv);
    });
    after(() => srv?.stop());

    test("finding 7: an attacker's failures do not lock out the owner", async () => {
      const email = demoEmail('doctor');
      await signIn(srv, 'doctor'); // enrols the authenticator: the owner signs in with a code
      // Two attacking addresses fail ten times on the account in all (the old rule locked the
      // account for everyone after ten).
      for (const ip of ['127.0.0.66', '127.0.0.67']) {
        for (let i = 0; i < 5; i++) {
          expectProblem(await anon.post('/api/v1/auth/login', { email, password: `Wrong-password-${i}` }, from(ip)), 401, 'invalid_credentials');
        }
      }
      // The next try from an attacking address waits, even with the right password.
      const slowed = await anon.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD }, from('127.0.0.66'));
      expectProblem(slowed, 429, 'too_many_attempts');
      assert.ok(slowed.json.retry_after >= 1 && slowed.json.retry_after <= 2, `retry_after ${slowed.json.retry_after}`);
      assert.equal(slowed.headers.get('retry-after'), String(slowed.json.retry_after));
      // The owner, from an address with no failures, gets in with password and code.
      const { code } = await nextCode(srv, email);
      const owner = await anon.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: code }, from('127.0.0.77'));
      expectStatus(owner, 200, 'the owner is not locked out');
      assert.equal(owner.json.account.email, email);
      // The attacker's wait grows with each further failure.
      await sleep(slowed.json.retry_after * 1000 + 100);
      expectProblem(await anon.post('/api/v1/auth/login', { email, password: 'Wrong-password-x' }, from('127.0.0.66')), 401, 'invalid_credentials');
      const longer = await anon.post('/api/v1/auth/login', { email, password: 'Wrong-password-y' }, from('127.0.0.66'));
      expectProblem(longer, 429, 'too_many_attempts');
      assert.ok(longer.json.retry_after > slowed.json.retry_after, `retry_after ${longer.json.retry_after} after ${slowed.json.retry_after}`);
    });

    test('finding 7: throttling looks the same for known and unknown accounts', async () => {
      const ip = '127.0.0.88';
      const answers = {};
      for (const email of [demoEmail('patient3'), `nobody-${backend}@demo.yiqiao.hk`]) {
        for (let i = 0; i < 5; i++) {
          expectProblem(await anon.post('/api/v1/auth/login', { email, password: `Wrong-password-${i}` }, from(ip)), 401, 'invalid_credentials');
        }
        answers[email] = await anon.post('/api/v1/auth/login', { email, password: 'Wrong-password-z' }, from(ip));
        expectProblem(answers[email], 429, 'too_many_attempts', email);
      }
      const [a, b] = Object.values(answers).map((r) => ({ ...r.json, instance: undefined, retry_after: undefined }));
      assert.deepEqual(a, b);
      // Another account from the same address is not slowed.
      expectStatus(await anon.post('/api/v1/auth/login', { email: demoEmail('patient2'), password: DEMO_PASSWORD }, from(ip)), 200);
    });
  });
}
