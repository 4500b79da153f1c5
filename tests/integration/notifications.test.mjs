// Notifications against the real server on each database: the list in the reader's language,
// read / read-all of one's own only, the live unread count over the WebSocket, and reminders that
// go out once, after a restart too. Appointments are written straight into the database
// (lib/rows.mjs), so these tests need nothing of the booking routes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { expectStatus, expectProblem, sleep, waitFor } from './lib/client.mjs';
import { signIn, outbox } from './lib/auth.mjs';
import { openWs } from './lib/ws.mjs';
import { addService, addAppointment, accountId, addChild, sql, nowSeconds } from './lib/rows.mjs';

const FAST = ['--reminder-poll-seconds', '1'];

/** The next WebSocket message of a type (others, such as hello, are skipped). */
async function nextOfType(ws, type, ms = 8000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = await ws.next(Math.max(1, deadline - Date.now()));
    if (m.type === type) return m;
  }
}


for (const backend of backends()) {
  describe(`notifications (${backend})`, () => {
    let srv;
    let patient, patient2, admin, svc;
    before(async () => {
      srv = await startServer({ backend, args: FAST });
      patient = await signIn(srv, 'patient'); // Chan Tai Man, zh-Hant
      patient2 = await signIn(srv, 'patient2');
      admin = await signIn(srv, 'admin');
      svc = addService(srv);
    });
    after(async () => {
      await srv?.stop();
    });

    test('a due reminder arrives live, is listed in the reader language, and only its owner can read it', async () => {
      const ws = await openWs(srv, { cookie: patient.token });
      await nextOfType(ws, 'hello');
      const starts = nowSeconds() + 3600 + 2;
      const appointment = addAppointment(srv, svc, {
        patient: patient.account.id,
        startsAt: starts,
        reminders: [{ kind: '1h', due_at: starts - 3600 }],
      });
      const push = await nextOfType(ws, 'notifications');
      assert.equal(push.unread, 1);

      const zh = expectStatus(await patient.get('/api/v1/notifications', { headers: { 'Accept-Language': 'zh-Hant' } }), 200);
      assert.equal(zh.json.unread, 1);
      assert.equal(zh.json.items.length, 1);
      const item = zh.json.items[0];
      assert.equal(item.kind, 'appointment.reminder_1h');
      assert.equal(item.title, '預約將於一小時後開始');
      assert.match(item.body, /普通科/);
      assert.match(item.body, /\d{4}年\d{1,2}月\d{1,2}日（星期.）/);
      assert.equal(item.link, `/appointments/${appointment}`);
      assert.equal(item.read_at, null);
      const en = expectStatus(await patient.get('/api/v1/notifications', { headers: { 'Accept-Language': 'en' } }), 200);
      assert.equal(en.json.items[0].title, 'Your appointment starts in one hour');

      // The e-mail went out in the account's language (zh-Hant), to the patient only.
      const mails = (await outbox(srv)).filter((m) => m.to === 'patient@demo.yiqiao.hk' && m.subject === '預約將於一小時後開始');
      assert.equal(mails.length, 1);
      assert.match(mails[0].body, new RegExp(`/appointments/${appointment}`));

      // Someone else's notification is "not found", whatever they try; nothing changes.
      expectProblem(await patient2.post(`/api/v1/notifications/${item.id}/read`), 404, 'not_found');
      expectProblem(await patient2.post('/api/v1/notifications/aaaaaaaaaaaaaaaaaaaaaaaaaa/read'), 404, 'not_found');
      expectProblem(await patient2.post('/api/v1/notifications/..%2F..%2Fx/read'), 404, 'not_found');
      const theirs = expectStatus(await patient2.get('/api/v1/notifications'), 200).json;
      assert.ok(!theirs.items.some((n) => n.id === item.id));
      expectStatus(await patient2.post('/api/v1/notifications/read-all'), 200);
      assert.equal(expectStatus(await patient.get('/api/v1/notifications'), 200).json.unread, 1);

      const read = expectStatus(await patient.post(`/api/v1/notifications/${item.id}/read`), 200);
      assert.equal(read.json.unread, 0);
      assert.equal((await nextOfType(ws, 'notifications')).unread, 0, 'other tabs learn the new count');
      const after = expectStatus(await patient.get('/api/v1/notifications'), 200).json;
      assert.equal(after.unread, 0);
      assert.equal(typeof after.items[0].read_at, 'number');
      ws.ws.close();
    });

    test('pages are newest first with a cursor; bad paging is a 422', async () => {
      const me = patient2.account.id;
      const values = [];
      for (let i = 0; i < 5; i++) values.push(`('n${'bcdef'[i]}${'a'.repeat(24)}', '${me}', 'queue.dropped', '{"service":"GP"}', '', ${1000 + i}, NULL)`);
      sql(srv, `INSERT INTO notifications (id, account_id, kind, params, link, created_at, read_at) VALUES ${values.join(', ')}`);
      const first = expectStatus(await patient2.get('/api/v1/notifications?limit=2'), 200).json;
      assert.deepEqual(first.items.map((n) => n.created_at), [1004, 1003]);
      assert.equal(first.unread, 5);
      assert.match(first.items[0].body, /GP/);
      const second = expectStatus(await patient2.get(`/api/v1/notifications?limit=2&before=${first.next}`), 200).json;
      assert.deepEqual(second.items.map((n) => n.created_at), [1002, 1001]);
      const last = expectStatus(await patient2.get(`/api/v1/notifications?limit=2&before=${second.next}`), 200).json;
      assert.equal(last.items.length, 1);
      assert.equal(last.next, null);
      expectProblem(await patient2.get('/api/v1/notifications?limit=0'), 422, 'validation');
      expectProblem(await patient2.get('/api/v1/notifications?limit=101'), 422, 'validation');
      expectProblem(await patient2.get('/api/v1/notifications?before=nonsense'), 422, 'validation');
      // Another account's notice is no cursor.
      const other = expectStatus(await patient.get('/api/v1/notifications'), 200).json.items[0].id;
      expectProblem(await patient2.get(`/api/v1/notifications?before=${other}`), 422, 'validation');
      const all = expectStatus(await patient2.post('/api/v1/notifications/read-all'), 200).json;
      assert.equal(all.marked, 5);
      assert.equal(expectStatus(await patient2.get('/api/v1/notifications'), 200).json.unread, 0);
    });

    test('a parent booking for a child is reminded too; the child has no mailbox', async () => {
      const parent = patient2;
      const child = addChild(srv, parent.account.id, 'Ho Siu Bo');
      const starts = nowSeconds() + 3600 + 4; // not the first test's start: the same doctor, maybe the same second
      addAppointment(srv, svc, { patient: child, bookedBy: parent.account.id, startsAt: starts, reminders: [{ kind: '1h', due_at: starts - 3600 }] });
      const got = await waitFor('the parent reminder', async () => {
        const items = expectStatus(await parent.get('/api/v1/notifications'), 200).json.items;
        return items.find((n) => n.kind === 'appointment.reminder_1h');
      });
      assert.match(got.body, /General practice/);
      assert.equal(sql(srv, `SELECT COUNT(*) FROM notifications WHERE account_id = '${child}'`)[0][0], '1');
      const mails = await outbox(srv);
      assert.ok(!mails.some((m) => m.to.endsWith('.invalid')), 'nothing is mailed to a .invalid address');
      assert.ok(mails.some((m) => m.to === 'patient2@demo.yiqiao.hk' && m.subject === 'Your appointment starts in one hour'));
    });
  });

  describe(`reminders across restarts (${backend})`, () => {
    test('a reminder that fell due while the server was down is sent once after the restart, and never again', async () => {
      let srv = await startServer({ backend, args: FAST });
      const svc = addService(srv);
      const patient = accountId(srv, 'patient3@demo.yiqiao.hk');
      const { dataDir, database } = srv;
      await srv.stop({ keep: true });

      // Written while no server runs: due a minute ago.
      const starts = nowSeconds() + 3600 - 60;
      const appointment = addAppointment({ backend, database }, svc, {
        patient,
        startsAt: starts,
        reminders: [
          { kind: '24h', due_at: starts - 86400 }, // stale: the 1-hour one says the same
          { kind: '1h', due_at: starts - 3600 },
        ],
      });
      const count = (s) =>
        Number(sql(s, `SELECT COUNT(*) FROM notifications WHERE account_id = '${patient}' AND kind LIKE 'appointment.reminder%'`)[0][0]);

      srv = await startServer({ backend, args: FAST, dataDir, database });
      await waitFor('the reminder after the restart', () => count(srv) === 1);
      const mails = () => Number(sql(srv, `SELECT COUNT(*) FROM outbox WHERE to_address = 'patient3@demo.yiqiao.hk' AND body LIKE '%${appointment}%'`)[0][0]);
      assert.equal(mails(), 1);
      // The outbox mail is in the account's language (zh-Hans).
      assert.equal(sql(srv, `SELECT subject FROM outbox WHERE body LIKE '%${appointment}%'`)[0][0], '预约将于一小时后开始');
      await srv.stop({ keep: true });

      srv = await startServer({ backend, args: FAST, dataDir, database });
      await sleep(2500); // more than two polls
      assert.equal(count(srv), 1, 'not repeated after a second restart');
      assert.equal(mails(), 1);
      const state = sql(srv, `SELECT kind, sent_at IS NOT NULL, cancelled_at IS NOT NULL FROM reminders WHERE appointment_id = '${appointment}' ORDER BY kind`);
      assert.deepEqual(state.map((r) => r[0]), ['1h', '24h']);
      await srv.stop();
    });
  });
}
