// Platform admin: the audit trail, newest first, 100 at a time with "older" paging by sequence number.
import { html, nothing } from 'lit-html';
import { codeName, formatLogTime, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { Loaded, backLink, heading } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { adminApi, type AuditEvent } from './api';

const PAGE = 100;

export const adminAuditPage: PageFactory = (ctx) => {
  const events = new Loaded(() => adminApi.audit(), ctx.update);
  const more = new FormState('audit-more');
  let exhausted = false;
  void events.load().then(() => {
    exhausted = (events.value?.length ?? 0) < PAGE;
    ctx.update();
  });

  async function loadOlder(): Promise<void> {
    const items = events.value ?? [];
    const last = items[items.length - 1];
    if (!last) return;
    await submitting(more, ctx.update, async () => {
      const older = await adminApi.audit(last.seq);
      events.value = [...items, ...older];
      exhausted = older.length < PAGE;
    });
  }

  const row = (e: AuditEvent) => html`<tr data-testid="audit-row" data-seq=${e.seq} data-action=${e.action}>
    <td data-label=${t('audit.seq')} class="num">${e.seq}</td>
    <td data-label=${t('audit.time')} class="nowrap">${formatLogTime(e.at)}</td>
    <td data-label=${t('audit.actor')}>
      ${e.actor_id
        ? html`<span class="mono" title=${e.actor_id}>${e.actor_id.slice(0, 8)}…</span>
            ${e.actor_role ? html`<span class="muted">${codeName('role', e.actor_role)}</span>` : nothing}`
        : html`<span class="muted">${t('audit.anonymous')}</span>`}
    </td>
    <td data-label=${t('audit.action')}><code>${e.action}</code></td>
    <td data-label=${t('audit.outcome')}>
      <span class="badge ${e.outcome === 'success' ? 'badge-ok' : e.outcome === 'denied' ? 'badge-warn' : 'badge-off'}"
        >${codeName('audit_outcome', e.outcome)}</span
      >
    </td>
    <td data-label=${t('audit.target')}>
      ${e.target_type ? html`${e.target_type}${e.target_id ? html` <span class="mono" title=${e.target_id}>${e.target_id.slice(0, 8)}…</span>` : nothing}` : nothing}
    </td>
    <td data-label=${t('audit.detail')} class="detail">${e.detail}${e.ip ? html` <span class="muted">${e.ip}</span>` : nothing}</td>
  </tr>`;

  return {
    title: () => t('audit.title'),
    view: () => html`${backLink('/home', t('nav.home'))} ${heading(t('audit.title'), t('audit.lead'))}
      ${events.view((items) =>
        items.length === 0
          ? html`<p class="empty">${t('audit.none')}</p>`
          : html`<div class="table-scroll">
                <table class="table responsive audit" data-testid="audit-table">
                  <caption class="visually-hidden">${t('audit.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('audit.seq')}</th>
                      <th scope="col">${t('audit.time')}</th>
                      <th scope="col">${t('audit.actor')}</th>
                      <th scope="col">${t('audit.action')}</th>
                      <th scope="col">${t('audit.outcome')}</th>
                      <th scope="col">${t('audit.target')}</th>
                      <th scope="col">${t('audit.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>${items.map(row)}</tbody>
                </table>
              </div>
              ${formStatus(more)}
              ${exhausted
                ? html`<p class="muted">${t('audit.end')}</p>`
                : html`<p>
                    <button type="button" class="btn btn-secondary" ?disabled=${more.busy} data-testid="audit-older" @click=${loadOlder}>
                      ${t('audit.older')}
                    </button>
                  </p>`}`,
      )}`,
  };
};
