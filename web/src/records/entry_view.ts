// One entry of the record as a list item: what it is, who recorded it where and when, its status
// (entered-in-error struck through with the reason), its facts, an encounter's signed note, and
// on demand its detail: every version with who changed it and why, and a document's PDF.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import type { Loaded } from '../base/ui/common';
import type { Entry, EntryWithVersions } from './api';
import { detailFacts, entryTitle, nameText, provenance, statusBadge, valueText } from './format';

export interface EntryHost {
  patientSide: boolean;
  /** The entry is the reading organisation's own: the clinician may correct it or mark it in error. */
  canWrite(e: Entry): boolean;
  /** The entry was made with a form (not by the platform), so it can be corrected with it. */
  correctable(e: Entry): boolean;
  detail(e: Entry): Loaded<EntryWithVersions> | null;
  toggleDetail(e: Entry): void;
  trendable(e: Entry): boolean;
  showTrend(e: Entry): void;
  restrict(e: Entry): void;
  correct(e: Entry): void;
  markInError(e: Entry): void;
  /** The entered-in-error form when it is open on this entry. */
  inErrorForm(e: Entry): TemplateResult | typeof nothing;
  documentUrl(e: Entry): string;
  /** Whether the restrict button of this entry waits for a confirmation. */
  confirmingRestrict(e: Entry): boolean;
  cancelRestrict(): void;
  busy: boolean;
}

function noteView(note: Entry): TemplateResult {
  const d = note.details as { subjective?: string; objective?: string; assessment?: string; plan?: string; diagnoses?: { code: string; name?: unknown }[]; note_version?: number };
  const sections = ['subjective', 'objective', 'assessment', 'plan'] as const;
  return html`<details class="record-note" data-testid="record-encounter-note">
    <summary>${t('records.note.title', { version: d.note_version ?? note.version })}</summary>
    <dl class="facts">
      ${sections.map((s) => (d[s] ? html`<div><dt>${t(`records.note.${s}`)}</dt><dd class="pre">${d[s]}</dd></div>` : nothing))}
      ${d.diagnoses?.length
        ? html`<div><dt>${t('records.note.diagnoses')}</dt><dd>${d.diagnoses
            .map((x) => `${x.code} ${x.name && typeof x.name === 'object' ? localText(x.name as never) : typeof x.name === 'string' ? x.name : ''}`.trim())
            .join(t('records.list_sep'))}</dd></div>`
        : nothing}
    </dl>
  </details>`;
}

function versionsView(host: EntryHost, e: Entry, loaded: Loaded<EntryWithVersions>): TemplateResult {
  return loaded.view(
    (d) => html`<div class="record-detail" data-testid="record-entry-detail">
      ${e.category === 'documents'
        ? html`<div class="record-document">
            <iframe class="record-pdf" src=${host.documentUrl(e)} title=${t('records.document.frame', { title: entryTitle(e) })} data-testid="record-document-frame"></iframe>
            <p><a href=${host.documentUrl(e)} target="_blank" rel="noopener" data-external data-testid="record-document-open">${t('records.document.open')}</a></p>
          </div>`
        : nothing}
      <h3 class="record-versions-title">${t('records.versions.title', { count: d.versions.length })}</h3>
      <ol class="record-versions" data-testid="record-versions">
        ${[...d.versions].sort((a, b) => b.version - a.version).map(
          (v) => html`<li data-testid="record-version" data-version=${v.version}>
            <p><strong>${t('records.versions.version', { version: v.version })}</strong>
              · ${formatTime(v.recorded_at)} · ${nameText(v.recorded_by?.name)}</p>
            ${v.reason ? html`<p class="muted" data-testid="record-version-reason">${t('records.versions.reason', { reason: v.reason })}</p>` : nothing}
            <p class="muted">${entryTitle(v.entry)}${valueText(v.entry) ? ` · ${valueText(v.entry)}` : ''}</p>
          </li>`,
        )}
      </ol>
    </div>`,
  );
}

export function entryItem(host: EntryHost, e: Entry): TemplateResult {
  const eie = e.entered_in_error;
  const detail = host.detail(e);
  const title = entryTitle(e);
  return html`<li class="record-entry ${eie ? 'is-eie' : ''}" data-testid="record-entry" data-entry-id=${e.id} data-category=${e.category}
      data-version=${String(e.version)} data-eie=${eie ? 'true' : 'false'} data-restricted=${e.restricted ? 'true' : 'false'}>
    <div class="record-entry-head">
      <h3 class="record-entry-title" data-testid="record-entry-title">${eie ? html`<s>${title}</s>` : title}
        ${e.code ? html`<span class="code muted">${e.code.code}</span>` : nothing}</h3>
      <p class="chips">${statusBadge(e)}
        ${e.version > 1 ? html`<span class="badge" data-testid="record-entry-version">${t('records.versions.version', { version: e.version })}</span>` : nothing}
        ${e.sensitivity === 'mental_health' ? html`<span class="badge badge-warn">${t('records.mental_health')}</span>` : nothing}
        ${host.patientSide && e.restricted ? html`<span class="badge badge-off" data-testid="record-entry-restricted">${t('records.restricted')}</span>` : nothing}
      </p>
    </div>
    ${provenance(e)}
    ${eie
      ? html`<p class="record-eie-reason" data-testid="record-entry-eie-reason">${t('records.eie.shown', { reason: eie.reason, when: formatTime(eie.at) })}</p>`
      : nothing}
    <div class=${eie ? 'record-struck' : ''}>${detailFacts(e)}</div>
    ${e.note ? noteView(e.note) : nothing}
    ${host.inErrorForm(e)}
    <div class="actions record-entry-actions">
      <button type="button" class="btn btn-quiet btn-small" aria-expanded=${detail ? 'true' : 'false'} data-testid="record-entry-more" @click=${() => host.toggleDetail(e)}>
        ${e.category === 'documents' ? t('records.document.show') : t('records.entry.history')}<span class="visually-hidden"> · ${title}</span>
      </button>
      ${host.trendable(e)
        ? html`<button type="button" class="btn btn-quiet btn-small" data-testid="record-entry-trend" @click=${() => host.showTrend(e)}>${t('records.trend.show')}<span class="visually-hidden"> · ${title}</span></button>`
        : nothing}
      ${host.patientSide && !e.restricted && !eie
        ? host.confirmingRestrict(e)
          ? html`<span class="confirm">${t('records.restrict.question')}
              <button type="button" class="btn btn-danger btn-small" ?disabled=${host.busy} data-testid="record-entry-restrict-confirm" @click=${() => host.restrict(e)}>${t('records.restrict.confirm')}</button>
              <button type="button" class="btn btn-quiet btn-small" @click=${() => host.cancelRestrict()}>${t('common.cancel')}</button></span>`
          : html`<button type="button" class="btn btn-quiet btn-small" data-testid="record-entry-restrict" @click=${() => host.restrict(e)}>${t('records.restrict.action')}<span class="visually-hidden"> · ${title}</span></button>`
        : nothing}
      ${host.canWrite(e) && !eie
        ? html`${host.correctable(e)
              ? html`<button type="button" class="btn btn-secondary btn-small" data-testid="record-entry-correct" @click=${() => host.correct(e)}>${t('records.entry.correct')}<span class="visually-hidden"> · ${title}</span></button>`
              : nothing}
            <button type="button" class="btn btn-quiet btn-small" data-testid="record-entry-eie" @click=${() => host.markInError(e)}>${t('records.entry.eie')}<span class="visually-hidden"> · ${title}</span></button>`
        : nothing}
    </div>
    ${detail ? versionsView(host, e, detail) : nothing}
  </li>`;
}

/** A short line of an entry for the summary: name, value, organisation, date. */
export function summaryLine(e: Entry, onTrend?: (e: Entry) => void): TemplateResult {
  const value = valueText(e);
  return html`<li class="record-summary-item" data-testid="record-summary-item" data-entry-id=${e.id}>
    <span class="record-summary-name">${entryTitle(e)}</span>${value ? html` <strong class="nowrap">${value}</strong>` : nothing}
    <span class="muted"> · ${nameText(e.organisation?.name)}</span>
    ${onTrend ? html` <button type="button" class="btn btn-quiet btn-small" data-testid="record-summary-trend" @click=${() => onTrend(e)}>${t('records.trend.show')}<span class="visually-hidden"> · ${entryTitle(e)}</span></button>` : nothing}
  </li>`;
}
