// A real coturn (Debian's /usr/bin/turnserver) for the WebRTC tests, in the TURN REST API
// ("use-auth-secret") mode that production uses, plus an independent implementation of that
// scheme's credentials so tests can cross-check what the C++ server hands out.
//
//   import { startCoturn, turnCredential, netnsAvailable } from '../support/coturn.mjs';
//   // inside scripts/lib/netns-run.sh, where 10.99.0.1 exists:
//   const turn = await startCoturn({ secret: 's3cret' });          // ip 10.99.0.1, free port
//   const { username, credential } = turnCredential('s3cret', 'acct-1', 600);
//   // iceServers: [{ urls: turn.url, username, credential }], iceTransportPolicy: 'relay'
//   await turn.stop();
//
// Run the suites under scripts/lib/netns-run.sh (the veth addresses exist only there); skip with
// netnsAvailable() / coturnAvailable() otherwise.
//
// Environment:
//   YIQIAO_TURNSERVER   the turnserver binary (default /usr/bin/turnserver, Debian package coturn)
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

export const turnserverBinary = process.env.YIQIAO_TURNSERVER ?? '/usr/bin/turnserver';
const setprivBinary = '/usr/bin/setpriv';

/** True when coturn is installed (tests can skip with a clear reason otherwise). */
export function coturnAvailable() {
  return existsSync(turnserverBinary);
}

/** True inside scripts/lib/netns-run.sh: some interface carries 10.99.0.1 (the yq0 veth end). */
export function netnsAvailable(ip = '10.99.0.1') {
  return Object.values(networkInterfaces()).some((addrs) =>
    (addrs ?? []).some((a) => a.address === ip && (a.family === 'IPv4' || a.family === 4)),
  );
}

/**
 * The TURN REST API password for a given username: base64(HMAC-SHA1(secret, username)).
 */
export function turnPassword(secret, username) {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * TURN REST API credentials, as coturn's --use-auth-secret expects them:
 *   username   = "<unix expiry>:<accountId>"   (just "<unix expiry>" when accountId is empty)
 *   credential = base64(HMAC-SHA1(secret, username))
 * `nowSeconds` is only for reproducing a credential the server made at a known time.
 * Returns { username, credential, expiresAt } (expiresAt in Unix seconds).
 */
export function turnCredential(secret, accountId, ttlSeconds, nowSeconds = Math.floor(Date.now() / 1000)) {
  if (!secret) throw new Error('turnCredential: secret is required');
  if (!Number.isFinite(ttlSeconds)) throw new Error('turnCredential: ttlSeconds must be a number');
  const expiresAt = Math.floor(nowSeconds + ttlSeconds);
  const username = accountId === undefined || accountId === null || accountId === ''
    ? String(expiresAt)
    : `${expiresAt}:${accountId}`;
  return { username, credential: turnPassword(secret, username), expiresAt };
}

// A port free for both TCP and UDP on `ip` (coturn listens on both).
async function freePort(ip) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, ip, () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', () => { sock.close(); resolve(false); });
      sock.bind(port, ip, () => sock.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error(`startCoturn: no port free for both TCP and UDP on ${ip}`);
}

// Whether ip:port can be bound for TCP and UDP right now. coturn binds its UDP listeners with
// SO_REUSEPORT, so a second coturn on a taken port would start "successfully" and share the port.
async function portFree(ip, port) {
  const tcp = await new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, ip, () => srv.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', () => { sock.close(); resolve(false); });
    sock.bind(port, ip, () => sock.close(() => resolve(true)));
  });
}

// One STUN Binding request over UDP; resolves true when a Binding success response with our
// transaction id comes back within `ms`.
function stunBinding(ip, port, ms) {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    const txid = randomBytes(12);
    const req = Buffer.alloc(20);
    req.writeUInt16BE(0x0001, 0); // Binding request
    req.writeUInt16BE(0, 2); // no attributes
    req.writeUInt32BE(0x2112a442, 4); // magic cookie
    txid.copy(req, 8);
    let done = false;
    const finish = (ok) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try { sock.close(); } catch { /* already closed */ }
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), ms);
    sock.on('error', () => finish(false));
    sock.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(txid)) finish(true);
    });
    sock.send(req, port, ip, (err) => { if (err) finish(false); });
  });
}

// Instances still running when the test process exits (a failed test that never called stop()).
const running = new Map(); // child -> its folder
process.once('exit', () => {
  for (const [child, dir] of running) {
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Start coturn in the foreground in TURN REST API mode, listening (UDP and TCP, no TLS/DTLS) on
 * ip:port and relaying from ip, and wait until it answers a STUN Binding request (10 s limit).
 *
 * Options: ip (default 10.99.0.1), port (default: a free one), secret (required),
 * realm (default yiqiao.test), minPort/maxPort (relay range; default a random 64-port block),
 * extraArgs (more turnserver flags, e.g. ['--denied-peer-ip=10.99.0.2']), timeoutMs (10000).
 *
 * Unlike deploy/coturn/turnserver.conf there are no denied-peer-ip ranges (the test peers live on
 * 10.99.0.0/24); coturn's built-in loopback ban still applies.
 *
 * Returns { url: 'turn:IP:PORT?transport=udp', tcpUrl, ip, port, realm, secret, pid,
 *           stop() -> Promise<{ code, signal }>   SIGTERM (SIGKILL after 5 s); coturn 4.6.1 dies
 *                                                  by the signal, so expect { code: null, signal: 'SIGTERM' }
 *           log() -> string }                      coturn's verbose log so far (it may lag by a few
 *                                                  lines: coturn buffers); still available after stop()
 */
export async function startCoturn({
  ip = '10.99.0.1',
  port,
  secret,
  realm = 'yiqiao.test',
  minPort,
  maxPort,
  extraArgs = [],
  timeoutMs = 10_000,
} = {}) {
  if (!secret) throw new Error('startCoturn: secret is required');
  if (!coturnAvailable()) throw new Error(`startCoturn: ${turnserverBinary} not found (apt-get install coturn)`);
  if (port === undefined) {
    port = await freePort(ip);
  } else if (!(await portFree(ip, port))) {
    throw new Error(`startCoturn: ${ip}:${port} is already in use (TCP or UDP)`);
  }
  if (minPort === undefined || maxPort === undefined) {
    // A small relay range, different per instance so parallel suites rarely meet.
    const base = 49152 + 64 * Math.floor(Math.random() * 250);
    minPort ??= base;
    maxPort ??= minPort + 63;
  }

  // Everything coturn writes goes to files in its own folder, never to a pipe: with a pipe, a test
  // that blocks Node's event loop (spawnSync, execFileSync) stops the pipe being drained, coturn's
  // logging then blocks once 64 KiB are pending, and the TURN server silently stops answering.
  // Own pid file and SQLite file too: as root, coturn would otherwise write /var/run/turnserver.pid
  // and open /var/lib/turn/turndb (it opens the default database even with a static secret).
  const dir = mkdtempSync(join(tmpdir(), 'yiqiao-coturn-'));
  const logFile = join(dir, 'turnserver.log');
  const stdioFile = join(dir, 'stdio.log');
  const args = [
    '-n', // no configuration file: only these flags
    `--listening-ip=${ip}`,
    `--relay-ip=${ip}`,
    `--listening-port=${port}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--fingerprint',
    `--min-port=${minPort}`,
    `--max-port=${maxPort}`,
    `--log-file=${logFile}`,
    '--simple-log', // exactly that file name, no date/pid suffix
    '--no-stdout-log',
    '--verbose', // logs the "listener opened" lines and each allocation / 401, useful on failure
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--db=${join(dir, 'turndb')}`,
    ...extraArgs,
  ];

  const readLogs = () => {
    let text = '';
    for (const f of [logFile, stdioFile]) {
      try { text += readFileSync(f, 'utf8'); } catch { /* not written yet */ }
    }
    return text;
  };
  let finalLog = null; // kept when the folder is removed

  const stdioFd = openSync(stdioFile, 'a');
  let child;
  try {
    // setpriv (util-linux) makes the kernel kill coturn if this Node process dies without calling
    // stop(), even by SIGKILL; it then execs turnserver, so child.pid is coturn itself.
    child = existsSync(setprivBinary)
      ? spawn(setprivBinary, ['--pdeathsig', 'KILL', '--', turnserverBinary, ...args], { stdio: ['ignore', stdioFd, stdioFd] })
      : spawn(turnserverBinary, args, { stdio: ['ignore', stdioFd, stdioFd] });
  } finally {
    closeSync(stdioFd); // the child has its own copy
  }
  running.set(child, dir);
  child.unref(); // a forgotten stop() must not keep the test process alive (the exit hook kills it)
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      finalLog = readLogs();
      rmSync(dir, { recursive: true, force: true });
      resolve(exited);
    });
  });
  const spawnError = new Promise((_, reject) => child.once('error', (err) => {
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
    reject(new Error(`startCoturn: cannot run ${turnserverBinary}: ${err.message}`));
  }));
  spawnError.catch(() => {});
  const output = () => finalLog ?? readLogs();

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 5000);
      await exitPromise;
      clearTimeout(killer);
    }
    return exited;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`startCoturn: turnserver exited early (${JSON.stringify(exited)}):\n${output()}`);
    }
    const ok = await Promise.race([stunBinding(ip, port, 250), spawnError, exitPromise.then(() => false)]);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`startCoturn: no STUN answer from ${ip}:${port} within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url: `turn:${ip}:${port}?transport=udp`,
    tcpUrl: `turn:${ip}:${port}?transport=tcp`,
    ip,
    port,
    realm,
    secret,
    pid: child.pid,
    stop,
    log: output,
  };
}
