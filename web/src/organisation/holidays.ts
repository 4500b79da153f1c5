// Organisation admin: the public holidays on which weekly templates give no slots (Hong Kong's
// general holidays are seeded; the clinic adds its own or removes one it opens on). Every change
// re-makes the slots of all the organisation's doctors; booked appointments it withdraws are flagged.
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { dayLabel, hkToday, isDay } from '../base/time';
import { Loaded, heading } from '../base/ui/common';
import { FormState, field, focusProblem, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { organisationApi, type Holiday, type SlotChange } from './api';
import { orgNames } from './org_info';
import { slotChangeView } from './slot_change';
import { orgTabs } from './tabs';

export const orgHolidaysPage: PageFactory = (ctx) => {
  const org = ctx.params.org ?? '';
  const names = new Loaded(() => orgNames(org), ctx.update);
  const holidays = new Loaded(() => organisationApi.holidays(org), ctx.update);
  void names.load();
  void holidays.load();

  const add = new FormState('hol');
  let addKey = 0;
  const list = new FormState('hol-list');
  let confirming: string | null = null;
  let showPast = false;
  let lastChange: { what: string; slots: SlotChange } | null = null;

  function changed(what: string, slots: SlotChange): void {
    lastChange = { what, slots };
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="hol-result"]')?.focus());
  }

  async function onAdd(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const day = str(d, 'day');
    const name = { en: str(d, 'name_en').trim(), 'zh-Hant': str(d, 'name_zh_hant').trim(), 'zh-Hans': str(d, 'name_zh_hans').trim() };
    add.reset();
    if (!isDay(day)) add.failField('day', t('avail.day_invalid'));
    if (add.problem) {
      ctx.update();
      focusProblem(add);
      return;
    }
    await submitting(add, ctx.update, async () => {
      const r = await organisationApi.putHoliday(org, day, name);
      const rest = (holidays.value ?? []).filter((h) => h.day !== day);
      holidays.value = [...rest, { day, name }].sort((a, b) => a.day.localeCompare(b.day));
      addKey++;
      changed(t('holiday.added', { day: dayLabel(day), name: localText(name) }), r.slots);
    });
  }

  async function remove(h: Holiday): Promise<void> {
    confirming = null;
    await submitting(list, ctx.update, async () => {
      const r = await organisationApi.removeHoliday(org, h.day);
      holidays.value = (holidays.value ?? []).filter((x) => x.day !== h.day);
      changed(t('holiday.removed', { day: dayLabel(h.day), name: localText(h.name) }), r.slots);
    });
  }

  const row = (h: Holiday): TemplateResult => html`<li data-testid="hol-row" data-day=${h.day}>
    <span><strong>${dayLabel(h.day)}</strong> · <span data-testid="hol-name">${localText(h.name)}</span></span>
    ${confirming === h.day
      ? html`<span class="confirm" role="group" aria-label=${t('holiday.remove_confirm_label')}>
          <span>${t('holiday.remove_confirm_text')}</span>
          <button type="button" class="btn btn-danger btn-small" ?disabled=${list.busy} data-testid="hol-remove-confirm" @click=${() => remove(h)}>${t('holiday.remove')}</button>
          <button type="button" class="btn btn-quiet btn-small" @click=${() => { confirming = null; ctx.update(); }}>${t('common.cancel')}</button>
        </span>`
      : html`<button type="button" class="btn btn-quiet btn-small" data-testid="hol-remove" @click=${() => { confirming = h.day; ctx.update(); }}>
          ${t('holiday.remove')}<span class="visually-hidden"> ${dayLabel(h.day)}</span>
        </button>`}
  </li>`;

  return {
    title: () => t('holiday.title'),
    view: () => html`${heading(t('holiday.title'), names.value ? localText(names.value) : undefined)}
      ${orgTabs(org, 'holidays')}
      ${lastChange ? slotChangeView(lastChange.what, lastChange.slots, 'hol') : nothing}
      <div class="grid-2 grid-wide-first">
        <section class="panel" aria-labelledby="hol-list-heading">
          <h2 id="hol-list-heading">${t('holiday.list_title')}</h2>
          <p class="hint">${t('holiday.list_hint')}</p>
          ${formStatus(list)}
          ${holidays.view((items) => {
            const today = hkToday();
            const shown = showPast ? items : items.filter((h) => h.day >= today);
            const past = items.length - items.filter((h) => h.day >= today).length;
            return html`${shown.length
                ? html`<ul class="plain-list avail-list" data-testid="hol-list">${shown.map(row)}</ul>`
                : html`<p class="empty" data-testid="hol-none">${t('holiday.none')}</p>`}
              ${past > 0
                ? html`<button type="button" class="btn btn-quiet btn-small" aria-pressed=${showPast ? 'true' : 'false'} @click=${() => { showPast = !showPast; ctx.update(); }}>
                    ${showPast ? t('holiday.hide_past') : t('holiday.show_past', { count: past })}
                  </button>`
                : nothing}`;
          })}
        </section>
        <section class="panel" aria-labelledby="hol-add-heading">
          <h2 id="hol-add-heading">${t('holiday.add_title')}</h2>
          ${formStatus(add)}
          ${keyed(
            addKey,
            html`<form class="form" novalidate data-testid="hol-form" @submit=${onAdd}>
              ${field(add, { name: 'day', label: t('holiday.day'), type: 'date', required: true, min: hkToday(), testid: 'hol-day' })}
              ${field(add, { name: 'name_en', label: t('holiday.name_en'), required: true, maxlength: 200, lang: 'en', errorField: 'name.en', testid: 'hol-name-en' })}
              ${field(add, { name: 'name_zh_hant', label: t('holiday.name_zh_hant'), required: true, maxlength: 200, lang: 'zh-Hant', errorField: 'name.zh-Hant', testid: 'hol-name-zh-hant' })}
              ${field(add, { name: 'name_zh_hans', label: t('holiday.name_zh_hans'), required: true, maxlength: 200, lang: 'zh-Hans', errorField: 'name.zh-Hans', testid: 'hol-name-zh-hans' })}
              <div class="actions">${submitButton(add, t('holiday.add_submit'), 'hol-submit')}</div>
            </form>`,
          )}
        </section>
      </div>`,
  };
};
