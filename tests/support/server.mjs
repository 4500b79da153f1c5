// Starts the real `yiqiao serve` binary on an ephemeral port with a fresh database, for the
// integration and browser tests. Nothing here imitates the server: tests talk to the real thing.
//
//   const srv = await startServer({ backend: 'sqlite' | 'postgresql', demo: true });
//   await fetch(srv.url + '/healthz');
//   await srv.stop();            // SIGTERM, waits for exit, returns { code, signal }
//
// Environment:
//   YIQIAO_BIN            the server binary (default build/yiqiao)
//   YIQIAO_TEST_POSTGRES  postgresql://... of a throwaway server; without it PostgreSQL runs are skipped
//   YIQIAO_TEST_KEEP=1    keep data folders of passed runs (they are always kept on failure to start)
//   YIQIAO_TEST_TIME_SCALE how many times longer a test may wait for the server's own pace (default 1;
//                         scripts/test sets 4 for the sanitizer build, which runs several times slower)
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.YIQIAO_BIN ?? join(repoRoot, 'build/yiqiao');
export const DEMO_PASSWORD = 'Demo-pass-2026';
export const timeScale = Math.max(1, Number(process.env.YIQIAO_TEST_TIME_SCALE) || 1);

// The databases this run covers: SQLite always, PostgreSQL when a server was given.
export function backends() {
  return process.env.YIQIAO_TEST_POSTGRES ? ['sqlite', 'postgresql'] : ['sqlite'];
}

// psql against the throwaway server (its client ships with Debian's postgresql package).
export function psql(url, sql) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
    encoding: 'utf8',
  });
}

function freshPostgresDatabase() {
  const base = process.env.YIQIAO_TEST_POSTGRES;
  if (!base) throw new Error('YIQIAO_TEST_POSTGRES is not set');
  const name = 'yq_it_' + randomBytes(6).toString('hex');
  psql(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => psql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * @param {object} o
 * @param {'sqlite'|'postgresql'} [o.backend]
 * @param {boolean} [o.demo]          load the demo data (default true)
 * @param {string[]} [o.args]         more command-line flags
 * @param {Record<string,string>} [o.env]
 * @param {string} [o.dataDir]        reuse a data folder (restart tests)
 * @param {string} [o.database]       reuse a database URL (restart tests)
 */
export async function startServer(o = {}) {
  const backend = o.backend ?? 'sqlite';
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'yq-it-'));
  let database = o.database;
  let dropDatabase = () => {};
  if (!database) {
    if (backend === 'postgresql') {
      const pg = freshPostgresDatabase();
      database = pg.url;
      dropDatabase = pg.drop;
    } else {
      database = 'sqlite:' + join(dataDir, 'yiqiao.db');
    }
  }
  const portFile = join(dataDir, 'port-' + randomBytes(4).toString('hex'));
  const args = [
    'serve',
    '--listen', '127.0.0.1:0',
    '--port-file', portFile,
    '--data-dir', dataDir,
    '--database', database,
    '--web-root', process.env.YIQIAO_WEB_ROOT ?? join(repoRoot, 'web/dist'),
    '--password-cost', 'test',
    '--io-threads', '1',
    '--worker-threads', '4',
    ...(o.demo === false ? [] : ['--demo-data']),
    ...(o.args ?? []),
  ];
  const child = spawn(binary, args, {
    env: { ...process.env, ...(o.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  let done = false;
  exited.then(() => (done = true));

  const deadline = Date.now() + 30_000;
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').trim() === '') {
    if (done || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`yiqiao did not start (${backend}):\n${output}`);
    }
    await sleep(25);
  }
  const port = Number(readFileSync(portFile, 'utf8').trim());
  const url = `http://127.0.0.1:${port}`;

  return {
    backend,
    url,
    port,
    dataDir,
    database,
    process: child,
    logs: () => output,
    exited,
    /** Stop with a signal (SIGTERM drains), wait for the exit; remove the data unless `keep`. */
    async stop({ signal = 'SIGTERM', keep = false } = {}) {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exited;
      clearTimeout(timer);
      if (!keep && !process.env.YIQIAO_TEST_KEEP) {
        rmSync(dataDir, { recursive: true, force: true });
        try {
          dropDatabase();
        } catch {
          // the throwaway PostgreSQL may already be gone; its folder is deleted anyway
        }
      }
      return result;
    },
  };
}

// Runs another yiqiao command (audit verify, migrate, routes) and returns { code, stdout, stderr }.
export function runYiqiao(args, env = {}) {
  try {
    const stdout = execFileSync(binary, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    return { code: e.status ?? -1, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}
