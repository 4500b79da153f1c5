// The links e-mailed to an address, read straight from the server's outbox table (the mailbox of a
// test person), so tests do not depend on what the admin's outbox view shows (it hides secrets).
import { sql } from './rows.mjs';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

const LINKS = {
  invitation: /\/invitation#token=([A-Za-z0-9_-]+)/g,
  verify: /\/verify-email#token=([A-Za-z0-9_-]+)/g,
  reset: /\/reset-password\?token=([A-Za-z0-9_-]+)/g,
};

/** Every token of this kind ever e-mailed to `to`, in no particular order. */
export function mailedTokens(srv, to, kind) {
  const text = sql(srv, `SELECT body FROM outbox WHERE to_address = ${q(to)}`)
    .map((cols) => cols.join('|'))
    .join('\n');
  return [...text.matchAll(LINKS[kind])].map((m) => m[1]);
}

/** The subjects of the messages to `to`. */
export function mailedSubjects(srv, to) {
  return sql(srv, `SELECT subject FROM outbox WHERE to_address = ${q(to)}`).map((cols) => cols.join('|'));
}

/**
 * A token of this kind e-mailed to `to` that is not in `seen` (pass the tokens known before the
 * action that sent it); fails when there is none or more than one.
 */
export function newToken(srv, to, kind, seen = []) {
  const fresh = mailedTokens(srv, to, kind).filter((t) => !seen.includes(t));
  if (fresh.length !== 1) throw new Error(`expected one new ${kind} link to ${to}, found ${fresh.length}`);
  return fresh[0];
}
