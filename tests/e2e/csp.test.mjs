// The Content-Security-Policy is enforced, and the harness notices a violation (so that every other
// test, which fails on one, really would).
import assert from 'node:assert/strict';
import { eventually, suite } from './lib/harness.mjs';

const e2e = suite();

e2e.test('inline script and style are blocked and reported as CSP violations', async (h) => {
  const page = await h.newPage({ label: 'csp' });
  const res = await page.goto(`${h.base}/signin`);
  const csp = res.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/, csp);
  assert.match(csp, /style-src 'self'/, csp);
  await page.getByTestId('signin-email').waitFor();

  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    const st = document.createElement('style');
    st.textContent = 'body { background: red }';
    document.head.append(st);
  });
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'the inline script did not run');
  await eventually(() => h.problems.some((p) => p.includes('CSP violation: script-src')), 'the script-src violation');
  await eventually(() => h.problems.some((p) => p.includes('CSP violation: style-src')), 'the style-src violation');
  assert.ok(h.problems.every((p) => p.includes('CSP violation') || p.includes('Content Security Policy')), h.problems.join('\n'));
  h.problems.length = 0; // expected in this test only
});
