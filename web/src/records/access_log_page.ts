// Who looked at my record (/record/access-log, /patients/:id/record/access-log for a dependant): each
// read by anyone else, newest first, with the reader, their role and organisation, the purpose, what
// they looked at and whether they were let in; emergency accesses stand out with their reason.
// Filtered by organisation and purpose; "more" pages back in time.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError, type ApiError } from '../base/api';
import { codeName, formatLogTime, formatTime, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { backLink, heading } from '../base/ui/common';
import { recordsApi, type AccessLogItem } from './api';
import { nameText } from './format';

const PURPOSES = ['care', 'emergency', 'parent', 'carer'] as const;

/** A reader's role: a staff role, or how they stand to the patient (parent, carer). */
function roleName(role: string): string {
  const own = codeName('accesslog.role', role);
  return own === role ? codeName('role', role) : own;
}

export const accessLogPage: PageFactory = (ctx) => {
  const own = ctx.params.id === undefined;
  const patient = ctx.params.id ?? currentAccount()?.id ?? '';
  const recordPath = own ? '/record' : `/patients/${encodeURIComponent(patient)}/record`;
  let organisation = ctx.query.get('organisation') ?? '';
  let purpose = ctx.query.get('purpose') ?? '';
  let items: AccessLogItem[] = [];
  let next: string | number | null = null;
  let loading = false;
  let loaded = false;
  let error: ApiError | null = null;
  /** Every organisation seen in the log so far, for the filter. */
  const orgs = new Map<string, string>();

  async function load(more = false): Promise<void> {
    loading = true;
    error = null;
    ctx.update();
    try {
      const r = await recordsApi.accessLog(patient, { before: more ? next : null, organisation, purpose });
      items = more ? [...items, ...r.items] : r.items;
      next = r.next ?? null;
      for (const i of r.items) if (i.organisation) orgs.set(i.organisation.id, nameText(i.organisation.name));
      loaded = true;
    } catch (e) {
      error = isApiError(e) ? e : null;
    } finally {
      loading = false;
      ctx.update();
    }
  }
  void load();

  function filter(): void {
    const q = new URLSearchParams();
    if (organisation) q.set('organisation', organisation);
    if (purpose) q.set('purpose', purpose);
    const base = `${recordPath}/access-log`;
    history.replaceState(null, '', q.toString() ? `${base}?${q.toString()}` : base);
    void load();
  }

  const item = (i: AccessLogItem): TemplateResult => html`<li class="staff-item access-log-item ${i.emergency ? 'is-emergency' : ''} ${i.outcome === 'refused' ? 'is-refused' : ''}"
      data-testid="access-log-item" data-purpose=${i.purpose} data-outcome=${i.outcome}>
    <div class="staff-main">
      <p class="staff-name"><span data-testid="access-log-reader">${nameText(i.reader?.name)}</span>
        ${i.role ? html`<span class="muted"> · ${roleName(i.role)}</span>` : nothing}</p>
      <p class="staff-email"><span data-testid="access-log-org">${i.organisation ? nameText(i.organisation.name) : t('accesslog.no_org')}</span>
        · <time>${formatLogTime(i.at)}</time></p>
      <p class="chips">
        <span class="badge ${i.emergency || i.purpose === 'emergency' ? 'badge-warn' : ''}" data-testid="access-log-purpose">${codeName('accesslog.purpose', i.purpose)}</span>
        <span class="badge ${i.outcome === 'allowed' ? 'badge-ok' : 'badge-off'}" data-testid="access-log-outcome">${codeName('accesslog.outcome', i.outcome)}</span>
      </p>
      ${i.categories?.length
        ? html`<p class="muted" data-testid="access-log-categories">${t('accesslog.looked_at', { what: i.categories.map((c) => codeName('records.category', c)).join(t('records.list_sep')) })}</p>`
        : nothing}
      ${i.emergency
        ? html`<div class="alert alert-error access-log-emergency" data-testid="access-log-emergency">
            <p><strong>${t('accesslog.emergency')}</strong> ${t('accesslog.emergency_until', { when: formatTime(i.emergency.expires_at) })}</p>
            <p class="pre">${t('sharing.emergency.reason', { reason: i.emergency.reason })}</p>
          </div>`
        : nothing}
    </div>
  </li>`;

  return {
    title: () => (own ? t('accesslog.title') : t('accesslog.title_other')),
    view: () => html`${backLink(recordPath, t('sharing.back'))}
      ${heading(own ? t('accesslog.title') : t('accesslog.title_other'), t('accesslog.lead'))}
      <form class="toolbar access-log-filters" role="search" aria-label=${t('accesslog.filters')} data-testid="access-log-filters" @submit=${(e: SubmitEvent) => { e.preventDefault(); filter(); }}>
        <div class="field">
          <label for="access-log-org">${t('accesslog.organisation')}</label>
          <select id="access-log-org" data-testid="access-log-filter-org" @change=${(e: Event) => { organisation = (e.target as HTMLSelectElement).value; filter(); }}>
            <option value="">${t('accesslog.all_orgs')}</option>
            ${[...orgs].map(([id, name]) => html`<option value=${id} ?selected=${id === organisation}>${name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="access-log-purpose">${t('accesslog.purpose_label')}</label>
          <select id="access-log-purpose" data-testid="access-log-filter-purpose" @change=${(e: Event) => { purpose = (e.target as HTMLSelectElement).value; filter(); }}>
            <option value="">${t('accesslog.all_purposes')}</option>
            ${PURPOSES.map((p) => html`<option value=${p} ?selected=${p === purpose}>${codeName('accesslog.purpose', p)}</option>`)}
          </select>
        </div>
      </form>
      ${error
        ? html`<div class="alert alert-error" role="alert" data-testid="load-error"><p>${error.detail}</p>
            <button type="button" class="btn btn-secondary" @click=${() => void load()}>${t('common.retry')}</button></div>`
        : nothing}
      <section class="panel" aria-label=${t('accesslog.title')}>
        ${items.length
          ? html`<ul class="staff-list access-log" data-testid="access-log">${items.map(item)}</ul>`
          : loaded && !loading
            ? html`<p class="empty" data-testid="access-log-empty">${t('accesslog.empty')}</p>`
            : nothing}
        ${loading ? html`<p class="loading" role="status">${t('common.loading')}</p>` : nothing}
        ${next !== null && !loading
          ? html`<div class="actions"><button type="button" class="btn btn-secondary" data-testid="access-log-more" @click=${() => void load(true)}>${t('records.list.more')}</button></div>`
          : nothing}
      </section>`,
  };
};
