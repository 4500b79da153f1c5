// A patient's shared health record: /record (mine) and /patients/:id/record (a dependant's, or a
// clinician's reading as an organisation, ?as=<org>). The summary on top (allergies, current
// medications, active problems, latest results, immunisations, counts), then one tab per category
// listing entries newest first with "more" paging, each entry's history, trends of repeated tests,
// documents. What the reader may see is the server's answer (`access`); the page only says it.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError, type ApiError } from '../base/api';
import { codeName, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, hasRole } from '../base/session';
import { backLink, heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { accessBanner, ConsentActions, noRelationship, organisationChooser } from './access';
import { CATEGORIES, recordsApi, type Category, type Entry, type EntryWithVersions, type RecordSummary } from './api';
import { EnteredInErrorForm, EntryForm, formTypeOf } from './entry_form';
import { entryItem, summaryLine, type EntryHost } from './entry_view';
import { isPatientSide, nameText } from './format';
import { TrendPanel } from './trend_chart';
import { UploadForm } from './upload';

interface CategoryPage {
  items: Entry[];
  next: string | null;
  loading: boolean;
  error: ApiError | null;
}

const SUMMARY_PARTS = [
  { key: 'allergies', label: 'records.summary.allergies', testid: 'record-summary-allergies' },
  { key: 'medications', label: 'records.summary.medications', testid: 'record-summary-medications' },
  { key: 'problems', label: 'records.summary.problems', testid: 'record-summary-problems' },
  { key: 'latest_results', label: 'records.summary.latest_results', testid: 'record-summary-results' },
  { key: 'immunisations', label: 'records.summary.immunisations', testid: 'record-summary-immunisations' },
] as const;

const PAGE_SIZE = 20;

export const recordPage: PageFactory = (ctx) => {
  const own = ctx.params.id === undefined;
  const patient = ctx.params.id ?? currentAccount()?.id ?? '';
  const path = own ? '/record' : `/patients/${encodeURIComponent(patient)}/record`;
  const asParam = ctx.query.get('as');
  const requestedTab = ctx.query.get('tab') as Category | null;
  let tab: Category = requestedTab && (CATEGORIES as readonly string[]).includes(requestedTab) ? requestedTab : 'encounters';

  const record = new Loaded<RecordSummary>(() => recordsApi.summary(patient, asParam), ctx.update);
  const pages = new Map<Category, CategoryPage>();
  const details = new Map<string, Loaded<EntryWithVersions>>();
  const row = new FormState('record-row');
  let confirmRestrict: string | null = null;
  let mode: 'none' | 'add' | 'upload' = 'none';

  const access = () => record.value?.access ?? null;
  const patientSide = () => isPatientSide(access());
  /** The organisation the clinician reads (and writes) as: the address's, else the server's answer. */
  const readingAs = (): string | null => asParam ?? access()?.organisation?.id ?? null;

  async function loadCategory(category: Category, more = false): Promise<void> {
    const current = pages.get(category);
    const page: CategoryPage = more && current ? current : { items: [], next: null, loading: false, error: null };
    pages.set(category, page);
    page.loading = true;
    page.error = null;
    ctx.update();
    try {
      const r = await recordsApi.category(patient, category, asParam, more ? page.next : null, PAGE_SIZE);
      page.items = more ? [...page.items, ...r.items] : r.items;
      page.next = r.next;
      if (record.value) record.value = { ...record.value, access: r.access };
    } catch (e) {
      page.error = isApiError(e) ? e : null;
    } finally {
      page.loading = false;
      ctx.update();
    }
  }

  // An emergency access ends on its own: read the record again then, so the banner and what it
  // opened go with it.
  let expiry: number | undefined;
  function watchExpiry(): void {
    window.clearTimeout(expiry);
    const until = record.value?.access.basis === 'emergency' ? record.value.access.emergency_until : null;
    if (until) expiry = window.setTimeout(() => void reload(), Math.min(2 ** 31 - 1, Math.max(1000, until * 1000 - Date.now() + 1000)));
  }

  async function reload(): Promise<void> {
    details.clear();
    pages.clear();
    await record.load();
    watchExpiry();
    if (record.value) await loadCategory(tab);
  }

  void reload();

  const consent = new ConsentActions(patient, readingAs, ctx.update, () => void reload());
  const trend = new TrendPanel(patient, () => asParam, ctx.update);
  const writeAs = () => readingAs() ?? '';

  function focus(selector: string): void {
    requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
  }

  function afterWrite(entry: Entry, message: string): void {
    mode = 'none';
    row.reset();
    row.success = message;
    const category = entry.category as Category;
    if ((CATEGORIES as readonly string[]).includes(category)) selectTab(category, false);
    void reload();
  }

  const entryForm = new EntryForm(
    patient,
    writeAs,
    ctx.update,
    (entry, corrected) => afterWrite(entry, corrected ? t('records.form.corrected', { version: entry.version }) : t('records.form.added')),
    () => { mode = 'none'; ctx.update(); },
  );
  const upload = new UploadForm(patient, writeAs, ctx.update, (entry) => afterWrite(entry, t('records.upload.done')), () => { mode = 'none'; ctx.update(); });
  const inError = new EnteredInErrorForm(patient, writeAs, ctx.update, (entry) => afterWrite(entry, t('records.eie.done')));
  let correcting = false;

  function selectTab(category: Category, load = true): void {
    tab = category;
    const q = new URLSearchParams(ctx.query);
    q.set('tab', category);
    history.replaceState(null, '', `${path}?${q.toString()}`);
    if (load && !pages.has(category)) void loadCategory(category);
    ctx.update();
  }

  const host: EntryHost = {
    get patientSide() {
      return patientSide();
    },
    get busy() {
      return row.busy;
    },
    canWrite: (e) => !patientSide() && Boolean(readingAs()) && e.organisation?.id === readingAs(),
    correctable: (e) => formTypeOf(e) !== null,
    detail: (e) => details.get(e.id) ?? null,
    toggleDetail: (e) => {
      if (details.has(e.id)) details.delete(e.id);
      else {
        const d = new Loaded(() => recordsApi.entry(patient, e.id, asParam), ctx.update);
        details.set(e.id, d);
        void d.load();
      }
      ctx.update();
    },
    trendable: (e) => (e.category === 'labs' || e.category === 'vitals') && Boolean(e.code) && !e.entered_in_error,
    showTrend: (e) => {
      if (e.code) trend.show(e.code);
    },
    restrict: (e) => {
      if (confirmRestrict !== e.id) {
        confirmRestrict = e.id;
        ctx.update();
        return;
      }
      void submitting(row, ctx.update, async () => {
        await recordsApi.restrict(patient, 'entry', e.id);
        confirmRestrict = null;
        row.success = t('records.restrict.done');
        for (const p of pages.values()) p.items = p.items.map((x) => (x.id === e.id ? { ...x, restricted: true } : x));
      });
    },
    confirmingRestrict: (e) => confirmRestrict === e.id,
    cancelRestrict: () => {
      confirmRestrict = null;
      ctx.update();
    },
    correct: (e) => {
      mode = 'add';
      correcting = true;
      entryForm.openCorrect(e);
      focus('#record-form-heading');
    },
    markInError: (e) => inError.open(e),
    inErrorForm: (e) => inError.view(e),
    documentUrl: (e) => (e.document && !asParam ? e.document : recordsApi.documentUrl(patient, e.id, asParam)),
  };

  const summaryView = (r: RecordSummary): TemplateResult => {
    const s = r.summary;
    return html`<section class="record-summary" aria-label=${t('records.summary.title')} data-testid="record-summary">
      ${SUMMARY_PARTS.map((part) => {
        const items = s[part.key] ?? [];
        return html`<section class="panel record-summary-part" aria-labelledby=${`${part.testid}-heading`} data-testid=${part.testid}>
          <h2 id=${`${part.testid}-heading`}>${t(part.label)}</h2>
          ${items.length
            ? html`<ul class="plain-list">${items.map((e) => summaryLine(e, part.key === 'latest_results' && host.trendable(e) ? host.showTrend : undefined))}</ul>`
            : html`<p class="empty">${part.key === 'allergies' ? t('records.summary.no_allergies') : t('records.summary.none')}</p>`}
        </section>`;
      })}
    </section>`;
  };

  function onTabKey(event: KeyboardEvent): void {
    const i = CATEGORIES.indexOf(tab);
    const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? CATEGORIES.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const c = CATEGORIES[(next + CATEGORIES.length) % CATEGORIES.length]!;
    selectTab(c);
    focus(`#record-tab-${c}`);
  }

  const tabsView = (r: RecordSummary): TemplateResult => html`<div class="record-tabs" role="tablist" aria-label=${t('records.tabs.label')} data-testid="record-tabs" @keydown=${onTabKey}>
    ${CATEGORIES.map((c) => {
      const count = r.summary.counts?.[c] ?? 0;
      return html`<button type="button" role="tab" id=${`record-tab-${c}`} aria-selected=${c === tab ? 'true' : 'false'} aria-controls="record-tabpanel"
        tabindex=${c === tab ? '0' : '-1'} class="record-tab ${count ? '' : 'is-empty'}" data-testid="record-tab" data-category=${c} @click=${() => selectTab(c)}>
        ${codeName('records.category', c)} <span class="record-count" data-testid="record-tab-count">${count}</span>
      </button>`;
    })}
  </div>`;

  const listView = (): TemplateResult => {
    const page = pages.get(tab);
    return html`<section class="panel record-list" role="tabpanel" id="record-tabpanel" aria-labelledby=${`record-tab-${tab}`} data-testid="record-list" data-category=${tab}>
      ${page?.error
        ? html`<div class="alert alert-error" role="alert" data-testid="record-list-error"><p>${page.error.detail}</p>
            <button type="button" class="btn btn-secondary btn-small" @click=${() => void loadCategory(tab)}>${t('common.retry')}</button></div>`
        : nothing}
      ${page && page.items.length
        ? html`<ul class="record-entries" data-testid="record-entries">${page.items.map((e) => entryItem(host, e))}</ul>`
        : page && !page.loading && !page.error
          ? html`<p class="empty" data-testid="record-list-empty">${t('records.list.empty', { category: codeName('records.category', tab) })}</p>`
          : nothing}
      ${page?.loading ? html`<p class="loading" role="status">${t('common.loading')}</p>` : nothing}
      ${page?.next && !page.loading
        ? html`<div class="actions"><button type="button" class="btn btn-secondary" data-testid="record-more" @click=${() => void loadCategory(tab, true)}>${t('records.list.more')}</button></div>`
        : nothing}
    </section>`;
  };

  const clinicianTools = (): TemplateResult | typeof nothing => {
    if (patientSide() || !readingAs()) return nothing;
    return html`<div class="actions record-tools">
      <button type="button" class="btn btn-primary" aria-expanded=${mode === 'add' && !correcting ? 'true' : 'false'} data-testid="record-add" @click=${() => {
        mode = 'add';
        correcting = false;
        entryForm.openNew();
        focus('#record-form-heading');
      }}>${t('records.form.add')}</button>
      <button type="button" class="btn btn-secondary" aria-expanded=${mode === 'upload' ? 'true' : 'false'} data-testid="record-upload" @click=${() => {
        mode = 'upload';
        upload.form.reset();
        ctx.update();
        focus('#record-upload-heading');
      }}>${t('records.upload.open')}</button>
    </div>`;
  };

  const patientLinks = (): TemplateResult => {
    const base = own ? '/record' : path;
    return html`<p class="record-links">
      <a href=${`${base}/sharing`} data-testid="record-sharing-link">${t('records.links.sharing')}</a>
      · <a href=${`${base}/access-log`} data-testid="record-access-log-link">${t('records.links.access_log')}</a>
    </p>`;
  };

  const failure = (e: ApiError): TemplateResult => {
    if (e.status === 404 && !own) return noRelationship();
    if (e.code === 'choose_organisation') return organisationChooser(path);
    return html`<div class="alert alert-error" role="alert" data-testid="load-error" data-code=${e.code}>
      <p>${e.detail}</p>
      <button type="button" class="btn btn-secondary" @click=${() => void reload()}>${t('common.retry')}</button>
    </div>`;
  };

  const title = () => {
    const r = record.value;
    if (own || !r) return t('records.title');
    return t('records.title_of', { name: nameText(r.patient.name) });
  };

  return {
    title,
    leave: () => {
      window.clearTimeout(expiry);
      trend.dispose();
    },
    view: () => {
      const r = record.value;
      const a = r?.access;
      const dob = r?.patient.date_of_birth;
      return html`${!own && a && !isPatientSide(a) && hasRole('doctor') ? backLink('/doctor/day', t('records.back_day')) : nothing}
        ${heading(title(), r ? (dob ? t('records.lead_dob', { dob }) : t('records.lead')) : undefined)}
        ${record.error
          ? failure(record.error)
          : !r
            ? html`<p class="loading" role="status">${t('common.loading')}</p>`
            : html`<div class="record" data-testid="record" data-basis=${r.access.basis} data-sharing=${r.access.sharing ?? ''}>
                ${accessBanner(r.access)}
                ${r.access.basis === 'own organisation' && (r.access.sharing === 'no_consent' || r.access.sharing === 'not_joined') ? consent.view(r.access) : nothing}
                ${patientSide() ? patientLinks() : nothing}
                ${formStatus(row)}
                ${clinicianTools()}
                ${mode === 'add' ? entryForm.view() : mode === 'upload' ? upload.view() : nothing}
                ${summaryView(r)}
                ${trend.view()}
                <h2 class="record-section-title">${t('records.entries_title')}</h2>
                ${tabsView(r)}
                ${listView()}
              </div>`}`;
    },
  };
};
