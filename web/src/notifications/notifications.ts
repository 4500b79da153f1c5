// Notifications (/notifications): newest first, a page at a time; mark one or all read. The server
// writes each notice in the language asked for when it is read, so the list is read again when the
// UI language changes. New notices (the live unread count went up) are added at the top as they come.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, onLangChange, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { heading } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { notificationsApi, type Notification } from './api';
import { onUnreadChange, setUnread, unreadCount } from './unread';

const PAGE = 20;
let reloadShown: (() => void) | null = null;
onLangChange(() => reloadShown?.());

export const notificationsPage: PageFactory = (ctx) => {
  const form = new FormState('notif');
  let items: Notification[] | null = null;
  let next: string | null = null;
  let announcement = '';
  let lastUnread = unreadCount();

  const load = (more: boolean) =>
    submitting(form, ctx.update, async () => {
      const page = await notificationsApi.notifications(more ? (next ?? undefined) : undefined, PAGE);
      items = more && items ? [...items, ...page.items.filter((n) => !items!.some((m) => m.id === n.id))] : page.items;
      next = page.next;
      lastUnread = page.unread;
      setUnread(page.unread);
    });

  /** New notices since the list was read: prepend the ones not shown yet. */
  async function catchUp(): Promise<void> {
    if (!items) return;
    try {
      const page = await notificationsApi.notifications(undefined, PAGE);
      const fresh = page.items.filter((n) => !items!.some((m) => m.id === n.id));
      // Keep what is shown, with read marks as the server has them now.
      const byId = new Map(page.items.map((n) => [n.id, n]));
      items = [...fresh, ...items.map((n) => byId.get(n.id) ?? n)];
      if (fresh.length) announcement = t('notif.arrived', { count: fresh.length });
      ctx.update();
    } catch {
      // The next change or a reload shows them.
    }
  }

  const stopFollowing = onUnreadChange(() => {
    const now = unreadCount();
    if (now > lastUnread) void catchUp();
    lastUnread = now;
  });
  reloadShown = () => void load(false);
  void load(false);

  async function markRead(n: Notification): Promise<void> {
    if (n.read_at) return;
    try {
      const r = await notificationsApi.markRead(n.id);
      n.read_at = Math.floor(Date.now() / 1000);
      lastUnread = r.unread;
      setUnread(r.unread);
      ctx.update();
    } catch (e) {
      form.fail(e);
      ctx.update();
    }
  }

  const markAll = () =>
    submitting(form, ctx.update, async () => {
      const r = await notificationsApi.markAllRead();
      const now = Math.floor(Date.now() / 1000);
      for (const n of items ?? []) n.read_at ??= now;
      lastUnread = r.unread;
      setUnread(r.unread);
      announcement = t('notif.all_read_done');
    });

  const item = (n: Notification): TemplateResult => html`<li class="bk-notif ${n.read_at ? 'bk-is-read' : 'bk-is-unread'}" data-testid="notif"
    data-notification-id=${n.id} data-kind=${n.kind} data-read=${n.read_at ? 'true' : 'false'}>
    <div class="bk-notif-main">
      <p class="bk-notif-title">
        ${n.read_at ? nothing : html`<span class="bk-unread-dot" aria-hidden="true"></span><span class="visually-hidden">${t('notif.unread')}: </span>`}
        ${n.link
          ? html`<a href=${n.link} data-testid="notif-title" @click=${() => void markRead(n)}>${n.title}</a>`
          : html`<span data-testid="notif-title">${n.title}</span>`}
      </p>
      <p class="bk-notif-body" data-testid="notif-body">${n.body}</p>
      <p class="hint"><time datetime=${new Date(n.created_at * 1000).toISOString()}>${formatTime(n.created_at)}</time></p>
    </div>
    ${n.read_at
      ? nothing
      : html`<button type="button" class="btn btn-quiet btn-small" data-testid="notif-read" @click=${() => void markRead(n)}>${t('notif.mark_read')}</button>`}
  </li>`;

  return {
    title: () => t('notif.title'),
    leave: () => {
      stopFollowing();
      reloadShown = null;
    },
    view: () => html`${heading(t('notif.title'))}
      <div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
      <div class="actions bk-notif-tools">
        <span data-testid="notif-unread">${t('notif.unread_count', { count: unreadCount() })}</span>
        <button type="button" class="btn btn-secondary btn-small" ?disabled=${form.busy || unreadCount() === 0} data-testid="notif-all-read"
          @click=${() => void markAll()}>${t('notif.mark_all_read')}</button>
      </div>
      ${formStatus(form)}
      ${items === null
        ? form.problem
          ? nothing
          : html`<p class="loading" role="status">${t('common.loading')}</p>`
        : items.length
          ? html`<ul class="bk-notif-list panel" data-testid="notif-list">${items.map(item)}</ul>`
          : html`<p class="empty" data-testid="notif-empty">${t('notif.none')}</p>`}
      ${next
        ? html`<p class="actions"><button type="button" class="btn btn-secondary" ?disabled=${form.busy} data-testid="notif-older"
            @click=${() => void load(true)}>${t('notif.older')}</button></p>`
        : nothing}`,
  };
};
