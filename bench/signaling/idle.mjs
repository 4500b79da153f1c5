// Idle WebSockets: how many a node holds and what each costs the server in memory.
//
//   node bench/signaling/idle.mjs --url URL --pid SERVER_PID [--connections 10000] [--sessions 4]
//        [--settle 5] [--hold 45] [--procs 1] [--concurrency 100]
//
// Signs the demo patients in (`sessions` sessions, round robin over patient, patient2, patient3),
// then opens and closes a few sockets to warm the server up (thread caches, statement cache, malloc
// arenas), waits `settle` seconds and reads the server's memory ("before"). It then opens a tenth
// of the connections, settles and reads again, opens the rest, waits for every socket's "hello",
// settles and reads again ("after"). Bytes per connection: (after - before) / N, and the marginal
// cost between the tenth and all of them. The sockets are then held for `hold` seconds (the server
// pings a quiet socket halfway through --ws-idle-seconds, 40 by default, and closes it if no pong
// comes back by the end: the `ws` client answers pings by itself, so with hold > 40 s every socket
// has had to answer), counting closes we did not ask for. Last, everything is closed and memory
// read once more. The sockets are opened by `procs` forked client processes (the coordinator
// only signs in and reads /proc). Prints one JSON line ("JSON {...}").
import WebSocket from 'ws';
import { fileURLToPath } from 'node:url';
import { signIn } from '../../tests/integration/lib/auth.mjs';
import { memoryOf, cpuSecondsOf, tcpSockstat, sleep, log, round, flags, forkWorkers, serveWorker } from './lib.mjs';

const WARMUP_SOCKETS = 50;

if (process.argv[2] === '--worker') worker();
else await coordinator();

// ---- the client processes: open, count, close ---------------------------------------------------
function worker() {
  const sockets = [];
  let pings = 0;
  let unexpectedCloses = 0;
  const closeCodes = {};
  const errors = {};

  function openOne(url, token) {
    return new Promise((resolve) => {
      const s = { pings: 0, closed: false, closing: false };
      const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws', {
        headers: { Cookie: `yq_session=${token}`, Origin: url },
        perMessageDeflate: false, // the server does not negotiate it; keep the client lean
        handshakeTimeout: 60_000,
      });
      s.ws = ws;
      let settled = false;
      const done = (what) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(what);
      };
      const timer = setTimeout(() => done('no hello within 60 s'), 60_000);
      ws.on('message', (data) => {
        if (!settled && data.toString().includes('"type":"hello"')) {
          sockets.push(s);
          done('hello');
        }
      });
      ws.on('ping', () => {
        pings++;
        s.pings++;
      });
      ws.on('close', (code) => {
        s.closed = true;
        if (settled && !s.closing) {
          unexpectedCloses++;
          closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        }
        done(`closed ${code} before hello`);
      });
      ws.on('unexpected-response', (req, res) => {
        done(`upgrade refused: HTTP ${res.statusCode}`);
        ws.terminate();
      });
      ws.on('error', (e) => done(e.code ?? e.message));
    });
  }

  serveWorker({
    // Opens `count` sockets with `concurrency` handshakes in flight; resolves when each has its
    // hello or failed.
    async open({ url, tokens, count, concurrency }) {
      let next = 0;
      let ok = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            const i = next++;
            const what = await openOne(url, tokens[i % tokens.length]);
            if (what === 'hello') ok++;
            else errors[what] = (errors[what] ?? 0) + 1;
          }
        }),
      );
      return { opened: ok, failed: count - ok, ms: performance.now() - t0, errors };
    },
    status() {
      const open = sockets.filter((s) => !s.closed).length;
      return {
        open,
        unexpected_closes: unexpectedCloses,
        close_codes: closeCodes,
        pings,
        sockets_pinged: sockets.filter((s) => s.pings > 0).length,
        rss: process.memoryUsage().rss,
        cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      };
    },
    // Closes every socket (close handshake) and waits for all of them, 60 s at most.
    async closeAll() {
      const t0 = performance.now();
      const open = sockets.filter((s) => !s.closed);
      await Promise.all(
        open.map(
          (s) =>
            new Promise((resolve) => {
              s.closing = true;
              const t = setTimeout(() => {
                s.ws.terminate();
                resolve();
              }, 60_000);
              s.ws.once('close', () => {
                clearTimeout(t);
                resolve();
              });
              s.ws.close(1000);
            }),
        ),
      );
      sockets.length = 0;
      return { closed: open.length, ms: performance.now() - t0 };
    },
  });
}

// ---- the coordinator: sign in, drive the workers, read the server's memory ----------------------
async function coordinator() {
  const o = flags(process.argv.slice(2));
  const url = o.url;
  const pid = o.pid;
  if (!url || !pid) {
    console.error('usage: node bench/signaling/idle.mjs --url URL --pid SERVER_PID [--connections N] ...');
    process.exit(2);
  }
  const N = o.connections ?? 10000;
  const sessions = o.sessions ?? 4;
  const settle = (o.settle ?? 5) * 1000;
  const hold = (o.hold ?? 45) * 1000;
  const procs = Math.max(1, o.procs ?? 1);
  const concurrency = o.concurrency ?? 100;
  const srv = { url };

  const who = ['patient', 'patient2', 'patient3'];
  const tokens = [];
  for (let i = 0; i < sessions; i++) tokens.push((await signIn(srv, who[i % who.length])).token);
  log(`idle: ${sessions} sessions signed in`);

  const workers = forkWorkers(fileURLToPath(import.meta.url), procs);
  const share = (n) => workers.map((_, i) => Math.floor(n / procs) + (i < n % procs ? 1 : 0));
  const openOnAll = async (n) => {
    const parts = share(n);
    const t0 = performance.now();
    const r = await Promise.all(
      workers.map((w, i) => w.call('open', { url, tokens, count: parts[i], concurrency: Math.ceil(concurrency / procs) })),
    );
    const errors = {};
    for (const x of r) for (const [k, v] of Object.entries(x.errors)) errors[k] = (errors[k] ?? 0) + v;
    return {
      opened: r.reduce((a, x) => a + x.opened, 0),
      failed: r.reduce((a, x) => a + x.failed, 0),
      ms: performance.now() - t0,
      errors,
    };
  };
  const statusOfAll = async () => {
    const r = await Promise.all(workers.map((w) => w.call('status')));
    const sum = (k) => r.reduce((a, x) => a + x[k], 0);
    const codes = {};
    for (const x of r) for (const [k, v] of Object.entries(x.close_codes)) codes[k] = (codes[k] ?? 0) + v;
    return {
      open: sum('open'),
      unexpected_closes: sum('unexpected_closes'),
      close_codes: codes,
      pings: sum('pings'),
      sockets_pinged: sum('sockets_pinged'),
      client_rss: sum('rss'),
      client_cpu_s: sum('cpu_s'),
    };
  };
  const closeAll = async () => {
    const t0 = performance.now();
    const r = await Promise.all(workers.map((w) => w.call('closeAll')));
    return { closed: r.reduce((a, x) => a + x.closed, 0), ms: performance.now() - t0 };
  };
  const snapshot = (label) => {
    const m = { label, ...memoryOf(pid), tcp: tcpSockstat(), server_cpu_s: cpuSecondsOf(pid) };
    log(
      `idle: ${label}: server RSS ${(m.rss / 1048576).toFixed(1)} MiB, Pss ${m.pss === null ? '-' : (m.pss / 1048576).toFixed(1) + ' MiB'}, ` +
        `anonymous ${(m.anon / 1048576).toFixed(1)} MiB, ${m.threads} threads; TCP sockets in use ${m.tcp.inuse}, socket buffers ${m.tcp.mem_pages} pages`,
    );
    return m;
  };

  const out = { connections: N, sessions, procs, settle_s: settle / 1000, hold_s: hold / 1000 };

  // Warm-up: the first connections pay for thread caches, statement caches, arenas.
  const warm = await openOnAll(Math.min(WARMUP_SOCKETS, N));
  await closeAll();
  out.warmup = warm.opened;
  await sleep(settle);
  const before = snapshot('before');

  // A tenth, then the rest.
  const tenth = Math.max(1, Math.floor(N / 10));
  const t0 = performance.now();
  const first = await openOnAll(tenth);
  const firstMs = performance.now() - t0;
  await sleep(settle);
  const atTenth = snapshot(`${first.opened} open`);
  const t1 = performance.now();
  const rest = await openOnAll(N - tenth);
  const openMs = firstMs + (performance.now() - t1);
  const opened = first.opened + rest.opened;
  const errors = { ...first.errors };
  for (const [k, v] of Object.entries(rest.errors)) errors[k] = (errors[k] ?? 0) + v;
  log(`idle: ${opened} of ${N} sockets open with hello in ${(openMs / 1000).toFixed(1)} s (${rest.failed + first.failed} failed)`);
  await sleep(settle);
  const after = snapshot(`${opened} open`);
  const afterStatus = await statusOfAll();

  // Hold: still open after `hold` seconds?
  const tHold = performance.now();
  while (performance.now() - tHold < hold) {
    await sleep(Math.min(5000, hold - (performance.now() - tHold)));
    const s = await statusOfAll();
    log(`idle: holding, ${((performance.now() - tHold) / 1000).toFixed(0)} s: ${s.open} open, ${s.unexpected_closes} closed by the server, ${s.pings} pings answered`);
  }
  const held = await statusOfAll();
  const afterHold = snapshot(`after ${hold / 1000} s held`);

  const closing = await closeAll();
  log(`idle: closed ${closing.closed} in ${(closing.ms / 1000).toFixed(1)} s`);
  await sleep(settle);
  const closed = snapshot('all closed');
  for (const w of workers) w.kill();

  const per = (a, b, n) => (n > 0 ? Math.round((b - a) / n) : null);
  Object.assign(out, {
    opened,
    failed: N - opened,
    open_errors: errors,
    open_s: round(openMs / 1000),
    opens_per_s: Math.round(opened / (openMs / 1000)),
    held_open: held.open,
    closed_by_server_during_hold: held.unexpected_closes - afterStatus.unexpected_closes,
    closed_by_server_total: held.unexpected_closes,
    close_codes: held.close_codes,
    pings_answered: held.pings,
    sockets_pinged: held.sockets_pinged,
    rss_before: before.rss,
    rss_tenth: atTenth.rss,
    rss_after: after.rss,
    rss_after_hold: afterHold.rss,
    rss_after_close: closed.rss,
    pss_before: before.pss,
    pss_after: after.pss,
    anon_before: before.anon,
    anon_after: after.anon,
    server_threads: after.threads,
    bytes_per_conn_rss: per(before.rss, after.rss, opened),
    bytes_per_conn_pss: before.pss === null ? null : per(before.pss, after.pss, opened),
    bytes_per_conn_anon: per(before.anon, after.anon, opened),
    bytes_per_conn_rss_marginal: per(atTenth.rss, after.rss, opened - first.opened),
    bytes_per_conn_after_hold: per(before.rss, afterHold.rss, held.open),
    // Kernel memory is not in RSS: socket buffers of both ends (whole machine, pages of 4 KiB).
    tcp_inuse_before: before.tcp.inuse,
    tcp_inuse_after: after.tcp.inuse,
    tcp_mem_pages_before: before.tcp.mem_pages,
    tcp_mem_pages_after: after.tcp.mem_pages,
    server_cpu_s_opening: round(after.server_cpu_s - before.server_cpu_s),
    server_cpu_s_hold: round(afterHold.server_cpu_s - after.server_cpu_s),
    server_cpu_s_closing: round(closed.server_cpu_s - afterHold.server_cpu_s),
    close_s: round(closing.ms / 1000),
    client_rss_open: afterStatus.client_rss,
    client_cpu_s: round(held.client_cpu_s),
  });
  console.log(`JSON ${JSON.stringify(out)}`);
  process.exit(0);
}
