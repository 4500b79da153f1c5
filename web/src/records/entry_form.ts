// A clinician's entry forms (shared-record.md, "Entry forms"): a new entry of one of the ten types, or
// a correction of one of the organisation's own entries (the same fields, with the version it corrects
// and a reason; a stale version is answered 409 version_conflict), and marking an entry entered in
// error with a reason.
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { isApiError } from '../base/api';
import { codeName, t } from '../base/i18n';
import { hkClock, hkToday } from '../base/time';
import { field, FormState, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { recordsApi, type Entry, type EntryInput, type OrgRef } from './api';
import { CodePicker, type PickerSet } from './code_picker';
import { hkDayOf, nameText } from './format';

export const FORM_TYPES = ['allergy', 'condition', 'procedure', 'medication', 'immunisation', 'vital', 'lab_result', 'report', 'referral', 'birth'] as const;
export type FormType = (typeof FORM_TYPES)[number];

const BLOOD_PRESSURE = '85354-9';

interface Spec {
  name: string;
  kind: 'text' | 'textarea' | 'number' | 'select' | 'date' | 'time' | 'code' | 'org' | 'range';
  options?: readonly string[];
  /** Catalogue prefix of the options' names (default records.value.<name>). */
  prefix?: string;
  set?: PickerSet;
  max?: number;
  step?: string;
  required?: boolean;
}

const FORMS: Record<FormType, Spec[]> = {
  allergy: [
    { name: 'substance', kind: 'code', set: 'allergen' },
    { name: 'substance_text', kind: 'text', max: 200 },
    { name: 'allergy_category', kind: 'select', options: ['medication', 'food', 'environment', 'biologic'] },
    { name: 'reaction', kind: 'text', max: 200 },
    { name: 'severity', kind: 'select', options: ['mild', 'moderate', 'severe'] },
    { name: 'certainty', kind: 'select', options: ['confirmed', 'presumed', 'unconfirmed', 'refuted'] },
    { name: 'criticality', kind: 'select', options: ['low', 'high', 'unable-to-assess'] },
  ],
  condition: [
    { name: 'code', kind: 'code', set: 'diagnosis', required: true },
    { name: 'clinical_status', kind: 'select', options: ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] },
  ],
  procedure: [
    { name: 'code', kind: 'code', set: 'procedure', required: true },
    { name: 'outcome', kind: 'textarea', max: 500 },
  ],
  medication: [
    { name: 'code', kind: 'code', set: 'medication', required: true },
    { name: 'dosage', kind: 'text', max: 200 },
    { name: 'status', kind: 'select', options: ['active', 'completed', 'stopped', 'on-hold'], prefix: 'records.status' },
    { name: 'end_date', kind: 'date' },
  ],
  immunisation: [
    { name: 'code', kind: 'code', set: 'vaccine', required: true },
    { name: 'dose_number', kind: 'number', step: '1' },
    { name: 'lot', kind: 'text', max: 40 },
    { name: 'site', kind: 'select', options: ['left_arm', 'right_arm', 'left_thigh', 'right_thigh', 'oral', 'nasal'] },
  ],
  vital: [
    { name: 'code', kind: 'code', set: 'vital', required: true },
    { name: 'value', kind: 'number', step: 'any' },
    { name: 'time', kind: 'time' },
  ],
  lab_result: [
    { name: 'code', kind: 'code', set: 'lab', required: true },
    { name: 'value', kind: 'number', step: 'any', required: true },
    { name: 'unit', kind: 'text', max: 40 },
    { name: 'reference_range', kind: 'range' },
    { name: 'time', kind: 'time' },
  ],
  report: [
    { name: 'title', kind: 'text', max: 200, required: true },
    { name: 'kind', kind: 'select', options: ['radiology', 'pathology', 'cardiology', 'other'] },
    { name: 'conclusion', kind: 'textarea', max: 10000 },
  ],
  referral: [
    { name: 'to_organisation', kind: 'org', required: true },
    { name: 'specialty', kind: 'text', max: 100 },
    { name: 'referral_reason', kind: 'textarea', max: 1000, required: true },
    { name: 'status', kind: 'select', options: ['active', 'completed', 'revoked'], prefix: 'records.status' },
  ],
  birth: [
    { name: 'birth_weight_g', kind: 'number', step: '1' },
    { name: 'gestational_weeks', kind: 'number', step: '1' },
    { name: 'apgar_1', kind: 'number', step: '1' },
    { name: 'apgar_5', kind: 'number', step: '1' },
    { name: 'head_circumference_cm', kind: 'number', step: '0.1' },
  ],
};

/** The form an entry is corrected with (documents and the platform's encounters are not). */
export function formTypeOf(e: Entry): FormType | null {
  if (e.form === '') return null; // made by the platform (encounters, notes, documents): not corrected
  if (e.form && (FORM_TYPES as readonly string[]).includes(e.form)) return e.form as FormType;
  const byCategory: Partial<Record<string, FormType>> = {
    allergies: 'allergy', conditions: 'condition', procedures: 'procedure', medications: 'medication',
    immunisations: 'immunisation', vitals: 'vital', labs: 'lab_result', reports: 'report', referrals: 'referral', birth: 'birth',
  };
  return byCategory[e.category] ?? null;
}

/** The value an entry holds for a form field, as the field's text. */
function valueOf(e: Entry, s: Spec): string {
  const d = e.details;
  if (s.name === 'status') return e.status;
  if (s.name === 'time') return hkClock(e.effective_at);
  if (s.name === 'to_organisation') return (d.to_organisation as { id?: string } | undefined)?.id ?? '';
  const v = d[s.name];
  return v === null || v === undefined ? '' : String(v);
}

export class EntryForm {
  type: FormType = 'allergy';
  editing: Entry | null = null;
  readonly form = new FormState('record-entry');
  private picker: CodePicker;
  private orgs: OrgRef[] | null = null;
  private key = 0;
  private reason = '';

  constructor(
    private readonly patient: string,
    private readonly as: () => string,
    private readonly update: () => void,
    private readonly done: (entry: Entry, corrected: boolean) => void,
    private readonly cancel: () => void,
  ) {
    this.picker = this.newPicker();
  }

  private newPicker(): CodePicker {
    const spec = FORMS[this.type].find((s) => s.kind === 'code');
    return new CodePicker(spec?.set ?? 'lab', this.update, () => this.update());
  }

  private reset(type: FormType, editing: Entry | null): void {
    this.type = type;
    this.editing = editing;
    this.reason = '';
    this.form.reset();
    this.picker = this.newPicker();
    if (editing?.code) this.picker.selected = editing.code;
    this.key++;
    if (type === 'referral' && !this.orgs) {
      void recordsApi.organisations().then(
        (o) => { this.orgs = o; this.update(); },
        () => { this.orgs = []; this.update(); },
      );
    }
    this.update();
  }

  openNew(type: FormType = this.type): void {
    this.reset(type, null);
  }

  openCorrect(entry: Entry): void {
    const type = formTypeOf(entry);
    if (type) this.reset(type, entry);
  }

  private bodyFrom(data: FormData): EntryInput {
    const body: EntryInput = { type: this.type };
    const bp = this.type === 'vital' && this.picker.selected?.code === BLOOD_PRESSURE;
    for (const s of FORMS[this.type]) {
      if (s.kind === 'code') {
        if (this.picker.selected) body[s.name] = this.picker.selected.code;
        continue;
      }
      if (s.kind === 'range') {
        const low = str(data, 'ref_low');
        const high = str(data, 'ref_high');
        if (low !== '' || high !== '') body.reference_range = { ...(low !== '' ? { low: Number(low) } : {}), ...(high !== '' ? { high: Number(high) } : {}) };
        continue;
      }
      if (bp && s.name === 'value') {
        for (const n of ['systolic', 'diastolic']) if (str(data, n) !== '') body[n] = Number(str(data, n));
        continue;
      }
      const v = str(data, s.name).trim();
      if (v === '') continue;
      body[s.name] = s.kind === 'number' ? Number(v) : v;
    }
    const date = str(data, 'date');
    if (date) body.date = date;
    const note = str(data, 'note').trim();
    if (note || this.editing) body.note = note;
    return body;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const body = this.bodyFrom(data);
    const editing = this.editing;
    if (editing && !this.reason.trim()) {
      this.form.reset();
      this.form.failField('reason', t('records.form.reason_required'));
      this.update();
      return;
    }
    await submitting(this.form, this.update, async () => {
      const entry = editing
        ? await recordsApi.correct(this.patient, editing.id, this.as(), { ...body, version: editing.version, reason: this.reason.trim() })
        : await recordsApi.create(this.patient, this.as(), body);
      this.done(entry, Boolean(editing));
    });
  }

  /** After a version conflict: read the entry again and start the correction over from it. */
  private async reloadEditing(): Promise<void> {
    const e = this.editing;
    if (!e) return;
    try {
      const fresh = await recordsApi.entry(this.patient, e.id, this.as());
      this.openCorrect(fresh.entry);
    } catch (err) {
      this.form.fail(err);
      this.update();
    }
  }

  private control(s: Spec): TemplateResult {
    const e = this.editing;
    const value = e ? valueOf(e, s) : '';
    const label = codeName('records.field', s.name);
    switch (s.kind) {
      case 'code':
        return this.picker.view(`record-entry-${s.name}`, t(`records.code_label.${this.type}`), Boolean(s.required), this.form.errorFor(s.name));
      case 'select':
        return selectField(this.form, {
          name: s.name,
          label,
          value: value || s.options![0],
          options: s.options!.map((o) => ({ value: o, label: codeName(s.prefix ?? `records.value.${s.name}`, o) })),
          testid: `record-entry-${s.name.replace(/_/g, '-')}`,
        });
      case 'org':
        return selectField(this.form, {
          name: s.name,
          label,
          value,
          required: true,
          options: [{ value: '', label: t('records.form.choose_org') }, ...(this.orgs ?? []).map((o) => ({ value: o.id, label: nameText(o.name) }))],
          testid: `record-entry-${s.name.replace(/_/g, '-')}`,
        });
      case 'range': {
        const r = (e?.details.reference_range ?? null) as { low?: number; high?: number } | null;
        const dflt = this.picker.selected?.reference_range;
        return html`<fieldset class="field-group record-range">
          <legend>${codeName('records.field', 'reference_range')}</legend>
          ${dflt ? html`<p class="hint">${t('records.form.range_default', { low: dflt.low ?? '—', high: dflt.high ?? '—' })}</p>` : nothing}
          <div class="record-pair">
            ${field(this.form, { name: 'ref_low', label: t('records.field.ref_low'), type: 'number', step: 'any', value: r?.low?.toString() ?? '', errorField: 'reference_range.low', testid: 'record-entry-ref-low' })}
            ${field(this.form, { name: 'ref_high', label: t('records.field.ref_high'), type: 'number', step: 'any', value: r?.high?.toString() ?? '', errorField: 'reference_range.high', testid: 'record-entry-ref-high' })}
          </div>
        </fieldset>`;
      }
      default: {
        if (s.name === 'value' && this.type === 'vital' && this.picker.selected?.code === BLOOD_PRESSURE) {
          return html`<div class="record-pair">
            ${field(this.form, { name: 'systolic', label: t('records.field.systolic'), type: 'number', step: '1', inputmode: 'numeric', required: true, value: e ? valueOf(e, { name: 'systolic', kind: 'number' }) : '', testid: 'record-entry-systolic' })}
            ${field(this.form, { name: 'diastolic', label: t('records.field.diastolic'), type: 'number', step: '1', inputmode: 'numeric', required: true, value: e ? valueOf(e, { name: 'diastolic', kind: 'number' }) : '', testid: 'record-entry-diastolic' })}
          </div>`;
        }
        const unit = s.name === 'unit' ? this.picker.selected?.unit : undefined;
        return field(this.form, {
          name: s.name,
          label,
          type: s.kind === 'textarea' ? 'text' : s.kind,
          multiline: s.kind === 'textarea',
          rows: 3,
          step: s.step,
          inputmode: s.kind === 'number' ? 'decimal' : undefined,
          maxlength: s.max,
          required: s.required,
          value: value,
          hint: unit ? t('records.form.unit_default', { unit }) : undefined,
          testid: `record-entry-${s.name.replace(/_/g, '-')}`,
        });
      }
    }
  }

  view(): TemplateResult {
    const e = this.editing;
    const conflict = this.form.problem?.code === 'version_conflict';
    const reasonError = this.form.errorFor('reason');
    const dateValue = e ? hkDayOf(e.effective_at) : hkToday();
    const noteValue = e && typeof e.details.note === 'string' ? e.details.note : '';
    return html`<section class="panel record-form" aria-labelledby="record-form-heading" data-testid="record-entry-panel">
      <h2 id="record-form-heading" tabindex="-1">${e ? t('records.form.correct_title', { version: e.version }) : t('records.form.add_title')}</h2>
      ${e
        ? html`<p class="muted">${codeName('records.form_type', this.type)}</p>`
        : html`<div class="field">
            <label for="record-entry-type">${t('records.form.type')}</label>
            <select id="record-entry-type" data-testid="record-entry-type" @change=${(ev: Event) => this.openNew((ev.target as HTMLSelectElement).value as FormType)}>
              ${FORM_TYPES.map((ft) => html`<option value=${ft} ?selected=${ft === this.type}>${codeName('records.form_type', ft)}</option>`)}
            </select>
          </div>`}
      ${conflict
        ? html`<div class="alert alert-error" role="alert" data-testid="record-version-conflict">
            <p><strong>${t('records.form.conflict_title')}</strong></p>
            <p>${t('records.form.conflict_text')}</p>
            <button type="button" class="btn btn-secondary btn-small" data-testid="record-version-reload" @click=${() => void this.reloadEditing()}>${t('records.form.conflict_reload')}</button>
          </div>`
        : nothing}
      ${keyed(
        `${this.type}:${e?.id ?? ''}:${this.key}`,
        html`<form class="form" novalidate data-testid="record-entry-form" data-type=${this.type} @submit=${(ev: SubmitEvent) => void this.submit(ev)}>
          ${FORMS[this.type].map((s) => this.control(s))}
          ${field(this.form, { name: 'date', label: t('records.field.date'), type: 'date', value: dateValue, testid: 'record-entry-date' })}
          ${field(this.form, { name: 'note', label: t('records.field.note'), multiline: true, rows: 2, maxlength: 2000, value: noteValue, testid: 'record-entry-note' })}
          ${e
            ? html`<div class="field ${reasonError ? 'has-error' : ''}">
                <label for="record-correction-reason">${t('records.form.reason')}<span class="req" aria-hidden="true"> *</span></label>
                <input id="record-correction-reason" maxlength="1000" required aria-invalid=${reasonError ? 'true' : 'false'} data-testid="record-correction-reason"
                  .value=${this.reason} @input=${(ev: Event) => (this.reason = (ev.target as HTMLInputElement).value)} />
                ${reasonError ? html`<p class="field-error" data-testid="record-correction-reason-error">${reasonError}</p>` : nothing}
              </div>`
            : nothing}
          ${conflict ? nothing : formStatus(this.form)}
          <div class="actions">
            ${submitButton(this.form, e ? t('records.form.save_correction') : t('records.form.save'), 'record-entry-submit')}
            <button type="button" class="btn btn-quiet" data-testid="record-entry-cancel" @click=${() => this.cancel()}>${t('common.cancel')}</button>
          </div>
        </form>`,
      )}
    </section>`;
  }
}

/** Marking an entry entered in error: a reason, then the entry is struck through for the patient. */
export class EnteredInErrorForm {
  entry: Entry | null = null;
  readonly form = new FormState('record-eie');

  constructor(
    private readonly patient: string,
    private readonly as: () => string,
    private readonly update: () => void,
    private readonly done: (entry: Entry) => void,
  ) {}

  open(entry: Entry): void {
    this.entry = entry;
    this.form.reset();
    this.update();
  }

  close(): void {
    this.entry = null;
    this.update();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    const reason = str(formValues(event), 'reason').trim();
    const entry = this.entry;
    if (!entry) return;
    if (!reason) {
      this.form.reset();
      this.form.failField('reason', t('records.form.reason_required'));
      this.update();
      return;
    }
    await submitting(this.form, this.update, async () => {
      try {
        const marked = await recordsApi.enteredInError(this.patient, entry.id, this.as(), reason);
        this.entry = null;
        this.done(marked);
      } catch (e) {
        if (isApiError(e, 'version_conflict')) this.entry = entry;
        throw e;
      }
    });
  }

  /** Shown inside the entry it marks. */
  view(entry: Entry): TemplateResult | typeof nothing {
    if (this.entry?.id !== entry.id) return nothing;
    return html`<form class="form record-eie" novalidate data-testid="record-eie-form" @submit=${(e: SubmitEvent) => void this.submit(e)}>
      <p>${t('records.eie.text')}</p>
      ${field(this.form, { name: 'reason', label: t('records.eie.reason'), required: true, maxlength: 1000, testid: 'record-eie-reason' })}
      ${formStatus(this.form)}
      <div class="actions">
        ${submitButton(this.form, t('records.eie.confirm'), 'record-eie-submit')}
        <button type="button" class="btn btn-quiet btn-small" @click=${() => this.close()}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }
}
