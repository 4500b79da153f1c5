// Every route of the live route table, called as every kind of caller, with records of the caller's
// own organisation and of another one, and every WebSocket message type sent by every caller that
// can open a socket. What each may do is the declarative table in lib/access_rules.mjs; a route or
// message type missing from it fails here, so new ones must be added there.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends, runYiqiao, DEMO_PASSWORD } from '../support/server.mjs';
import { anonymous, expectStatus } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { makePng } from './lib/images.mjs';
import { openWs } from './lib/ws.mjs';
import { ACTORS, ALL, RULES, WS_RULES } from './lib/access_rules.mjs';
import { setUpConsultFixtures } from './lib/consult_fixtures.mjs';
import { setUpInvitationFixtures } from './lib/identity_fixtures.mjs';
import { setUpSchedulingFixtures } from './lib/scheduling_fixtures.mjs';
import { setUpActorFixtures } from './lib/actor_fixtures.mjs';
import { setUpRecordFixtures } from './lib/record_fixtures.mjs';

const listed = runYiqiao(['routes', '--json']);
const LISTED = listed.code === 0 || listed.stdout.startsWith('[') ? JSON.parse(listed.stdout) : [];
// HTTP routes first, then WebSocket message types.
const ROUTES = LISTED.filter((r) => r.kind === 'http');
const WS_TYPES = LISTED.filter((r) => r.kind === 'websocket');
const keyOf = (r) => `${r.method} ${r.pattern}`;

// Codes that mean "not let in"; an allowed caller must never get one of these.
const REFUSALS = new Set(['unauthenticated', 'forbidden', 'mfa_enrolment_required', 'not_found', 'route_not_found', 'csrf_rejected']);
const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors', 'retry_after']);
const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

function isStaff(actor) {
  return actor.roles.some((r) => r !== 'patient');
}

/** Whether the route's policy lets this actor in (before any record-level check). */
function policyAllows(actor, policy) {
  if (policy === 'public') return true;
  if (!actor.who) return false;
  if (policy === 'signed_in_any') return true;
  if (actor.enrol === false && isStaff(actor)) return false;
  if (policy === 'signed_in') return true;
  if (policy.startsWith('role:')) return policy.slice(5).split(',').some((r) => actor.roles.includes(r));
  throw new Error(`unknown policy ${policy}`);
}

/** [status, code] the policy refuses this actor with. */
function policyRefusal(actor) {
  if (!actor.who) return [401, 'unauthenticated'];
  if (actor.enrol === false && isStaff(actor)) return [403, 'mfa_enrolment_required'];
  return [403, 'forbidden'];
}

describe('route table', () => {
  test('`yiqiao routes --json` lists every route, each with a declared policy', () => {
    assert.equal(listed.code, 0, `yiqiao routes --json failed: ${listed.stderr}`);
    assert.ok(ROUTES.length >= 20, 'the route table is there');
    const undeclared = ROUTES.filter((r) => !r.policy || r.policy === 'UNDECLARED').map(keyOf);
    assert.deepEqual(undeclared, [], 'routes without an access policy');
    for (const r of ROUTES) assert.ok(r.summary, `${keyOf(r)} has a summary`);
  });

  test('`yiqiao routes --json` lists every WebSocket message type after the routes, each with a declared policy and a rate', () => {
    assert.deepEqual(LISTED.filter((r) => r.kind !== 'http' && r.kind !== 'websocket'), [], 'entries of no known kind');
    assert.deepEqual(LISTED.map((r) => r.kind), [...ROUTES.map(() => 'http'), ...WS_TYPES.map(() => 'websocket')], 'routes first, then message types');
    assert.ok(WS_TYPES.length >= 5, 'the message types are there');
    for (const t of WS_TYPES) {
      assert.ok(t.policy && t.policy !== 'UNDECLARED', `${t.type} has no access policy`);
      assert.ok(t.policy === 'signed_in' || t.policy.startsWith('role:'), `${t.type}: the upgrade already needs signed_in, so ${t.policy} promises nothing`);
      assert.ok(t.rate?.per_second > 0 && t.rate?.burst >= 1, `${t.type} has a rate: ${JSON.stringify(t.rate)}`);
      assert.ok(t.summary, `${t.type} has a summary`);
    }
  });

  test('every WebSocket message type has a row in WS_RULES with the same policy, and every row a type', () => {
    const types = WS_TYPES.map((t) => t.type);
    assert.deepEqual(types.filter((t) => !WS_RULES[t]), [], 'message types missing from WS_RULES in tests/integration/lib/access_rules.mjs');
    assert.deepEqual(Object.keys(WS_RULES).filter((t) => !types.includes(t)), [], 'rows for message types that no longer exist');
    for (const t of WS_TYPES) assert.equal(WS_RULES[t.type].policy, t.policy, `${t.type}: the route table says ${t.policy}`);
  });

  test('every route has a row in lib/access_rules.mjs with the same policy, and every row a route', () => {
    const keys = ROUTES.map(keyOf);
    assert.deepEqual(keys.filter((k) => !RULES[k]), [], 'routes missing from tests/integration/lib/access_rules.mjs');
    assert.deepEqual(Object.keys(RULES).filter((k) => !keys.includes(k)), [], 'rows for routes that no longer exist');
    for (const r of ROUTES) {
      const rule = RULES[keyOf(r)];
      assert.equal(rule.policy, r.policy, `${keyOf(r)}: the route table says ${r.policy}`);
      assert.ok(rule.variants?.length, `${keyOf(r)}: at least one call`);
      const params = [...r.pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const v of rule.variants) {
        assert.deepEqual(Object.keys(v.params ?? {}).sort(), [...params].sort(), `${keyOf(r)}: parameters of "${v.label ?? ''}"`);
        for (const a of v.allow) {
          assert.ok(ACTORS[a], `${keyOf(r)}: unknown actor ${a}`);
          assert.ok(policyAllows(ACTORS[a], r.policy), `${keyOf(r)}: the table lets ${a} in, but the policy ${r.policy} refuses`);
        }
      }
    }
  });
});

for (const backend of backends()) {
  describe(`access matrix (${backend})`, () => {
    let srv;
    const fx = { demoPassword: DEMO_PASSWORD, orgs: {}, accounts: {}, actorIds: {}, clients: {}, spares: {} };

    before(async () => {
      // The fixtures book more upcoming visits for the demo patient than the default limit allows.
      srv = await startServer({ backend, args: ['--max-future-bookings', '50'] });
      fx.anonymous = anonymous(srv);
      for (const [name, actor] of Object.entries(ACTORS)) {
        if (actor.made) continue; // signed in below, once their history is made
        if (!actor.who) {
          fx.clients[name] = anonymous(srv);
          fx.spares[name] = anonymous(srv);
          continue;
        }
        // A main session, and a spare for the call that ends a session.
        for (const slot of ['clients', 'spares']) {
          const c = await signIn(srv, actor.who, { enrol: actor.enrol });
          c.fixed = true; // logins and registrations made as this actor must not replace its session
          fx[slot][name] = c;
        }
        fx.actorIds[name] = fx.clients[name].account.id;
        fx.accounts[actor.who] = fx.clients[name].account.id;
      }
      fx.admin = fx.clients.platform_admin;
      const orgs = expectStatus(await fx.admin.get('/api/v1/admin/organisations'), 200).json.items;
      for (const [key, en] of [
        ['harbour', 'Harbour Health Clinic'],
        ['kowloon', 'Kowloon East Hospital'],
        ['lotus', 'Lotus Pharmacy'],
        ['bayarea', 'Greater Bay Private Hospital'],
      ]) {
        fx.orgs[key] = orgs.find((o) => o.name.en === en).id;
      }
      for (const key of ['harbour', 'kowloon']) {
        for (const s of expectStatus(await fx.admin.get(`/api/v1/organisations/${fx.orgs[key]}/staff`), 200).json.items) {
          fx.accounts[s.email.split('@')[0]] = s.account_id;
        }
      }
      // Something private in the outbox, and a photo to fetch.
      expectStatus(await fx.anonymous.post('/api/v1/auth/password-reset', { email: 'patient3@demo.yiqiao.hk' }), 202);
      fx.outboxSecrets = ['patient3@demo.yiqiao.hk', '/reset-password?token='];
      expectStatus(
        await fx.admin.request('PUT', `/api/v1/doctors/${fx.accounts.doctor}/photo`, { body: makePng(8, 8, 99), headers: { 'Content-Type': 'image/png' } }),
        200,
      );
      await setUpSchedulingFixtures(fx);
      await setUpConsultFixtures(fx, srv);
      await setUpInvitationFixtures(fx);
      // The session each made actor held through its change is its main one; a spare is signed in.
      const made = await setUpActorFixtures(fx, srv);
      for (const [name, actor] of Object.entries(ACTORS)) {
        if (!actor.made) continue;
        const { client, password } = made[name];
        client.fixed = true;
        fx.clients[name] = client;
        fx.spares[name] = Object.assign(await signIn(srv, actor.who, { password }), { fixed: true });
        fx.actorIds[name] = fx.accounts[name] = client.account.id;
      }
      // The shared record: entries of three organisations, the patient's sharing choices, expired
      // emergency accesses (they need the made actors signed in).
      await setUpRecordFixtures(fx, srv);
    });
    after(async () => {
      await srv?.stop();
    });

    function resolveParam(ref) {
      if (ref === 'unknown') return UNKNOWN_ID;
      const [kind, name] = ref.split(':');
      const value = kind === 'org' ? fx.orgs[name] : kind === 'account' ? fx.accounts[name] : fx.refs?.[kind]?.[name];
      assert.ok(value, `fixture ${ref} is not known`);
      return value;
    }

    async function call(route, variant, actor, client) {
      const ctx = { actor, fx, variant };
      const query = typeof variant.query === 'function' ? variant.query(ctx) : variant.query;
      const path = route.pattern.replace(/\{(\w+)\}/g, (_, name) => resolveParam(variant.params[name])) + (query ? `?${query}` : '');
      if (variant.raw) {
        const { body, type } = variant.raw(ctx);
        return client.request(route.method, path, { body, headers: { 'Content-Type': type } });
      }
      const body = typeof variant.body === 'function' ? variant.body(ctx) : variant.body;
      return client.request(route.method, path, body === undefined ? {} : { json: body });
    }

    /** Every variant as every actor; returns the list of failures (empty when all is as the table says). */
    async function runRow(route, rule) {
      const failures = [];
      for (const variant of rule.variants) {
        for (const actor of ALL) {
          const def = ACTORS[actor];
          const client = rule.ends === 'session' ? fx.spares[actor] : fx.clients[actor];
          const answer = await call(route, variant, actor, client);
          const where = `${actor} → ${keyOf(route)}${variant.label ? ` (${variant.label})` : ''}`;
          try {
            if (variant.allow.includes(actor)) {
              assert.ok(!REFUSALS.has(answer.code), `${where}: must be let in, got ${answer.describe()}`);
              const ok = [variant.ok].flat();
              if (variant.ok !== undefined) assert.ok(ok.includes(answer.status), `${where}: expected ${ok}, got ${answer.describe()}`);
              await variant.check?.(answer, { actor, fx, variant });
            } else {
              const scoped = typeof variant.scope === 'function' ? variant.scope(actor) : [variant.scope ?? 404, variant.scopeCode ?? 'not_found'];
              const [status, code] = policyAllows(def, route.policy) ? scoped : policyRefusal(def);
              assert.ok(answer.status === status && answer.code === code, `${where}: expected ${status} ${code}, got ${answer.describe()}`);
              assert.ok(answer.isProblem, `${where}: a refusal is a problem+json`);
              const extra = Object.keys(answer.json).filter((k) => !PROBLEM_KEYS.has(k));
              assert.deepEqual(extra, [], `${where}: nothing but the problem in a refusal`);
              for (const secret of variant.secrets?.(fx) ?? []) {
                assert.ok(!answer.text.includes(secret), `${where}: the refusal reveals "${secret}"`);
              }
              // And nothing identifying in the headers either.
              assert.equal(answer.headers.get('set-cookie'), null, `${where}: no cookie on a refusal`);
            }
          } catch (e) {
            failures.push(e.message);
          }
        }
      }
      return failures;
    }

    const deferred = [];
    for (const route of ROUTES) {
      const rule = RULES[keyOf(route)];
      if (!rule) continue; // reported by the route table test
      if (rule.ends === 'all_sessions') {
        deferred.push([route, rule]);
        continue;
      }
      test(keyOf(route), async () => {
        assert.deepEqual(await runRow(route, rule), []);
      });
    }

    test('refused calls changed nothing', async () => {
      const failures = [];
      for (const route of ROUTES) {
        const rule = RULES[keyOf(route)];
        if (!rule?.verify) continue;
        for (const variant of rule.variants) {
          try {
            await rule.verify({ fx, variant, allowed: variant.allow });
          } catch (e) {
            failures.push(`${keyOf(route)}${variant.label ? ` (${variant.label})` : ''}: ${e.message}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    test('every WebSocket message type reaches its handler only from those its policy names', async () => {
      const failures = [];
      // Only a complete session opens a socket (the upgrade is refused otherwise: websocket.test.mjs).
      for (const actor of ALL.filter((a) => policyAllows(ACTORS[a], 'signed_in'))) {
        const client = fx.clients[actor];
        const conn = await openWs(srv, client.bearer ? { bearer: client.bearer, origin: null } : { cookie: client.cookie });
        assert.equal((await conn.next()).type, 'hello', `${actor}: a socket opens`);
        for (const t of WS_TYPES) {
          // A bare message: a handler that runs answers at most with its own refusal (room.error
          // invalid_message); what it sends comes before the pong.
          conn.send({ type: t.type });
          conn.send({ type: 'ping' });
          const answers = [];
          for (let m = await conn.next(); m.type !== 'pong'; m = await conn.next()) answers.push(m);
          const where = `${actor} → ${t.type} (${t.policy})`;
          if (policyAllows(ACTORS[actor], t.policy)) {
            const errors = answers.filter((m) => m.type === 'error');
            if (errors.length) failures.push(`${where}: must reach the handler, got ${JSON.stringify(errors)}`);
          } else if (JSON.stringify(answers) !== JSON.stringify([{ type: 'error', code: 'forbidden', message_type: t.type }])) {
            failures.push(`${where}: must be refused with forbidden and nothing else, got ${JSON.stringify(answers)}`);
          }
        }
        conn.ws.close(1000);
        await conn.closed;
      }
      assert.deepEqual(failures, []);
    });

    // Last: these end every session of the caller.
    for (const [route, rule] of deferred) {
      test(keyOf(route), async () => {
        assert.deepEqual(await runRow(route, rule), []);
        for (const actor of rule.variants[0].allow) {
          const after = await fx.clients[actor].get('/api/v1/me');
          assert.equal(after.status, 401, `${actor}: every session ended`);
        }
      });
    }
  });
}
