// Queue benchmark: N patients (bearer tokens from the generator) open their WebSocket, then join one
// "see a doctor now" queue through the API with C requests in flight; then a doctor takes the next
// patient and, later, a patient in the middle leaves. Measures join latency and throughput, and
// how long until every waiting patient's socket has shown their new place.
//
//   node bench/booking/queue.mjs URL DATA_DIR [patients=5000] [concurrency=32]
//
// Prints one JSON line ("JSON {...}") with the figures.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const [url, dir, nArg, cArg] = process.argv.slice(2);
const N = Number(nArg ?? 5000);
const C = Number(cArg ?? 32);
const base = new URL(url);
const service = readFileSync(`${dir}/queue.txt`, 'utf8').trim();
const tsv = (f) => readFileSync(`${dir}/${f}`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const patients = tsv('patients.tsv').slice(-N); // the last ones: the booking runs use the first
const doctor = tsv('doctors.tsv')[0];
if (patients.length < N) throw new Error(`only ${patients.length} patient sessions`);

const agent = new http.Agent({ keepAlive: true, maxSockets: C });
function call(method, path, token, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: base.hostname, port: base.port, method, path, agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json',
                   ...(data ? { 'Content-Length': Buffer.byteLength(data) } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, body: text,
                                      ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      });
    req.on('error', reject);
    req.end(data);
  });
}
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const now = () => performance.now();

// --- every patient's socket; `place` is the last position each was told
const clients = [];
let closedEarly = 0;
let messages = 0;
async function openAll() {
  const wsUrl = url.replace(/^http/, 'ws') + '/ws';
  for (let i = 0; i < N; i += 200) {
    await Promise.all(patients.slice(i, i + 200).map(([id, token]) => new Promise((resolve, reject) => {
      const c = { id, token, place: null, lastAt: 0, entry: null };
      const ws = new WebSocket(wsUrl, { headers: { Authorization: `Bearer ${token}`, Origin: url } });
      c.ws = ws;
      // One process reads every patient's socket: parse only what is needed (a browser per
      // patient would not share a core with 4,999 others).
      ws.on('message', (data) => {
        messages++;
        const text = data.toString();
        if (!text.includes('"queue.position"') || !text.includes('"status":"waiting"')) return;
        const at = text.indexOf('"position":') + 11;
        c.place = Number(text.slice(at, text.indexOf(',', at)));
        c.lastAt = now();
        if (c.waiter && c.waiter()) c.waiter = null;
      });
      ws.on('close', () => { if (!c.done) closedEarly++; });
      ws.once('open', () => { clients.push(c); resolve(); });
      ws.once('error', reject);
    })));
  }
}

// Resolves when every client in `who` has been sent a place after `t0` (ms since `t0` for each).
// Which place is checked afterwards (placesRight): pushes run on several worker threads, so an
// older snapshot can arrive after a newer one.
function allTold(who, t0, timeoutMs = 30000) {
  return new Promise((resolve) => {
    let left = who.length;
    const times = [];
    const timer = setTimeout(() => resolve({ complete: false, reached: who.length - left, times }), timeoutMs);
    const told = () => {
      times.push(now() - t0);
      if (--left === 0) { clearTimeout(timer); resolve({ complete: true, reached: who.length, times }); }
    };
    for (const c of who) {
      if (c.lastAt >= t0) { told(); continue; }
      c.waiter = () => { told(); return true; };
    }
  });
}

// The places last shown to the clients still waiting should be 1..n, each once; a stale message
// shows up as a duplicate and a gap. Counts the places of 1..n that nobody was shown.
function placesMissing(who) {
  const seen = new Set(who.map((c) => c.place));
  let missing = 0;
  for (let p = 1; p <= who.length; p++) if (!seen.has(p)) missing++;
  return missing;
}

const quiet = (ms) => new Promise((resolve) => {
  let last = messages;
  const t = setInterval(() => { if (messages === last) { clearInterval(t); resolve(); } last = messages; }, ms);
});

const out = { patients: N, concurrency: C };
const tOpen = now();
await openAll();
out.ws_open_s = +((now() - tOpen) / 1000).toFixed(2);

let r = await call('PUT', `/api/v1/queues/${service}/duty`, doctor[1]);
if (r.status !== 200) throw new Error(`duty: ${r.status} ${r.body}`);

// --- joins, C in flight
const joinMs = [];
const statuses = {};
let next = 0;
const tJoin = now();
await Promise.all(Array.from({ length: C }, async () => {
  while (next < clients.length) {
    const c = clients[next++];
    const a = await call('POST', `/api/v1/queues/${service}/entries`, c.token, { symptoms: ['cough', 'fever'] });
    statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    joinMs.push(a.ms);
    if (a.status === 201) c.entry = JSON.parse(a.body).id;
  }
}));
const joinSeconds = (now() - tJoin) / 1000;
console.error(`queue: ${N} joins in ${joinSeconds.toFixed(1)} s, ${messages} messages so far, ${closedEarly} sockets closed`);
joinMs.sort((a, b) => a - b);
Object.assign(out, { join_per_s: Math.round(N / joinSeconds), join_s: +joinSeconds.toFixed(2),
  join_p50_ms: +pct(joinMs, 50).toFixed(1), join_p99_ms: +pct(joinMs, 99).toFixed(1),
  join_max_ms: +joinMs.at(-1).toFixed(1), join_status: statuses });
// Pushes still under way after the last answer: wait until the sockets are quiet.
const tSettle = now();
await quiet(500);
out.settle_after_joins_s = +((now() - tSettle) / 1000).toFixed(2);
const waiting = clients.filter((c) => c.entry && c.place !== null);
out.told_a_place = waiting.length;
out.places_missing_after_joins = placesMissing(waiting);

// --- a doctor takes the next patient: everyone else moves up one
waiting.sort((a, b) => a.place - b.place);
const first = waiting[0];
const rest = waiting.slice(1);
let t0 = now();
let wait = allTold(rest, t0);
r = await call('POST', `/api/v1/queues/${service}/next`, doctor[1]);
if (r.status !== 200) throw new Error(`next: ${r.status} ${r.body}`);
out.next_ms = +r.ms.toFixed(1);
let told = await wait;
told.times.sort((a, b) => a - b);
Object.assign(out, { next_all_told_ms: told.complete ? +told.times.at(-1).toFixed(0) : null,
  next_p50_told_ms: +pct(told.times, 50).toFixed(0), next_told: told.reached, next_to_tell: rest.length });
first.done = true;
await quiet(500);
out.places_missing_after_next = placesMissing(rest);

// --- someone in the middle leaves: those behind move up one, those ahead are told their place
rest.sort((a, b) => a.place - b.place);
const leaver = rest[Math.floor(rest.length / 2)];
const stay = rest.filter((c) => c !== leaver);
t0 = now();
wait = allTold(stay, t0);
r = await call('POST', `/api/v1/queue-entries/${leaver.entry}/leave`, leaver.token);
if (r.status !== 200) throw new Error(`leave: ${r.status} ${r.body}`);
out.leave_ms = +r.ms.toFixed(1);
told = await wait;
told.times.sort((a, b) => a - b);
Object.assign(out, { leave_all_told_ms: told.complete ? +told.times.at(-1).toFixed(0) : null,
  leave_p50_told_ms: +pct(told.times, 50).toFixed(0), leave_told: told.reached, leave_to_tell: stay.length });
await quiet(500);
out.places_missing_after_leave = placesMissing(stay);
out.ws_closed_by_server = closedEarly;

// --- the entries stay behind (run.sh ends them in the database before the next run: 5,000 leaves
// through the API would take longer than the measurement)
await call('DELETE', `/api/v1/queues/${service}/duty`, doctor[1]);
for (const c of clients) c.done = true;
for (const c of clients) c.ws.close();
agent.destroy();
console.log(`JSON ${JSON.stringify(out)}`);
process.exit(0);
