// Platform admin: the e-mail outbox (newest first); links in a message are made clickable. Secret
// links (password reset, invitations) arrive hidden: the platform admin must not be able to take
// over an account with one. The operator reads them on the server with `yiqiao outbox show ID`.
import { html, type TemplateResult } from 'lit-html';
import { formatTime, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { Loaded, backLink, heading } from '../base/ui/common';
import { adminApi } from './api';

function linkified(text: string): TemplateResult[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
    i % 2 === 1 ? html`<a href=${part} data-testid="outbox-link" data-external>${part}</a>` : html`${part}`,
  );
}

export const adminOutboxPage: PageFactory = (ctx) => {
  const messages = new Loaded(() => adminApi.outbox(), ctx.update);
  void messages.load();

  return {
    title: () => t('outbox.title'),
    view: () => html`${backLink('/home', t('nav.home'))} ${heading(t('outbox.title'), t('outbox.lead'))}
      <p class="toolbar">
        <button type="button" class="btn btn-secondary" ?disabled=${messages.loading} data-testid="outbox-refresh" @click=${() => void messages.load()}>
          ${t('common.refresh')}
        </button>
      </p>
      ${messages.view((items) =>
        items.length === 0
          ? html`<p class="empty" data-testid="outbox-empty">${t('outbox.none')}</p>`
          : html`<ul class="mail-list" data-testid="outbox-list">
              ${items.map(
                (m) => html`<li class="panel mail" data-testid="outbox-item" data-to=${m.to}>
                  <dl class="mail-head">
                    <div><dt>${t('outbox.to')}</dt><dd data-testid="outbox-to">${m.to}</dd></div>
                    <div><dt>${t('outbox.subject')}</dt><dd data-testid="outbox-subject">${m.subject}</dd></div>
                    <div><dt>${t('outbox.created')}</dt><dd>${formatTime(m.created_at)}</dd></div>
                    <div>
                      <dt>${t('outbox.sent')}</dt>
                      <dd>${m.sent_at ? formatTime(m.sent_at) : t('outbox.not_sent')}</dd>
                    </div>
                  </dl>
                  <pre class="mail-body" data-testid="outbox-body">${linkified(m.body)}</pre>
                  ${m.redacted ? html`<p class="hint" data-testid="outbox-redacted">${t('outbox.redacted', { id: m.id })}</p>` : ''}
                </li>`,
              )}
            </ul>`,
      )}`,
  };
};
