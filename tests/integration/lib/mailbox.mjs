// The links e-mailed to an address, read straight from the server's outbox table (the mailbox of a
// test person), so tests do not depend on what the admin's outbox view shows (it hides secrets).
import { sql } from './rows.mjs';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

const LINKS = {
  invitation: /(https?:\/\/\S+?\/invitation#token=([A-Za-z0-9_-]+))/g,
  verify: /(https?:\/\/\S+?\/verify-email#token=([A-Za-z0-9_-]+))/g,
  reset: /(https?:\/\/\S+?\/reset-password\?token=([A-Za-z0-9_-]+))/g,
};

function bodies(srv, to) {
  return sql(srv, `SELECT body FROM outbox WHERE to_address = ${q(to)}`)
    .map((cols) => cols.join('|'))
    .join('\n');
}

/** Every link of this kind ever e-mailed to `to`, whole, in no particular order. */
export function mailedLinks(srv, to, kind) {
  return [...bodies(srv, to).matchAll(LINKS[kind])].map((m) => m[1]);
}

/** Every token of this kind ever e-mailed to `to`, in no particular order. */
export function mailedTokens(srv, to, kind) {
  return [...bodies(srv, to).matchAll(LINKS[kind])].map((m) => m[2]);
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
