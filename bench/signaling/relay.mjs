// Signaling relay latency under load: ICE candidates sent between the two pages of many calls at a
// fixed total rate, timed from the sending page's ws.send to the receiving page's message event.
//
//   node bench/signaling/relay.mjs --url URL --pid SERVER_PID --database sqlite:PATH [--rooms 50]
//        [--rate 5000] [--duration 30] [--warmup 5] [--drain 5] [--procs 1] [--totp-file F]
//
// Setup, as a browser would do it: the demo patient and doctor sign in (the doctor with TOTP);
// `rooms` video appointments starting in the next minutes are written into the database (each at
// its own second: a doctor has one slot per start time) and the patient opens each one's room.
// For every room the patient's page and the doctor's page each get a room token (POST .../join),
// open /ws and send room.join; the doctor admits the patient. Load: every room carries two
// streams (patient → doctor, doctor → patient); one timer sends candidates round robin over all
// streams at `rate` messages a second in total, open loop (sends are due at fixed times, whatever
// the answers do; a late timer catches up at once). Each candidate carries its sequence number,
// the time it was due and the time it was sent (process.hrtime, ns); the receiving page, in the
// same process, takes its own time when the message event fires. Messages due during the first
// `warmup` seconds are not counted; the `duration` seconds after are, and those never received
// within `drain` seconds of the end are lost. With `procs` > 1 the rooms and the rate are split
// over forked processes, each holding both pages of its rooms, so sender and receiver always
// share one clock. The doctor's authenticator secret is kept in --totp-file (default: beside the
// SQLite file) for later runs against the same server. Prints one JSON line ("JSON {...}").
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { signIn, nextCode, rememberAuthenticator, enrolAuthenticator, DEMO_PASSWORD } from '../../tests/integration/lib/auth.mjs';
import { Client, expectStatus } from '../../tests/integration/lib/client.mjs';
import { openWs } from '../../tests/integration/lib/ws.mjs';
import { addService, addAppointment, nowSeconds, sql } from '../../tests/integration/lib/rows.mjs';
import os from 'node:os';
import { memoryOf, cpuSecondsOf, machineCpu, cpuPressureUs, sleep, log, pct, round, flags, forkWorkers, serveWorker } from './lib.mjs';

if (process.argv[2] === '--worker') worker();
else await coordinator();

/**
 * The demo doctor's session. A fresh server asks for the authenticator's enrolment at the first
 * sign-in; its secret is kept in `secretFile` so that a later run against the same server can give
 * a code (a code already used by an earlier process is refused as a replay: then the next one).
 */
async function signInDoctor(srv, secretFile) {
  const email = 'doctor@demo.yiqiao.hk';
  if (existsSync(secretFile)) rememberAuthenticator(srv, email, readFileSync(secretFile, 'utf8').trim());
  else {
    const c = await signIn(srv, 'doctor', { enrol: false });
    if (!c.account.mfa_enrolment_required) throw new Error(`the doctor has an authenticator but ${secretFile} is missing`);
    writeFileSync(secretFile, (await enrolAuthenticator(srv, c, email)).secret);
    return c;
  }
  for (let attempt = 0; ; attempt++) {
    const c = new Client(srv.url);
    const { code } = await nextCode(srv, email);
    const a = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp_code: code });
    if (a.status === 200) {
      c.account = a.json.account;
      return c;
    }
    if (attempt === 3) expectStatus(a, 200, 'doctor sign-in');
  }
}

/** The next message of an openWs() socket that matches `pred` (others are skipped). */
async function nextWhere(ws, pred, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = await ws.next(Math.max(1, deadline - Date.now()));
    if (pred(m)) return m;
  }
}

// ---- a client process: both pages of its rooms ---------------------------------------------------
function worker() {
  let rooms = [];
  serveWorker({
    // Both pages of each room in the call, the patient admitted by the doctor.
    async setup({ url, patientCookie, doctorCookie, patientId, roomIds, tag }) {
      const srv = { url };
      const patient = new Client(url, { cookie: patientCookie, fixed: true });
      const doctor = new Client(url, { cookie: doctorCookie, fixed: true });
      const enter = async (client, room, peer) => {
        const joined = expectStatus(await client.post(`/api/v1/consultations/${room}/join`), 200, 'join').json;
        const ws = await openWs(srv, { cookie: client.token });
        await nextWhere(ws, (m) => m.type === 'hello');
        ws.send({ type: 'room.join', token: joined.token, peer_id: peer });
        const first = await nextWhere(ws, (m) => m.type === 'room.joined' || m.type === 'room.error');
        if (first.type !== 'room.joined') throw new Error(`room.join ${room}: ${JSON.stringify(first)}`);
        return { ws, first };
      };
      rooms = [];
      for (const [k, id] of roomIds.entries()) {
        const pPeer = `pat-${tag}-${k}-page`;
        const dPeer = `doc-${tag}-${k}-page`;
        const p = await enter(patient, id, pPeer);
        const d = await enter(doctor, id, dPeer);
        if (!d.first.admitted) throw new Error(`doctor not admitted in ${id}`);
        expectStatus(await doctor.post(`/api/v1/consultations/${id}/participants/${patientId}/admit`), 200, 'admit');
        let admitted = p.first;
        if (!admitted.admitted) {
          admitted = await nextWhere(p.ws, (m) => m.type === 'room.joined');
          if (!admitted.admitted) throw new Error(`patient not admitted in ${id}`);
        }
        const seen = await nextWhere(d.ws, (m) => m.type === 'room.peer_joined');
        // Servers that number each entry of a page (`epoch`) want the target's number with every
        // signal, as the web app sends it: the patient's page learns the doctor's from the peers of
        // its room.joined, the doctor's page the patient's from room.peer_joined.
        const dEpoch = admitted.peers?.find((x) => x.peer_id === dPeer)?.epoch;
        const pEpoch = seen.peer?.epoch;
        rooms.push({ id, pPeer, dPeer, pEpoch, dEpoch, p: p.ws, d: d.ws });
      }
      // One candidate each way before the load, so that a refusal shows up as such (a protocol
      // change, say) rather than as 100% lost.
      for (const r of rooms.slice(0, 1)) {
        for (const [from, to, peer, epoch] of [[r.p, r.d, r.dPeer, r.dEpoch], [r.d, r.p, r.pPeer, r.pEpoch]]) {
          from.send({ type: 'rtc.signal', consultation_id: r.id, to: peer, ...(epoch === undefined ? {} : { to_epoch: epoch }),
                      candidate: { candidate: 'candidate:0 1 udp 2122260223 192.0.2.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
          let got;
          try {
            got = await nextWhere(to, (m) => m.type === 'rtc.signal', 5000);
          } catch {
            const why = await nextWhere(from, (m) => m.type === 'room.error', 1000).catch(() => 'no answer');
            throw new Error(`a probe candidate did not arrive: ${JSON.stringify(why)}`);
          }
          if (got.candidate?.sdpMid !== '0') throw new Error(`probe garbled: ${JSON.stringify(got)}`);
        }
      }
      return { rooms: rooms.length };
    },

    async run({ rate, warmup, duration, drain }) {
      // Two streams a room: [sender socket, receiving socket, the receiver's peer id].
      const streams = rooms.flatMap((r) => [
        { from: r.p.ws, to: r.d.ws, room: r.id, toPeer: r.dPeer, toEpoch: r.dEpoch },
        { from: r.d.ws, to: r.p.ws, room: r.id, toPeer: r.pPeer, toEpoch: r.pEpoch },
      ]);
      const total = Math.ceil(rate * (warmup + duration));
      const windowFirst = Math.ceil(rate * warmup);
      const windowEnd = total; // [windowFirst, windowEnd) is measured
      const sentAt = new Float64Array(total); // ns, as sent
      const latency = new Float64Array(total).fill(NaN); // ms
      let received = 0;
      let reorders = 0;
      let unexpectedCloses = 0;
      const errors = {};
      const other = {};

      for (const [i, s] of streams.entries()) {
        const epoch = s.toEpoch === undefined ? '' : `"to_epoch":${s.toEpoch},`;
        s.prefix = `{"type":"rtc.signal","consultation_id":"${s.room}","to":"${s.toPeer}",${epoch}"candidate":{"candidate":"candidate:`;
        s.host = `1 udp 2122260223 192.0.2.${1 + (i % 250)} ${50000 + (i % 10000)} typ host generation 0 ufrag bnch network-cost 999`;
        s.to.removeAllListeners('message'); // openWs's queue: from here on only our handler reads
        s.to.lastSeq = -1;
        s.to.on('message', (data) => {
          const at = process.hrtime.bigint();
          const text = data.toString();
          if (!text.startsWith('{"type":"rtc.signal"') && !text.includes('"type":"rtc.signal"')) {
            const type = /"type":"([^"]+)"/.exec(text)?.[1] ?? '?';
            const code = /"code":"([^"]+)"/.exec(text)?.[1];
            if (type === 'room.error') errors[code] = (errors[code] ?? 0) + 1;
            else other[type] = (other[type] ?? 0) + 1;
            return;
          }
          const c = text.indexOf('candidate:') + 10;
          const seq = Number(text.slice(c, text.indexOf(' ', c)));
          const t = text.indexOf(' ts=', c) + 4;
          const ts = Number(text.slice(t, text.indexOf('"', t)));
          if (!(seq >= 0 && seq < total) || !Number.isNaN(latency[seq])) return;
          latency[seq] = (Number(at) - ts) / 1e6;
          received++;
          if (seq < s.to.lastSeq) reorders++;
          s.to.lastSeq = seq;
        });
        s.to.once('close', () => unexpectedCloses++);
      }

      // Client stalls: a 1 ms heartbeat that fires more than STALL_MS late means this process did
      // not run (busy, collecting garbage, or not given a core). A message whose flight overlaps a
      // stall has the stall in its latency, whatever the server did.
      const STALL_NS = 5e6;
      const stalls = [];
      let beat = Number(process.hrtime.bigint());
      const heart = setInterval(() => {
        const now = Number(process.hrtime.bigint());
        if (now - beat > STALL_NS) stalls.push([beat, now]);
        beat = now;
      }, 1);
      const loop = monitorEventLoopDelay({ resolution: 1 });
      const periodNs = 1e9 / rate;
      let cpuStart = null;
      let lag = [];
      const t0 = Number(process.hrtime.bigint());
      let sent = 0;
      await new Promise((resolve) => {
        const tick = () => {
          const now = Number(process.hrtime.bigint());
          const due = Math.min(total, Math.floor((now - t0) / periodNs) + 1);
          if (cpuStart === null && sent >= windowFirst) {
            cpuStart = process.cpuUsage();
            loop.enable();
          }
          for (; sent < due; sent++) {
            const s = streams[sent % streams.length];
            const sch = t0 + sent * periodNs;
            const ts = Number(process.hrtime.bigint());
            sentAt[sent] = ts;
            if (sent >= windowFirst) lag.push((ts - sch) / 1e6);
            s.from.send(`${s.prefix}${sent} ${s.host} ts=${ts}","sdpMid":"0","sdpMLineIndex":0}}`);
          }
          if (sent < total) setTimeout(tick, 1);
          else resolve();
        };
        tick();
      });
      loop.disable();
      const cpu = process.cpuUsage(cpuStart);
      const tEnd = Number(process.hrtime.bigint());
      // Drain: what is still on its way.
      const inWindow = () => {
        let n = 0;
        for (let i = windowFirst; i < windowEnd; i++) if (!Number.isNaN(latency[i])) n++;
        return n;
      };
      while (received < total && Number(process.hrtime.bigint()) - tEnd < drain * 1e9) await sleep(50);
      clearInterval(heart);

      // Stalls are in time order and do not overlap: the first one ending after the send decides.
      const ends = stalls.map((x) => x[1]);
      const overlapsStall = (from, to) => {
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ends[mid] <= from) lo = mid + 1;
          else hi = mid;
        }
        return lo < stalls.length && stalls[lo][0] < to;
      };
      const lat = [];
      const clean = [];
      for (let i = windowFirst; i < windowEnd; i++) {
        if (Number.isNaN(latency[i])) continue;
        lat.push(latency[i]);
        if (!overlapsStall(sentAt[i], sentAt[i] + latency[i] * 1e6)) clean.push(latency[i]);
      }
      const windowStart = sentAt[windowFirst];
      const windowStalls = stalls.filter((x) => x[1] > windowStart);
      lag.sort((a, b) => a - b);
      const sentWindow = windowEnd - windowFirst;
      const span = (sentAt[windowEnd - 1] - sentAt[windowFirst]) / 1e9;
      return {
        streams: streams.length,
        sent_total: sent,
        received_total: received,
        sent_window: sentWindow,
        received_window: inWindow(),
        send_span_s: span,
        latencies: lat,
        latencies_clean: clean,
        stalls: windowStalls.length,
        stall_ms_total: windowStalls.reduce((a, x) => a + (x[1] - x[0]) / 1e6, 0),
        stall_ms_max: windowStalls.reduce((a, x) => Math.max(a, (x[1] - x[0]) / 1e6), 0),
        reorders,
        errors,
        other,
        unexpected_closes: unexpectedCloses,
        client_cpu_s: (cpu.user + cpu.system) / 1e6,
        loop_delay_p99_ms: loop.count ? loop.percentile(99) / 1e6 : null,
        loop_delay_max_ms: loop.count ? loop.max / 1e6 : null,
        send_lag_p50_ms: pct(lag, 50),
        send_lag_p99_ms: pct(lag, 99),
        send_lag_max_ms: lag.at(-1) ?? null,
      };
    },
  });
}

// ---- the coordinator -----------------------------------------------------------------------------
async function coordinator() {
  const o = flags(process.argv.slice(2));
  if (!o.url || !o.pid || !o.database) {
    console.error('usage: node bench/signaling/relay.mjs --url URL --pid SERVER_PID --database sqlite:PATH [--rooms 50] [--rate 5000] ...');
    process.exit(2);
  }
  const R = o.rooms ?? 50;
  const rate = o.rate ?? 5000;
  const duration = o.duration ?? 30;
  const warmup = o.warmup ?? 5;
  const drain = o.drain ?? 5;
  const procs = Math.max(1, Math.min(o.procs ?? 1, R));
  const pid = o.pid;
  const srv = { url: o.url, backend: o.database.startsWith('sqlite:') ? 'sqlite' : 'postgresql', database: o.database };

  const patient = await signIn(srv, 'patient');
  const doctor = await signInDoctor(srv, o['totp-file'] ?? join(dirname(o.database.slice('sqlite:'.length)), 'bench-doctor-totp'));
  const svc = addService(srv);
  // Rooms open 10 minutes before the start: every appointment starts within the next 9, each at a
  // second no other slot of the doctor's starts at (earlier runs, the demo clinics).
  const now = nowSeconds();
  const taken = new Set(
    sql(srv, `SELECT starts_at FROM slots WHERE doctor_id = '${svc.doctor}' AND starts_at BETWEEN ${now} AND ${now + 600}`).map((r) => Number(r[0])),
  );
  const starts = [];
  for (let t = now + 30; t < now + 540 && starts.length < R; t++) if (!taken.has(t)) starts.push(t);
  if (starts.length < R) throw new Error(`no room for ${R} appointments in the next 9 minutes (at most about 500)`);
  const roomIds = [];
  for (let i = 0; i < R; i++) {
    const appointment = addAppointment(srv, svc, { patient: patient.account.id, startsAt: starts[i] });
    roomIds.push(expectStatus(await patient.post(`/api/v1/appointments/${appointment}/consultation`), 200, 'open room').json.id);
  }
  log(`relay: ${R} rooms opened`);

  const workers = forkWorkers(fileURLToPath(import.meta.url), procs);
  const parts = workers.map((_, w) => roomIds.filter((_, i) => i % procs === w));
  await Promise.all(
    workers.map((w, i) =>
      w.call('setup', {
        url: srv.url,
        patientCookie: patient.token,
        doctorCookie: doctor.token,
        patientId: patient.account.id,
        roomIds: parts[i],
        tag: `w${i}`,
      }),
    ),
  );
  log(`relay: ${R} calls up (both pages joined, the patient admitted); sending ${rate} msg/s for ${warmup} + ${duration} s`);

  const running = Promise.all(
    workers.map((w, i) => w.call('run', { rate: (rate * parts[i].length) / R, warmup, duration, drain })),
  );
  await sleep(warmup * 1000);
  const cpu0 = cpuSecondsOf(pid);
  const mem0 = memoryOf(pid);
  const machine0 = machineCpu();
  const psi0 = cpuPressureUs();
  await sleep(duration * 1000);
  const cpu1 = cpuSecondsOf(pid);
  const mem1 = memoryOf(pid);
  const machine1 = machineCpu();
  const psi1 = cpuPressureUs();
  const results = await running;
  for (const w of workers) w.kill();

  const sum = (k) => results.reduce((a, r) => a + r[k], 0);
  const max = (k) => Math.max(...results.map((r) => r[k] ?? 0));
  const lat = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const clean = results.flatMap((r) => r.latencies_clean).sort((a, b) => a - b);
  const machineBusy = machine1.busy - machine0.busy;
  const elapsed = (machine1.total - machine0.total) / os.cpus().length;
  const merge = (k) => {
    const m = {};
    for (const r of results) for (const [c, n] of Object.entries(r[k])) m[c] = (m[c] ?? 0) + n;
    return m;
  };
  const sentWindow = sum('sent_window');
  const receivedWindow = sum('received_window');
  const out = {
    rooms: R,
    cores: os.cpus().length,
    streams: sum('streams'),
    procs,
    rate_target: rate,
    warmup_s: warmup,
    duration_s: duration,
    sent_window: sentWindow,
    rate_achieved: Math.round(results.reduce((a, r) => a + r.sent_window / r.send_span_s, 0)),
    received_window: receivedWindow,
    lost_window: sentWindow - receivedWindow,
    sent_total: sum('sent_total'),
    received_total: sum('received_total'),
    reorders: sum('reorders'),
    room_errors: merge('errors'),
    other_messages: merge('other'),
    closed_by_server: sum('unexpected_closes'),
    p50_ms: round(pct(lat, 50), 3),
    p90_ms: round(pct(lat, 90), 3),
    p99_ms: round(pct(lat, 99), 3),
    p999_ms: round(pct(lat, 99.9), 3),
    max_ms: round(lat.at(-1) ?? null, 3),
    mean_ms: round(lat.reduce((a, x) => a + x, 0) / (lat.length || 1), 3),
    // The same percentiles without the messages whose flight overlapped a stall of the client
    // process (a heartbeat more than 5 ms late): closer to what the server alone adds.
    clean_count: clean.length,
    clean_p50_ms: round(pct(clean, 50), 3),
    clean_p99_ms: round(pct(clean, 99), 3),
    clean_p999_ms: round(pct(clean, 99.9), 3),
    clean_max_ms: round(clean.at(-1) ?? null, 3),
    client_stalls: sum('stalls'),
    client_stall_ms_total: round(sum('stall_ms_total'), 1),
    client_stall_ms_max: round(max('stall_ms_max'), 1),
    server_cpu_pct: round((100 * (cpu1 - cpu0)) / duration, 1),
    // Whether other work competed: the whole machine's busy time (/proc/stat, tick-sampled, so
    // only a rough figure; 100% = one core) and how much of the time some task waited for a core
    // (pressure stall information, exact).
    machine_cpu_pct: round((100 * machineBusy) / elapsed, 1),
    cpu_pressure_pct: psi0 === null ? null : round((100 * (psi1 - psi0)) / 1e6 / elapsed, 1),
    server_rss: mem1.rss,
    server_rss_growth: mem1.rss - mem0.rss,
    client_cpu_pct: round((100 * sum('client_cpu_s')) / duration, 1),
    client_cpu_pct_max_proc: round((100 * max('client_cpu_s')) / duration, 1),
    client_loop_delay_p99_ms: round(max('loop_delay_p99_ms'), 2),
    client_loop_delay_max_ms: round(max('loop_delay_max_ms'), 2),
    client_send_lag_p99_ms: round(max('send_lag_p99_ms'), 2),
    client_send_lag_max_ms: round(max('send_lag_max_ms'), 2),
  };
  log(
    `relay: ${out.received_window}/${out.sent_window} received at ${out.rate_achieved} msg/s; ` +
      `p50 ${out.p50_ms} ms, p99 ${out.p99_ms} ms, p99.9 ${out.p999_ms} ms, max ${out.max_ms} ms; ` +
      `without client stalls p99 ${out.clean_p99_ms} ms (${out.client_stalls} stalls, longest ${out.client_stall_ms_max} ms); ` +
      `server CPU ${out.server_cpu_pct}%, client CPU ${out.client_cpu_pct}%, machine ${out.machine_cpu_pct}%, CPU pressure ${out.cpu_pressure_pct}%`,
  );
  console.log(`JSON ${JSON.stringify(out)}`);
  process.exit(0);
}
