// The secret calendar feed against the real server on each database, read by an independent
// iCalendar parser (ical.js): what it holds (own and dependants' appointments in the window, cancelled
// ones only from today), that the URL is the only credential, that replacing or deleting it ends the
// old one, and that reading it is audited.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, backends } from '../support/server.mjs';
import { anonymous, expectStatus, expectProblem } from './lib/client.mjs';
import { signIn, auditEvents } from './lib/auth.mjs';
import { addService, addAppointment, addChild, nowSeconds } from './lib/rows.mjs';

const DAY = 86400;

/** GET of a feed URL with no session at all, as a calendar app does. */
async function fetchFeed(url) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

for (const backend of backends()) {
  describe(`calendar feed (${backend})`, () => {
    let srv, patient, patient2, admin;
    const ids = {};
    let now;
    before(async () => {
      srv = await startServer({ backend });
      patient = await signIn(srv, 'patient'); // zh-Hant
      patient2 = await signIn(srv, 'patient2');
      admin = await signIn(srv, 'admin');
      const clinic = addService(srv, { type: 'in_person' });
      const video = addService(srv, { type: 'video' });
      const me = patient.account.id;
      now = nowSeconds();
      ids.child = addChild(srv, me, 'Chan Siu Ming');
      ids.upcoming = addAppointment(srv, clinic, { patient: me, startsAt: now + 2 * DAY });
      ids.cancelledSoon = addAppointment(srv, video, { patient: me, startsAt: now + 3 * DAY, status: 'cancelled' });
      ids.cancelledPast = addAppointment(srv, video, { patient: me, startsAt: now - 5 * DAY, status: 'cancelled' });
      ids.completed = addAppointment(srv, video, { patient: me, startsAt: now - 10 * DAY, status: 'completed' });
      ids.tooFar = addAppointment(srv, video, { patient: me, startsAt: now + 200 * DAY });
      ids.tooOld = addAppointment(srv, video, { patient: me, startsAt: now - 40 * DAY, status: 'completed' });
      ids.childs = addAppointment(srv, video, { patient: ids.child, bookedBy: me, startsAt: now + DAY });
      ids.someoneElses = addAppointment(srv, video, { patient: patient2.account.id, startsAt: now + 2 * DAY + 1800 });
    });
    after(async () => {
      await srv?.stop();
    });

    test('the feed holds own and dependants appointments in the window, parsed by ical.js', async () => {
      const created = expectStatus(await patient.post('/api/v1/calendar-feed'), 201);
      const url = created.json.url;
      assert.match(url, new RegExp(`^${srv.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
      const feed = await fetchFeed(url);
      assert.equal(feed.status, 200, feed.text);
      assert.match(feed.headers.get('content-type'), /^text\/calendar; charset=utf-8/);
      assert.match(feed.headers.get('cache-control'), /private/);
      assert.equal(feed.headers.get('set-cookie'), null);

      // RFC 5545 shape that parsers may forgive: CRLF only, folded at 75 octets.
      assert.ok(feed.text.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(feed.text), 'every line break is CRLF');
      for (const line of feed.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line over 75 octets: ${line}`);

      const cal = new ICAL.Component(ICAL.parse(feed.text));
      assert.equal(cal.getFirstPropertyValue('method'), 'PUBLISH');
      assert.equal(cal.getFirstPropertyValue('x-wr-calname'), '醫橋預約');
      const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      const byId = Object.fromEntries(events.map((e) => [e.uid.replace(/@yiqiao$/, ''), e]));
      assert.deepEqual(
        Object.keys(byId).sort(),
        [ids.upcoming, ids.cancelledSoon, ids.completed, ids.childs].sort(),
        'own and the child, 30 days back to 180 ahead, cancelled ones only from today',
      );
      const upcoming = byId[ids.upcoming];
      assert.equal(upcoming.startDate.toUnixTime(), now + 2 * DAY);
      assert.equal(upcoming.endDate.toUnixTime(), now + 2 * DAY + 900);
      assert.equal(upcoming.startDate.zone.tzid, 'UTC');
      assert.match(upcoming.summary, /^普通科（.+）$/);
      assert.match(upcoming.location, /Harbour|海港|, /);
      assert.match(upcoming.description, new RegExp(`${srv.url}/appointments/${ids.upcoming}`));
      assert.equal(upcoming.component.getFirstPropertyValue('status'), 'CONFIRMED');
      assert.ok(upcoming.component.getFirstPropertyValue('dtstamp'));
      assert.equal(byId[ids.cancelledSoon].component.getFirstPropertyValue('status'), 'CANCELLED');
      assert.equal(byId[ids.cancelledSoon].location, '醫橋網上診症');
      assert.match(byId[ids.childs].summary, /^Chan Siu Ming：普通科/, 'a dependant appointment names the patient');

      // Reading it is audited for each patient shown.
      const audit = (await auditEvents(admin)).filter((e) => e.action === 'calendar_feed.read');
      const patients = new Set(audit.map((e) => e.patient_id));
      assert.ok(patients.has(patient.account.id) && patients.has(ids.child), 'audited per patient');
      assert.ok(!patients.has(patient2.account.id));
      assert.ok((await auditEvents(admin)).some((e) => e.action === 'calendar_feed.created' && e.actor_id === patient.account.id));
    });

    test('the URL is the credential: replaced or deleted, the old one is gone; unknown ones are 404', async () => {
      const first = expectStatus(await patient2.post('/api/v1/calendar-feed'), 201).json.url;
      assert.equal((await fetchFeed(first)).status, 200);
      const theirs = new ICAL.Component(ICAL.parse((await fetchFeed(first)).text));
      const uids = theirs.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'));
      assert.deepEqual(uids, [`${ids.someoneElses}@yiqiao`], "only patient2's own appointment");

      const second = expectStatus(await patient2.post('/api/v1/calendar-feed'), 201).json.url;
      assert.notEqual(second, first);
      const gone = await fetchFeed(first);
      assert.equal(gone.status, 404);
      assert.match(gone.headers.get('content-type'), /problem\+json/);
      assert.equal((await fetchFeed(second)).status, 200);

      expectStatus(await patient2.request('DELETE', '/api/v1/calendar-feed'), 204);
      assert.equal((await fetchFeed(second)).status, 404);
      expectStatus(await patient2.request('DELETE', '/api/v1/calendar-feed'), 204, 'deleting again is fine');

      const nobody = anonymous(srv);
      expectProblem(await nobody.get(`/calendar/${'A'.repeat(43)}.ics`), 404, 'not_found');
      expectProblem(await nobody.get('/calendar/short.ics'), 404, 'not_found');
      expectProblem(await nobody.post('/api/v1/calendar-feed'), 401, 'unauthenticated');
    });
  });
}
