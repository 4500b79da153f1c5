// The Markdown summary of a run.sh output folder: idle.json and relay.json (either may be missing).
//
//   node bench/signaling/report.mjs bench/signaling/out/<time>
import { readFileSync, existsSync } from 'node:fs';

const dir = process.argv[2];
const read = (f) => (existsSync(`${dir}/${f}`) ? JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) : null);
const idle = read('idle.json');
const relay = read('relay.json');
const n = (x) => (x === null || x === undefined ? '—' : x.toLocaleString('en-US'));
const mib = (b) => (b === null || b === undefined ? '—' : `${(b / 1048576).toFixed(1)} MiB`);
const kb = (b) => (b === null || b === undefined ? '—' : `${(b / 1000).toFixed(1)} KB`);
const lines = [];

if (idle) {
  const verdict =
    idle.connections < 10000
      ? `not tested at goal scale (${n(idle.connections)} asked); ${kb(idle.bytes_per_conn_rss)} each at this scale`
      : idle.held_open >= 10000 && idle.bytes_per_conn_rss < 20000
        ? 'met'
        : 'not met';
  lines.push(
    `**Idle WebSockets** (${n(idle.connections)} asked, ${idle.sessions} sessions, ${idle.procs} client process(es), held ${idle.hold_s} s):`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| opened (hello received) | ${n(idle.opened)} of ${n(idle.connections)} in ${idle.open_s} s (${n(idle.opens_per_s)}/s)${idle.failed ? `; failed: ${JSON.stringify(idle.open_errors)}` : ''} |`,
    `| still open after ${idle.hold_s} s | ${n(idle.held_open)} |`,
    `| closed by the server | ${n(idle.closed_by_server_total)}${idle.closed_by_server_total ? ` (codes ${JSON.stringify(idle.close_codes)})` : ''} |`,
    `| pings answered (sockets pinged) | ${n(idle.pings_answered)} (${n(idle.sockets_pinged)}) |`,
    `| server RSS before / with all open / after hold / all closed | ${mib(idle.rss_before)} / ${mib(idle.rss_after)} / ${mib(idle.rss_after_hold)} / ${mib(idle.rss_after_close)} |`,
    `| server Pss before / with all open | ${mib(idle.pss_before)} / ${mib(idle.pss_after)} |`,
    `| server RssAnon before / with all open | ${mib(idle.anon_before)} / ${mib(idle.anon_after)} |`,
    `| **RSS per connection** (after − before) / N | **${kb(idle.bytes_per_conn_rss)}** (${n(idle.bytes_per_conn_rss)} B) |`,
    `| anonymous memory (RssAnon: heap, stacks) per connection | ${kb(idle.bytes_per_conn_anon)} |`,
    `| Pss per connection | ${kb(idle.bytes_per_conn_pss)} |`,
    `| RSS per connection, marginal (tenth → all) | ${kb(idle.bytes_per_conn_rss_marginal)} |`,
    `| kernel TCP buffers, whole machine (before → with all open) | ${n(idle.tcp_mem_pages_before)} → ${n(idle.tcp_mem_pages_after)} pages |`,
    `| server CPU: opening / holding / closing | ${idle.server_cpu_s_opening} s / ${idle.server_cpu_s_hold} s / ${idle.server_cpu_s_closing ?? '—'} s |`,
    `| closing all (until the client saw every close) | ${idle.close_s} s |`,
    `| client RSS with all open | ${mib(idle.client_rss_open)} |`,
    '',
    `Goal: 10,000 connections at under 20 KB each: **${verdict}**.`,
    '',
  );
}
if (relay) {
  const verdict =
    relay.rate_target < 5000
      ? `not tested at goal rate (${n(relay.rate_target)} msg/s asked); p99 ${relay.p99_ms} ms at this rate`
      : relay.rate_achieved >= 0.98 * 5000 && relay.p99_ms < 10 && relay.lost_window === 0
        ? 'met'
        : 'not met';
  lines.push(
    `**Signaling relay** (${relay.rooms} calls, ${relay.streams} streams, ${n(relay.rate_target)} msg/s asked, ${relay.warmup_s} s warm-up + ${relay.duration_s} s measured, ${relay.procs} client process(es)):`,
    '',
    '| messages | sent/s | received | lost | p50 | p90 | p99 | p99.9 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| all | ${n(relay.rate_achieved)} | ${n(relay.received_window)} of ${n(relay.sent_window)} | ${n(relay.lost_window)} | ${relay.p50_ms} ms | ${relay.p90_ms} ms | ${relay.p99_ms} ms | ${relay.p999_ms} ms | ${relay.max_ms} ms |`,
    `| not during a client stall | | ${n(relay.clean_count)} | | ${relay.clean_p50_ms} ms | | ${relay.clean_p99_ms} ms | ${relay.clean_p999_ms} ms | ${relay.clean_max_ms} ms |`,
    '',
    `CPU (100% = one core): server ${relay.server_cpu_pct}%, clients ${relay.client_cpu_pct}%, whole machine about ${relay.machine_cpu_pct}% of ${relay.cores * 100}%; ` +
      `some task waiting for a core ${relay.cpu_pressure_pct ?? '—'}% of the time (the benchmark's own threads included; the higher, the more the tail measures the machine). ` +
      `Client stalls (a 1 ms heartbeat over 5 ms late): ${relay.client_stalls}, ${relay.client_stall_ms_total} ms in all, longest ${relay.client_stall_ms_max} ms.`,
    '',
    `Client health: event-loop delay p99 ${relay.client_loop_delay_p99_ms} ms (max ${relay.client_loop_delay_max_ms} ms), ` +
      `sends late against their schedule p99 ${relay.client_send_lag_p99_ms} ms (max ${relay.client_send_lag_max_ms} ms); ` +
      `out of order ${relay.reorders}; room errors ${JSON.stringify(relay.room_errors)}; closed by the server ${relay.closed_by_server}.`,
    '',
    `Goal: p99 under 10 ms at 5,000 messages/s: **${verdict}**.`,
  );
}
console.log(lines.join('\n'));
