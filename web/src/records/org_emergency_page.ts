// An organisation admin's review of the emergency accesses its staff made (/org/emergency-accesses,
// ?org=<id> when the admin has several organisations): unreviewed first (or all), each with the
// clinician, the patient, the reason and the time; a review note closes one. Beside it, the CSV
// export of every record read by the organisation's staff over chosen days.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { rolesNamed } from '../base/session';
import { addDays, hkToday, isDay } from '../base/time';
import { heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { recordsApi, type EmergencyReview } from './api';
import { nameText } from './format';

/** The longest export the server gives (in days, both ends included). */
const MAX_CSV_DAYS = 366;

export const orgEmergencyPage: PageFactory = (ctx) => {
  const orgs = rolesNamed('org_admin').filter((r) => r.organisation_id);
  const requested = ctx.query.get('org');
  const org = orgs.find((r) => r.organisation_id === requested) ?? (orgs.length === 1 ? orgs[0] : undefined);
  const orgId = org?.organisation_id ?? '';
  let status: 'unreviewed' | 'all' = ctx.query.get('status') === 'all' ? 'all' : 'unreviewed';
  const list = new Loaded<EmergencyReview[]>(() => recordsApi.emergencyReviews(orgId, status), ctx.update);
  if (orgId) void list.load();
  const reviewForm = new FormState('emergency-review');
  const notes = new Map<string, string>();
  let reviewing: string | null = null;
  let from = addDays(hkToday(), -30);
  let to = hkToday();

  function rangeOk(): boolean {
    if (!isDay(from) || !isDay(to)) return false;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000;
    return days >= 0 && days < MAX_CSV_DAYS;
  }

  function setStatus(next: 'unreviewed' | 'all'): void {
    status = next;
    const q = new URLSearchParams(ctx.query);
    q.set('status', next);
    history.replaceState(null, '', `/org/emergency-accesses?${q.toString()}`);
    void list.load();
  }

  async function review(x: EmergencyReview): Promise<void> {
    reviewing = x.id;
    await submitting(reviewForm, ctx.update, async () => {
      await recordsApi.review(orgId, x.id, (notes.get(x.id) ?? '').trim());
      notes.delete(x.id);
      // The reviewed access leaves the unreviewed list: say so above the list.
      reviewing = null;
      reviewForm.success = t('orgreview.done');
      await list.load();
    });
  }

  const item = (x: EmergencyReview): TemplateResult => {
    const note = x.review_note ?? x.note ?? '';
    return html`<li class="staff-item record-emergency-item ${x.reviewed_at ? '' : 'is-unreviewed'}" data-testid="org-emergency" data-access-id=${x.id} data-reviewed=${x.reviewed_at ? 'true' : 'false'}>
      <div class="staff-main">
        <p class="staff-name">${nameText(x.clinician?.name)} → ${nameText(x.patient?.name ?? x.patient_name)}</p>
        <p class="staff-email">${t('sharing.emergency.when', { from: formatTime(x.started_at), to: formatTime(x.expires_at) })}</p>
        <p class="pre" data-testid="org-emergency-reason">${t('sharing.emergency.reason', { reason: x.reason })}</p>
        ${x.reviewed_at
          ? html`<p class="muted" data-testid="org-emergency-reviewed">${t('orgreview.reviewed', { when: formatTime(x.reviewed_at), by: nameText(x.reviewed_by?.name) })}${note ? html` — ${note}` : nothing}</p>`
          : html`<form class="form org-emergency-review" @submit=${(e: SubmitEvent) => { e.preventDefault(); void review(x); }}>
              <div class="field">
                <label for=${`org-emergency-note-${x.id}`}>${t('orgreview.note')}</label>
                <textarea id=${`org-emergency-note-${x.id}`} rows="2" maxlength="1000" data-testid="org-emergency-note"
                  .value=${notes.get(x.id) ?? ''} @input=${(e: Event) => notes.set(x.id, (e.target as HTMLTextAreaElement).value)}></textarea>
              </div>
              ${reviewing === x.id ? formStatus(reviewForm) : nothing}
              <div class="actions"><button type="submit" class="btn btn-primary btn-small" ?disabled=${reviewForm.busy} data-testid="org-emergency-review">${t('orgreview.review')}</button></div>
            </form>`}
      </div>
    </li>`;
  };

  const exportPanel = (): TemplateResult => html`<section class="panel" aria-labelledby="org-export-heading" data-testid="org-access-export">
    <h2 id="org-export-heading">${t('orgreview.export_title')}</h2>
    <p class="hint">${t('orgreview.export_text', { days: MAX_CSV_DAYS })}</p>
    <div class="record-pair">
      <div class="field"><label for="org-export-from">${t('orgreview.from')}</label>
        <input id="org-export-from" type="date" .value=${from} data-testid="org-export-from" @change=${(e: Event) => { from = (e.target as HTMLInputElement).value; ctx.update(); }} /></div>
      <div class="field"><label for="org-export-to">${t('orgreview.to')}</label>
        <input id="org-export-to" type="date" .value=${to} data-testid="org-export-to" @change=${(e: Event) => { to = (e.target as HTMLInputElement).value; ctx.update(); }} /></div>
    </div>
    ${rangeOk()
      ? html`<p><a class="btn btn-secondary" href=${recordsApi.accessLogCsvUrl(orgId, from, to)} download="record-access-log.csv" data-testid="org-export-csv">${t('orgreview.export')}</a></p>`
      : html`<p class="field-error" role="alert" data-testid="org-export-range">${t('orgreview.export_range', { days: MAX_CSV_DAYS })}</p>`}
  </section>`;

  return {
    title: () => t('orgreview.title'),
    view: () => {
      if (!org) {
        return html`${heading(t('orgreview.title'), t('orgreview.choose'))}
          <ul class="cards" data-testid="org-emergency-choose">${orgs.map(
            (r) => html`<li class="card"><a class="card-link" href=${`/org/emergency-accesses?org=${encodeURIComponent(r.organisation_id!)}`}>
              <span class="card-title">${localText(r.organisation_name)}</span></a></li>`,
          )}</ul>`;
      }
      return html`${heading(t('orgreview.title'), localText(org.organisation_name))}
        <div class="grid-2 grid-wide-first">
          <section class="panel" aria-labelledby="org-emergency-heading" data-testid="org-emergencies">
            <h2 id="org-emergency-heading">${t('orgreview.list_title')}</h2>
            <div class="actions" role="group" aria-label=${t('orgreview.show')}>
              <button type="button" class="btn btn-small ${status === 'unreviewed' ? 'btn-primary' : 'btn-quiet'}" aria-pressed=${status === 'unreviewed' ? 'true' : 'false'} data-testid="org-emergency-unreviewed" @click=${() => setStatus('unreviewed')}>${t('orgreview.unreviewed')}</button>
              <button type="button" class="btn btn-small ${status === 'all' ? 'btn-primary' : 'btn-quiet'}" aria-pressed=${status === 'all' ? 'true' : 'false'} data-testid="org-emergency-all" @click=${() => setStatus('all')}>${t('orgreview.all')}</button>
            </div>
            ${reviewing === null ? formStatus(reviewForm) : nothing}
            ${list.view((items) =>
              items.length
                ? html`<ul class="staff-list" data-testid="org-emergency-list">${items.map(item)}</ul>`
                : html`<p class="empty" data-testid="org-emergency-empty">${status === 'unreviewed' ? t('orgreview.none_unreviewed') : t('orgreview.none')}</p>`,
            )}
          </section>
          ${exportPanel()}
        </div>`;
    },
  };
};
