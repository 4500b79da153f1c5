// Organisation admin: the organisation's services (name in three languages, specialty, consultation
// type, slot length, fee, "see a doctor now" queue and its hours): add, change, retire.
// Retired services leave the public list but stay on this page (include_retired, admins only), so a
// retirement can be undone at any time.
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import type { ConsultationType } from '../base/api';
import { fallbackMeta, meta } from '../base/codes';
import { codeName, formatMoney, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { Loaded, heading } from '../base/ui/common';
import { FormState, field, focusProblem, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { hoursText } from '../queue';
import { organisationApi, type Service, type ServiceInput, type SlotChange } from './api';
import { HoursEditor } from './hours_editor';
import { orgNames } from './org_info';
import { slotChangeView } from './slot_change';
import { orgTabs } from './tabs';

const TYPES: ConsultationType[] = ['video', 'voice', 'in_person'];
const CURRENCIES = ['HKD', 'MOP', 'CNY'];

function money(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** The form's values as a service, or null after marking what is wrong on the form. */
function readService(form: FormState, data: FormData, hours: HoursEditor): ServiceInput | null {
  form.reset();
  const feeText = str(data, 'fee').trim().replace(/,/g, '');
  if (feeText && !/^\d{1,7}(\.\d{1,2})?$/.test(feeText)) form.failField('fee_cents', t('orgsvc.fee_invalid'));
  const slot = Number(str(data, 'slot_minutes'));
  if (!Number.isInteger(slot) || slot < 5 || slot > 240) form.failField('slot_minutes', t('orgsvc.slot_invalid'));
  const queueEnabled = data.get('queue_enabled') === 'on';
  const h = hours.read();
  if (queueEnabled && 'error' in h) form.failField('queue_hours', h.error);
  if (form.problem) return null;
  return {
    name: { en: str(data, 'name_en').trim(), 'zh-Hant': str(data, 'name_zh_hant').trim(), 'zh-Hans': str(data, 'name_zh_hans').trim() },
    specialty: str(data, 'specialty'),
    consultation_type: str(data, 'consultation_type') as ConsultationType,
    slot_minutes: slot,
    fee_cents: feeText ? Math.round(Number(feeText) * 100) : 0,
    currency: str(data, 'currency'),
    queue_enabled: queueEnabled,
    ...('hours' in h ? { queue_hours: h.hours } : {}),
  };
}

export const orgServicesPage: PageFactory = (ctx) => {
  const org = ctx.params.org ?? '';
  const names = new Loaded(() => orgNames(org), ctx.update);
  const services = new Loaded(() => organisationApi.services(org, true), ctx.update);
  let specialties = fallbackMeta().specialties;
  void meta().then((m) => {
    specialties = m.specialties;
    ctx.update();
  });
  void names.load();
  void services.load();

  const add = new FormState('svc');
  let addKey = 0;
  let addHours = new HoursEditor(null, ctx.update);
  let addQueue = false;
  const edit = new FormState('svc-edit');
  let editing: { id: string; hours: HoursEditor; queue: boolean } | null = null;
  const row = new FormState('svc-row');
  let rowTarget: string | null = null;
  /** What the last change did to the slots of the service at rowTarget, when it touched any. */
  let rowSlots: SlotChange | null = null;
  const touched = (slots: SlotChange): SlotChange | null => (slots.added || slots.withdrawn || slots.needs_rebooking ? slots : null);
  let confirmingRetire: string | null = null;
  /** Active services first, then retired ones, each by name (the server's order). */
  function put(s: Service): void {
    const list = [...(services.value ?? []).filter((x) => x.id !== s.id), s];
    services.value = list.sort((a, b) => Number(b.active) - Number(a.active) || a.name.en.localeCompare(b.name.en));
  }

  async function onAdd(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const input = readService(add, data, addHours);
    if (!input) {
      ctx.update();
      focusProblem(add);
      return;
    }
    await submitting(add, ctx.update, async () => {
      const created = await organisationApi.createService(org, input);
      put(created);
      addKey++;
      addHours = new HoursEditor(null, ctx.update);
      addQueue = false;
      add.success = t('orgsvc.added', { name: localText(created.name) });
    });
  }

  async function onEdit(event: SubmitEvent, s: Service): Promise<void> {
    const data = formValues(event);
    const input = readService(edit, data, editing!.hours);
    if (!input) {
      ctx.update();
      focusProblem(edit);
      return;
    }
    await submitting(edit, ctx.update, async () => {
      const saved = await organisationApi.updateService(s.id, input);
      put(saved);
      editing = null;
      rowTarget = s.id;
      rowSlots = touched(saved.slots);
      row.reset();
      row.success = t('orgsvc.saved', { name: localText(saved.name) });
    });
  }

  async function setActive(s: Service, active: boolean): Promise<void> {
    rowTarget = s.id;
    rowSlots = null;
    confirmingRetire = null;
    await submitting(row, ctx.update, async () => {
      const saved = await organisationApi.updateService(s.id, { active });
      put(saved);
      rowSlots = touched(saved.slots);
      row.success = active ? t('orgsvc.restored', { name: localText(saved.name) }) : t('orgsvc.retired_done', { name: localText(saved.name) });
    });
  }

  function serviceFields(form: FormState, s: Service | null, hours: HoursEditor, queueOn: boolean, onQueue: (on: boolean) => void): TemplateResult {
    const id = form.id;
    return html`<fieldset class="field-group">
        <legend>${t('orgsvc.name')}</legend>
        ${field(form, { name: 'name_en', label: t('orgsvc.name_en'), value: s?.name.en ?? '', required: true, maxlength: 200, lang: 'en', errorField: 'name.en', testid: `${id}-name-en` })}
        ${field(form, { name: 'name_zh_hant', label: t('orgsvc.name_zh_hant'), value: s?.name['zh-Hant'] ?? '', required: true, maxlength: 200, lang: 'zh-Hant', errorField: 'name.zh-Hant', testid: `${id}-name-zh-hant` })}
        ${field(form, { name: 'name_zh_hans', label: t('orgsvc.name_zh_hans'), value: s?.name['zh-Hans'] ?? '', required: true, maxlength: 200, lang: 'zh-Hans', errorField: 'name.zh-Hans', testid: `${id}-name-zh-hans` })}
      </fieldset>
      ${selectField(form, {
        name: 'specialty',
        label: t('orgsvc.specialty'),
        options: specialties.map((c) => ({ value: c, label: codeName('specialty', c) })),
        value: s?.specialty ?? 'general_practice',
        testid: `${id}-specialty`,
      })}
      ${selectField(form, {
        name: 'consultation_type',
        label: t('orgsvc.type'),
        options: TYPES.map((c) => ({ value: c, label: codeName('queue.ctype', c) })),
        value: s?.consultation_type ?? 'video',
        testid: `${id}-type`,
      })}
      ${field(form, { name: 'slot_minutes', label: t('orgsvc.slot_minutes'), type: 'number', min: '5', step: '5', inputmode: 'numeric', value: String(s?.slot_minutes ?? 15), required: true, hint: t('orgsvc.slot_hint'), testid: `${id}-slot` })}
      <div class="field-row">
        ${field(form, { name: 'fee', label: t('orgsvc.fee'), inputmode: 'decimal', value: s ? money(s.fee_cents) : '', hint: t('orgsvc.fee_hint'), errorField: 'fee_cents', testid: `${id}-fee` })}
        ${selectField(form, { name: 'currency', label: t('orgsvc.currency'), options: CURRENCIES.map((c) => ({ value: c, label: c })), value: s?.currency ?? 'HKD', testid: `${id}-currency` })}
      </div>
      <label class="check">
        <input type="checkbox" name="queue_enabled" .checked=${queueOn} data-testid=${`${id}-queue`} @change=${(e: Event) => onQueue((e.target as HTMLInputElement).checked)} />
        <span>${t('orgsvc.queue_enabled')}</span>
      </label>
      ${queueOn ? hours.view(id, form.errorFor('queue_hours')) : nothing}`;
  }

  const editForm = (s: Service): TemplateResult => html`<form class="form svc-edit" novalidate data-testid="svc-edit-form" @submit=${(e: SubmitEvent) => onEdit(e, s)}>
    ${formStatus(edit)}
    ${serviceFields(edit, s, editing!.hours, editing!.queue, (on) => { editing!.queue = on; ctx.update(); })}
    <div class="actions">
      ${submitButton(edit, t('common.save'), 'svc-edit-submit')}
      <button type="button" class="btn btn-quiet" @click=${() => { editing = null; edit.reset(); ctx.update(); }}>${t('common.cancel')}</button>
    </div>
  </form>`;

  const serviceItem = (s: Service): TemplateResult => html`<li class="staff-item ${s.active ? '' : 'is-disabled'}" data-testid="svc-row" data-service-id=${s.id} data-active=${String(s.active)}>
    <div class="staff-main">
      <p class="staff-name" data-testid="svc-row-name">${localText(s.name)}</p>
      <p class="muted">${codeName('specialty', s.specialty)} · ${codeName('queue.ctype', s.consultation_type)} · ${t('orgsvc.minutes', { minutes: s.slot_minutes })} · ${s.fee_cents ? formatMoney(s.fee_cents, s.currency) : t('orgsvc.free')}</p>
      <p class="chips">
        ${s.active ? nothing : html`<span class="badge badge-off">${t('orgsvc.retired')}</span>`}
        <span class="badge ${s.queue_enabled ? 'badge-ok' : 'badge-off'}" data-testid="svc-row-queue">${s.queue_enabled ? t('orgsvc.queue_on', { hours: hoursText(s.queue_hours ?? '24x7') }) : t('orgsvc.queue_off')}</span>
      </p>
      ${s.doctors.length ? html`<p class="muted">${t('orgsvc.doctors', { names: s.doctors.map((d) => d.display_name).join(t('queue.sep')) })}</p>` : nothing}
    </div>
    ${rowTarget === s.id ? formStatus(row) : nothing}
    ${rowTarget === s.id && rowSlots ? slotChangeView(t('orgsvc.slots_changed'), rowSlots, 'svc-slots') : nothing}
    ${editing?.id === s.id
      ? editForm(s)
      : html`<div class="actions staff-actions">
          ${s.active
            ? html`<button type="button" class="btn btn-secondary btn-small" data-testid="svc-edit" @click=${() => { editing = { id: s.id, hours: new HoursEditor(s.queue_hours, ctx.update), queue: s.queue_enabled }; edit.reset(); ctx.update(); }}>
                  ${t('common.edit')}<span class="visually-hidden"> ${localText(s.name)}</span>
                </button>
                ${confirmingRetire === s.id
                  ? html`<span class="confirm" role="group" aria-label=${t('orgsvc.retire_confirm_label')}>
                      <span>${t('orgsvc.retire_confirm_text')}</span>
                      <button type="button" class="btn btn-danger btn-small" ?disabled=${row.busy} data-testid="svc-retire-confirm" @click=${() => setActive(s, false)}>${t('orgsvc.retire')}</button>
                      <button type="button" class="btn btn-quiet btn-small" @click=${() => { confirmingRetire = null; ctx.update(); }}>${t('common.cancel')}</button>
                    </span>`
                  : html`<button type="button" class="btn btn-quiet btn-small" data-testid="svc-retire" @click=${() => { confirmingRetire = s.id; ctx.update(); }}>
                      ${t('orgsvc.retire')}<span class="visually-hidden"> ${localText(s.name)}</span>
                    </button>`}`
            : html`<button type="button" class="btn btn-secondary btn-small" ?disabled=${row.busy} data-testid="svc-restore" @click=${() => setActive(s, true)}>
                ${t('orgsvc.restore')}<span class="visually-hidden"> ${localText(s.name)}</span>
              </button>`}
        </div>`}
  </li>`;

  return {
    title: () => t('orgsvc.title'),
    view: () => html`${heading(t('orgsvc.title'), names.value ? localText(names.value) : undefined)}
      ${orgTabs(org, 'services')}
      <div class="grid-2 grid-wide-first">
        <section class="panel" aria-labelledby="svc-list-heading">
          <h2 id="svc-list-heading">${t('orgsvc.list_title')}</h2>
          ${services.view((items) =>
            items.length
              ? html`<ul class="staff-list" data-testid="svc-list">${items.map(serviceItem)}</ul>`
              : html`<p class="empty" data-testid="svc-none">${t('orgsvc.none')}</p>`,
          )}
        </section>
        <section class="panel" aria-labelledby="svc-add-heading">
          <h2 id="svc-add-heading">${t('orgsvc.add_title')}</h2>
          ${formStatus(add)}
          ${keyed(
            addKey,
            html`<form class="form" novalidate data-testid="svc-form" @submit=${onAdd}>
              ${serviceFields(add, null, addHours, addQueue, (on) => { addQueue = on; ctx.update(); })}
              <div class="actions">${submitButton(add, t('orgsvc.add_submit'), 'svc-submit')}</div>
            </form>`,
          )}
        </section>
      </div>`,
  };
};
