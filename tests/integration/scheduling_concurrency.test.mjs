// THE invariant, against the real server on each database: one active booking per slot, held by
// the database's unique index. 200 clients racing for 5 slots give exactly 5 bookings and 195
// clear "that time was just taken" answers; concurrent reschedules, cancellations and rebookings
// leave every slot with at most one active booking and lose no appointment.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { Client, anonymous, expectStatus } from './lib/client.mjs';
import { signIn } from './lib/auth.mjs';
import { sql } from './lib/rows.mjs';

const RACERS = 200;
const SLOTS = 5;

async function register(srv, i) {
  const c = new Client(srv.url);
  const answer = await c.post('/api/v1/auth/register', {
    email: `racer-${i}-${Date.now()}@example.test`,
    password: 'Racer-password-2026',
    display_name: `Racer ${i}`,
  });
  expectStatus(answer, 201, `register racer ${i}`);
  c.account = answer.json.account;
  return c;
}

/** Slots with more than one active booking, and active bookings whose time differs from their slot's. */
function inconsistencies(srv) {
  const doubles = sql(srv, "SELECT slot_id FROM appointments WHERE status <> 'cancelled' GROUP BY slot_id HAVING COUNT(*) > 1");
  const drift = sql(
    srv,
    'SELECT a.id FROM appointments a JOIN slots s ON s.id = a.slot_id ' +
      'WHERE a.starts_at <> s.starts_at OR a.ends_at <> s.ends_at OR a.doctor_id <> s.doctor_id',
  );
  return { doubles, drift };
}

for (const backend of backends()) {
  describe(`booking under contention (${backend})`, () => {
    let srv, slots, racers;
    before(async () => {
      // 200 registrations from one (loopback) address in seconds: more than the default hashing budget.
      srv = await startServer({ backend, args: ['--worker-threads', '8', '--password-hashes-per-address-minute', '100000'] });
      const doctor = sql(srv, "SELECT id FROM accounts WHERE email = 'doctor@demo.yiqiao.hk'")[0][0];
      const all = expectStatus(await anonymous(srv).get(`/api/v1/doctors/${doctor}/slots?days=14`), 200).json.items;
      // One service's slots (a booking moves only within its service), well ahead of now.
      const gp = all.find((s) => s.service_name.en === 'General practice').service_id;
      slots = all.filter((s) => s.service_id === gp && s.starts_at > Date.now() / 1000 + 3 * 3600);
      racers = [];
      for (let i = 0; i < RACERS; i += 25) {
        racers.push(...(await Promise.all(Array.from({ length: Math.min(25, RACERS - i) }, (_, k) => register(srv, i + k)))));
      }
    });
    after(async () => {
      await srv?.stop();
    });

    test(`${RACERS} clients racing for ${SLOTS} slots: exactly ${SLOTS} bookings, ${RACERS - SLOTS} slot_taken`, async () => {
      const targets = slots.slice(0, SLOTS);
      const answers = await Promise.all(
        racers.map((c, i) => c.post('/api/v1/appointments', { slot_id: targets[i % SLOTS].id, reason: `race ${i}` })),
      );
      const won = answers.filter((a) => a.status === 201);
      const lost = answers.filter((a) => a.status === 409 && a.code === 'slot_taken');
      const other = answers.filter((a) => !won.includes(a) && !lost.includes(a));
      assert.deepEqual(other.map((a) => a.describe()), [], 'every answer is a booking or slot_taken');
      assert.equal(won.length, SLOTS);
      assert.equal(lost.length, RACERS - SLOTS);
      assert.deepEqual(new Set(won.map((a) => a.json.slot_id)), new Set(targets.map((s) => s.id)), 'one per slot');
      for (const a of lost) assert.match(a.json.detail, /just taken/, 'a clear message');
      for (const s of targets) {
        const active = sql(srv, `SELECT COUNT(*) FROM appointments WHERE slot_id = '${s.id}' AND status <> 'cancelled'`)[0][0];
        assert.equal(active, '1', `slot ${s.id}`);
      }
    });

    test('concurrent reschedules, cancellations and rebookings keep every slot consistent', async () => {
      // Twenty patients hold twenty slots, then all at once move into six contested slots, cancel,
      // or book again, for several rounds.
      const holders = racers.slice(SLOTS, SLOTS + 20);
      const held = slots.slice(SLOTS, SLOTS + 20);
      const contested = slots.slice(SLOTS + 20, SLOTS + 26);
      const mine = new Map();
      for (const [i, c] of holders.entries()) {
        const a = expectStatus(await c.post('/api/v1/appointments', { slot_id: held[i].id }), 201).json;
        mine.set(c, a.id);
      }
      const before = Number(sql(srv, 'SELECT COUNT(*) FROM appointments')[0][0]);
      let booked = 0;
      for (let round = 0; round < 4; round++) {
        const answers = await Promise.all(
          holders.map(async (c, i) => {
            const id = mine.get(c);
            const pick = contested[(i + round) % contested.length];
            if ((i + round) % 7 === 0) {
              const r = await c.post(`/api/v1/appointments/${id}/cancel`, { reason: 'race' });
              return ['cancel', r];
            }
            if ((i + round) % 5 === 0) {
              const r = await c.post('/api/v1/appointments', { slot_id: pick.id });
              if (r.status === 201) mine.set(c, r.json.id), booked++;
              return ['book', r];
            }
            return ['move', await c.post(`/api/v1/appointments/${id}/reschedule`, { slot_id: pick.id })];
          }),
        );
        for (const [what, r] of answers) {
          const fine =
            [200, 201].includes(r.status) ||
            (r.status === 409 && ['slot_taken', 'invalid_transition', 'slot_unavailable'].includes(r.code));
          assert.ok(fine, `${what}: ${r.describe()}`);
        }
        const { doubles, drift } = inconsistencies(srv);
        assert.deepEqual(doubles, [], `round ${round}: a slot with two active bookings`);
        assert.deepEqual(drift, [], `round ${round}: a booking whose time is not its slot's`);
      }
      const afterCount = Number(sql(srv, 'SELECT COUNT(*) FROM appointments')[0][0]);
      assert.equal(afterCount, before + booked, 'no appointment lost or duplicated');
      // Every holder still sees their latest appointment.
      for (const [c, id] of mine) expectStatus(await c.get(`/api/v1/appointments/${id}`), 200);
    });
  });
}
