// Shared by idle.mjs and relay.mjs: the server's memory and CPU from /proc, percentiles, a tiny
// request/answer protocol between a coordinating process and its forked client workers.
import { readFileSync } from 'node:fs';
import { fork } from 'node:child_process';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error('bench:', ...a);

/** VmRSS, VmHWM, Pss (smaps_rollup, when the kernel has it) and threads of a process, in bytes. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (re, text) => {
    const m = re.exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  const out = {
    rss: kb(/^VmRSS:\s+(\d+) kB/m, status),
    hwm: kb(/^VmHWM:\s+(\d+) kB/m, status),
    anon: kb(/^RssAnon:\s+(\d+) kB/m, status),
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0),
    pss: null,
  };
  try {
    out.pss = kb(/^Pss:\s+(\d+) kB/m, readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {
    // kernels before 4.14 have no smaps_rollup
  }
  return out;
}

/** CPU seconds (user + system) a process has used. */
export function cpuSecondsOf(pid) {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** The kernel's TCP line of /proc/net/sockstat: sockets in use and pages of socket buffers (whole machine). */
export function tcpSockstat() {
  const line = readFileSync('/proc/net/sockstat', 'utf8').split('\n').find((l) => l.startsWith('TCP:')) ?? '';
  const get = (k) => Number(new RegExp(`\\b${k} (\\d+)`).exec(line)?.[1] ?? 0);
  return { inuse: get('inuse'), alloc: get('alloc'), tw: get('tw'), mem_pages: get('mem') };
}

/** The whole machine's CPU time so far: { busy, total } in seconds (all cores, from /proc/stat). */
export function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, x) => a + x, 0); // user..steal (guest is inside user)
  const idle = f[3] + f[4]; // idle + iowait
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** Microseconds some task waited for a CPU so far (pressure stall information), or null. */
export function cpuPressureUs() {
  try {
    return Number(/^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]);
  } catch {
    return null;
  }
}

/** Exact percentile of a sorted array (nearest rank). */
export function pct(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x, digits = 2) => (x === null || x === undefined ? null : +x.toFixed(digits));

/** Command-line flags --name value into an object (numbers where they parse). */
export function flags(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const v = argv[i + 1];
    o[argv[i].slice(2)] = v === undefined || v.startsWith('--') ? true : Number.isNaN(Number(v)) ? v : Number(v);
    if (v !== undefined && !v.startsWith('--')) i++;
  }
  return o;
}

/**
 * Forks `n` copies of `script` with `--worker`; returns handles with call(cmd, args) → Promise of
 * the worker's answer. The worker side is serveWorker().
 */
export function forkWorkers(script, n) {
  const workers = [];
  for (let i = 0; i < n; i++) {
    const child = fork(script, ['--worker', String(i)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    let next = 0;
    child.on('message', (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(new Error(`worker ${i}: ${m.error}`));
      else p.resolve(m.result);
    });
    child.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`worker ${i} exited with ${code}`));
      pending.clear();
    });
    workers.push({
      pid: child.pid,
      call(cmd, args = {}) {
        return new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          child.send({ id, cmd, args });
        });
      },
      kill: () => child.kill(),
    });
  }
  return workers;
}

/** Answers the coordinator's calls with handlers[cmd](args); exits when the coordinator goes. */
export function serveWorker(handlers) {
  process.on('message', async (m) => {
    try {
      const result = await handlers[m.cmd](m.args);
      process.send({ id: m.id, result });
    } catch (e) {
      process.send({ id: m.id, error: e.stack ?? String(e) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
