// The unread notification count of the signed-in account, kept live: read once from the API, then
// from the server's `{"type":"notifications","unread":N}` WebSocket messages. Re-read after every
// (re)connection, since messages sent while the socket was down are lost. The socket is held only
// while a complete session exists.
import { t } from '../base/i18n';
import { live } from '../base/live';
import type { NavBadge } from '../base/router';
import { fullySignedIn, onAccountChange } from '../base/session';
import { notificationsApi } from './api';

let unread = 0;
let accountId: string | null = null;
let release: (() => void)[] = [];
const listeners = new Set<() => void>();

function set(n: number): void {
  if (n === unread) return;
  unread = n;
  for (const fn of [...listeners]) fn();
}

/** Re-reads the count (after a reconnection, or when a page changed it). */
export async function refreshUnread(): Promise<void> {
  if (!fullySignedIn()) return;
  try {
    set((await notificationsApi.notifications(undefined, 1)).unread);
  } catch {
    // Offline or signed out: the shell handles a 401; the count stays as it was.
  }
}

/** The count as a page learned it from an answer (mark read, read all, a list). */
export function setUnread(n: number): void {
  set(n);
}

export function unreadCount(): number {
  return unread;
}

/** Called whenever the count changes; returns the unsubscribe function. */
export function onUnreadChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

onAccountChange((account) => {
  const next = account && fullySignedIn() ? account.id : null;
  if (next === accountId) return;
  for (const r of release) r();
  release = [];
  accountId = next;
  set(0);
  if (!next) return;
  release.push(
    live.subscribe('notifications', (m) => {
      if (typeof m.unread === 'number') set(m.unread);
    }),
    live.onConnect(() => void refreshUnread()),
    // A dropped socket may mean the session ended elsewhere: an API read lets the shell find out.
    live.onState((s) => {
      if (s === 'offline') void refreshUnread();
    }),
  );
  void refreshUnread();
});

export const unreadBadge: NavBadge = {
  count: () => unread,
  describe: (n) => t('notif.unread_count', { count: n }),
  subscribe: (fn) => {
    listeners.add(fn);
  },
};
