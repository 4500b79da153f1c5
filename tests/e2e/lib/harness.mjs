// Browser-test harness: one real `yiqiao serve` (fresh database, demo data) and one Chromium per test
// file; each test gets fresh browser contexts whose console errors, uncaught page errors, CSP
// violations and 5xx answers fail the test. When a test fails, every page it opened is saved as a
// full-page screenshot with a text file of what went wrong in tests/e2e/artifacts/.
//
//   import { suite } from './lib/harness.mjs';
//   const e2e = suite();                      // starts the server and the browser around the file
//   e2e.test('patient signs in', async (h) => {
//     const page = await h.newPage({ lang: 'en' });
//     ...
//   });
//
// Environment:
//   YIQIAO_E2E_BACKEND   sqlite (default) or postgresql (needs YIQIAO_TEST_POSTGRES)
//   CHROMIUM             the browser (default /usr/bin/chromium)
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { repoRoot, startServer } from '../../support/server.mjs';

export const ARTIFACTS = join(repoRoot, 'tests/e2e/artifacts');
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 900 };
/** How long a single wait or action may take before the test fails. */
export const ACTION_TIMEOUT = 10_000;

export function backend() {
  const b = process.env.YIQIAO_E2E_BACKEND ?? 'sqlite';
  if (b !== 'sqlite' && b !== 'postgresql') throw new Error(`YIQIAO_E2E_BACKEND must be sqlite or postgresql, not ${b}`);
  if (b === 'postgresql' && !process.env.YIQIAO_TEST_POSTGRES)
    throw new Error('YIQIAO_E2E_BACKEND=postgresql needs YIQIAO_TEST_POSTGRES=postgresql://...');
  return b;
}

/** @param {string[]} [extraArgs] more Chromium flags (the WebRTC tests add fake devices) */
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

// Chromium logs every 4xx answer of fetch() as a console error. The app calls the API expecting some
// of them (GET /api/v1/me signed out → 401, a wrong password → 401, a weak one → 422), so a 4xx log
// line is allowed when it came from an API call; anything else on the console fails the test.
function expectedConsoleError(msg) {
  const text = msg.text();
  const url = msg.location()?.url ?? '';
  return /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text) && url.includes('/api/v1/');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the element's visible text (trimmed) equals `expected` (or matches it, for a RegExp),
 * then returns it; fails with what it showed instead.
 * @param {import('playwright-core').Locator} locator
 * @param {string|RegExp} expected
 */
export async function expectText(locator, expected, timeout = ACTION_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let shown;
  for (;;) {
    try {
      shown = (await locator.innerText({ timeout: Math.max(100, Math.min(1000, deadline - Date.now())) })).trim();
    } catch (e) {
      shown = `(not there: ${e.message.split('\n')[0]})`;
    }
    if (expected instanceof RegExp ? expected.test(shown) : shown === expected) return shown;
    if (Date.now() > deadline) throw new Error(`${locator} shows ${JSON.stringify(shown)}, expected ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`);
    await sleep(50);
  }
}

/** Waits until `fn()` (an async check) returns a truthy value; fails with its last value. */
export async function eventually(fn, what, timeout = ACTION_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

/** Waits (briefly) until `locator` has the focus: pages move it on the frame after they draw. */
export async function expectFocused(locator, what) {
  return eventually(() => locator.evaluate((el) => el === document.activeElement), `the focus on ${what}`, 2000);
}

function slug(s) {
  return s.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

class Harness {
  /** @param {{ server: any, browser: import('playwright-core').Browser }} env */
  constructor(env, name) {
    this.server = env.server;
    this.browser = env.browser;
    this.base = env.server.url;
    this.name = name;
    this.contexts = [];
    /** @type {{ page: import('playwright-core').Page, label: string }[]} */
    this.pages = [];
    this.problems = [];
    this.consoleLog = [];
  }

  /**
   * A fresh browser context (no cookies, no storage) and a page in it.
   * @param {object} [o]
   * @param {'en'|'zh-Hant'|'zh-Hans'|null} [o.lang]   stored UI language (yq.lang); null leaves it unset
   * @param {{width:number,height:number}} [o.viewport]
   * @param {string} [o.locale]                        the browser's language (navigator.languages)
   * @param {string} [o.label]
   */
  async newPage(o = {}) {
    const context = await this.browser.newContext({
      viewport: o.viewport ?? LAPTOP,
      deviceScaleFactor: 1,
      locale: o.locale ?? 'en-GB',
      timezoneId: 'Asia/Hong_Kong',
    });
    context.setDefaultTimeout(ACTION_TIMEOUT);
    context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
    // Before any page script: report CSP violations on the console (so they fail the test), and set the
    // UI language the test asks for (only when the page has none yet, so a reload keeps a switched one).
    await context.addInitScript((l) => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`),
      );
      try {
        if (l && !window.localStorage.getItem('yq.lang')) window.localStorage.setItem('yq.lang', l);
      } catch {
        // a browser error page (server down) has no storage; the test fails on its own
      }
    }, o.lang === undefined ? 'en' : o.lang);
    this.contexts.push(context);
    const page = await context.newPage();
    const label = o.label ?? `page${this.pages.length + 1}`;
    this.watch(page, label);
    this.pages.push({ page, label });
    return page;
  }

  watch(page, label) {
    page.on('console', (m) => {
      const line = `[${label}] ${m.type()}: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`;
      this.consoleLog.push(line);
      if (m.type() === 'error' && !expectedConsoleError(m)) this.problems.push(`console error ${line}`);
    });
    page.on('pageerror', (e) => this.problems.push(`[${label}] uncaught page error: ${e.stack ?? e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) this.problems.push(`[${label}] server error ${r.status()} for ${r.request().method()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '';
      if (!why.includes('ERR_ABORTED')) this.problems.push(`[${label}] request failed: ${r.method()} ${r.url()} ${why}`);
    });
  }

  /** Fails the test on anything the pages reported. */
  assertClean() {
    if (this.problems.length) {
      throw new Error(`the browser reported ${this.problems.length} problem(s):\n  ${this.problems.join('\n  ')}`);
    }
  }

  async saveArtifacts(error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const stem = slug(this.name);
    const report = [`test: ${this.name}`, `error: ${error?.stack ?? error}`, ''];
    for (const [i, { page, label }] of this.pages.entries()) {
      if (page.isClosed()) continue;
      const file = join(ARTIFACTS, `${stem}--${i + 1}-${slug(label)}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        report.push(`screenshot ${file} of ${page.url()}`);
      } catch (e) {
        report.push(`no screenshot of ${label}: ${e.message}`);
      }
    }
    report.push('', 'problems:', ...this.problems.map((p) => `  ${p}`));
    report.push('', 'console:', ...this.consoleLog.map((p) => `  ${p}`));
    report.push('', 'server log (last 80 lines):', ...this.server.logs().split('\n').slice(-80).map((l) => `  ${l}`));
    writeFileSync(join(ARTIFACTS, `${stem}.txt`), report.join('\n') + '\n');
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => {});
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return newest;
}

/** The server serves web/dist (or $YIQIAO_WEB_ROOT): refuse to test an app older than its source. */
function assertWebBuilt() {
  const index = join(process.env.YIQIAO_WEB_ROOT ?? join(repoRoot, 'web/dist'), 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build:web\` first`);
  const src = newestMtime(join(repoRoot, 'web/src'));
  if (src > statSync(index).mtimeMs) throw new Error('web/src changed after web/dist was built: run `npm run build:web`');
}

/**
 * Starts a demo server and a browser for this test file and returns `test` to declare its tests.
 * @param {object} [o]
 * @param {string[]} [o.args]  more `yiqiao serve` flags
 * @param {string[]} [o.browserArgs]  more Chromium flags
 */
export function suite(o = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    assertWebBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    [env.server, env.browser] = await Promise.all([
      startServer({ backend: backend(), demo: true, args: o.args ?? [] }),
      launchBrowser(o.browserArgs ?? []),
    ]);
  });
  after(async () => {
    await env.browser?.close();
    const result = await env.server?.stop();
    if (result && result.code !== 0) throw new Error(`yiqiao exited with ${JSON.stringify(result)}:\n${env.server.logs()}`);
  });
  return {
    env,
    get base() {
      return env.server.url;
    },
    /** @param {string} name @param {(h: Harness, t: import('node:test').TestContext) => Promise<void>} fn */
    test(name, fn, options = {}) {
      return test(name, { timeout: o.timeout ?? 60_000, ...options }, async (t) => {
        const h = new Harness(env, name);
        try {
          await fn(h, t);
          h.assertClean();
        } catch (e) {
          await h.saveArtifacts(e);
          throw e;
        } finally {
          await h.close();
        }
      });
    },
  };
}
