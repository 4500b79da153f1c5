// Find a doctor (/doctors): free text (names in any script: the server folds Traditional and
// Simplified Chinese together), specialty, spoken language, organisation, region, consultation type,
// availability and order. The filters live in the address, so back/forward and shared links work.
import { html, nothing, type TemplateResult } from 'lit-html';
import { meta } from '../base/codes';
import { codeName, formatTime, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { heading } from '../base/ui/common';
import { FormState, formStatus } from '../base/ui/form';
import type { Organisation } from '../organisation';
import { bookingApi, CONSULTATION_TYPES, type DoctorSearch, type DoctorSummary } from './api';
import { addDays, consultationType, doctorName, doctorOtherName, formatFee, hkToday } from './format';

const FILTERS = ['specialty', 'language', 'organisation', 'region', 'type', 'within', 'sort'] as const;
type Filter = (typeof FILTERS)[number];
const WITHIN_DAYS = ['1', '3', '7', '14'];

function searchOf(params: URLSearchParams): DoctorSearch {
  const within = params.get('within');
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() || undefined,
    specialty: params.get('specialty') || undefined,
    language: params.get('language') || undefined,
    organisation: params.get('organisation') || undefined,
    region: params.get('region') || undefined,
    consultation_type: params.get('type') || undefined,
    available_before: within && WITHIN_DAYS.includes(within) ? addDays(hkToday(), Number(within)) : undefined,
    sort: sort === 'next_free' ? 'next_free' : undefined,
  };
}

export const doctorsPage: PageFactory = (ctx) => {
  const params = new URLSearchParams(ctx.query);
  const form = new FormState('doctors');
  let results: DoctorSummary[] | null = null;
  let nextOffset: number | null = null;
  let loadingMore = false;
  let generation = 0;
  let specialties: string[] = [];
  let languages: string[] = [];
  let regions: string[] = [];
  let organisations: Organisation[] = [];

  async function search(append = false): Promise<void> {
    const mine = ++generation;
    form.reset();
    if (append) loadingMore = true;
    else form.busy = true;
    ctx.update();
    try {
      const r = await bookingApi.searchDoctors({ ...searchOf(params), offset: append ? (nextOffset ?? 0) : 0 });
      if (mine !== generation) return;
      results = append && results ? [...results, ...r.items] : r.items;
      nextOffset = r.next_offset;
    } catch (e) {
      if (mine !== generation) return;
      form.fail(e);
      if (!append) results = null;
    } finally {
      if (mine === generation) {
        form.busy = false;
        loadingMore = false;
        ctx.update();
      }
    }
  }

  /** Puts the filters in the address (a new history entry) and searches again. */
  function apply(): void {
    const qs = params.toString();
    history.pushState(null, '', qs ? `/doctors?${qs}` : '/doctors');
    void search();
  }

  function setParam(name: string, value: string): void {
    if (value) params.set(name, value);
    else params.delete(name);
  }

  function onText(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const q = data.get('q');
    setParam('q', typeof q === 'string' ? q.trim() : '');
    apply();
  }

  function onFilter(name: Filter, event: Event): void {
    setParam(name, (event.target as HTMLSelectElement).value);
    apply();
  }

  function clearFilters(): void {
    for (const f of FILTERS) params.delete(f);
    params.delete('q');
    apply();
  }

  void meta().then((m) => {
    specialties = m.specialties;
    languages = m.languages;
    regions = m.regions;
    ctx.update();
  });
  void bookingApi.organisations().then(
    (items) => {
      organisations = items.filter((o) => o.kind !== 'pharmacy');
      ctx.update();
    },
    () => undefined, // the organisation filter stays empty; searching still works
  );
  void search();

  const select = (name: Filter, label: string, anyLabel: string, options: { value: string; label: string }[]) => {
    const id = `doctors-${name}`;
    const value = params.get(name) ?? '';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${name} data-testid=${id} @change=${(e: Event) => onFilter(name, e)}>
        <option value="" ?selected=${value === ''}>${anyLabel}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>
    </div>`;
  };

  const card = (d: DoctorSummary): TemplateResult => {
    const other = doctorOtherName(d);
    return html`<li class="bk-result-card" data-testid="doctor-result" data-doctor-id=${d.id}>
      <div class="bk-result-head">
        ${d.has_photo
          ? html`<img class="bk-result-photo" src=${`/api/v1/doctors/${encodeURIComponent(d.id)}/photo`} alt="" width="56" height="56" loading="lazy" />`
          : html`<span class="bk-result-photo bk-placeholder" aria-hidden="true">${(d.name_zh || d.display_name).replace(/^Dr\.?\s*/i, '').slice(0, 1)}</span>`}
        <div>
          <h2 class="bk-result-name">
            <a href=${`/doctors/${encodeURIComponent(d.id)}`} data-testid="doctor-result-name">${doctorName(d)}</a>
          </h2>
          ${other ? html`<p class="muted bk-result-other" lang=${other === d.name_zh ? 'zh' : 'en'}>${other}</p>` : nothing}
        </div>
      </div>
      <p class="chips" data-testid="doctor-result-specialties">
        ${d.specialties.map((s) => html`<span class="chip">${codeName('specialty', s)}</span>`)}
      </p>
      <dl class="bk-facts">
        <div><dt>${t('doctors.organisation')}</dt><dd data-testid="doctor-result-org">${localText(d.organisation.name)} · ${codeName('region', d.organisation.region)}</dd></div>
        <div><dt>${t('doctors.languages')}</dt><dd data-testid="doctor-result-languages">${d.languages.map((l) => codeName('spoken_language', l)).join(t('booking.list_separator'))}</dd></div>
        <div><dt>${t('doctors.fee')}</dt><dd data-testid="doctor-result-fee">${formatFee(d.fee_cents, d.currency)}</dd></div>
        <div><dt>${t('doctors.next_free')}</dt><dd data-testid="doctor-result-next">${d.next_free_slot ? formatTime(d.next_free_slot) : t('doctors.no_free')}</dd></div>
      </dl>
      <p class="bk-result-action">
        <a class="btn btn-primary btn-small" href=${`/doctors/${encodeURIComponent(d.id)}`} data-testid="doctor-result-open"
          >${t('doctors.see_times')}</a
        >
      </p>
    </li>`;
  };

  return {
    title: () => t('doctors.title'),
    view: () => {
      const active = FILTERS.filter((f) => params.get(f)).length + (params.get('q') ? 1 : 0);
      return html`${heading(t('doctors.title'), t('doctors.lead'))}
        <section class="panel search-panel" aria-label=${t('doctors.search_label')}>
          <form class="bk-search-row" role="search" @submit=${onText} data-testid="doctors-search-form">
            <label for="doctors-q" class="visually-hidden">${t('doctors.query')}</label>
            <input id="doctors-q" name="q" type="search" maxlength="100" autocomplete="off" .value=${params.get('q') ?? ''}
              placeholder=${t('doctors.query_placeholder')} data-testid="doctors-q" />
            <button type="submit" class="btn btn-primary" data-testid="doctors-search">${t('doctors.search')}</button>
          </form>
          <div class="bk-filter-grid">
            ${select('specialty', t('doctors.specialty'), t('doctors.any_specialty'), specialties.map((s) => ({ value: s, label: codeName('specialty', s) })))}
            ${select('language', t('doctors.language'), t('doctors.any_language'), languages.map((l) => ({ value: l, label: codeName('spoken_language', l) })))}
            ${select('type', t('doctors.type'), t('doctors.any_type'), CONSULTATION_TYPES.map((c) => ({ value: c, label: consultationType(c) })))}
            ${select('within', t('doctors.within'), t('doctors.any_time'), WITHIN_DAYS.map((d) => ({ value: d, label: t(`doctors.within_${d}`) })))}
            ${select('organisation', t('doctors.organisation'), t('doctors.any_organisation'), organisations.map((o) => ({ value: o.id, label: localText(o.name) })))}
            ${select('region', t('doctors.region'), t('doctors.any_region'), regions.map((r) => ({ value: r, label: codeName('region', r) })))}
            ${select('sort', t('doctors.sort'), t('doctors.sort_name'), [{ value: 'next_free', label: t('doctors.sort_next_free') }])}
          </div>
          ${active
            ? html`<p class="actions"><button type="button" class="btn btn-quiet btn-small" data-testid="doctors-clear" @click=${clearFilters}>
                ${t('doctors.clear', { count: active })}
              </button></p>`
            : nothing}
        </section>
        ${formStatus(form)}
        <p class="bk-result-count" role="status" aria-live="polite" data-testid="doctors-count">${form.busy
            ? t('common.loading')
            : results
              ? results.length === 0
                ? t('doctors.none')
                : t(nextOffset === null ? 'doctors.found' : 'doctors.found_more', { count: results.length })
              : ''}</p>
        ${results?.length
          ? html`<ul class="bk-result-list" data-testid="doctors-results">${results.map(card)}</ul>`
          : nothing}
        ${nextOffset !== null
          ? html`<p class="actions"><button type="button" class="btn btn-secondary" ?disabled=${loadingMore}
              data-testid="doctors-more" @click=${() => void search(true)}>${loadingMore ? t('common.loading') : t('doctors.more')}</button></p>`
          : nothing}`;
    },
  };
};
