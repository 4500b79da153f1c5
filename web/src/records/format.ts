// How the record's pieces read: names in the reader's language, dates in Hong Kong, an entry's
// title and its type-specific facts, the reader's kind (patient side or clinician).
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, lang, localText, t } from '../base/i18n';
import { rolesNamed } from '../base/session';
import type { Access, Entry, PersonName } from './api';

export function nameText(n: PersonName | null | undefined): string {
  if (!n) return '';
  return typeof n === 'string' ? n : localText(n);
}

/** A day of the record (UTC seconds) in Hong Kong, e.g. "3 Dec 2026". */
export function recordDate(seconds: number | null | undefined): string {
  if (!seconds) return '—';
  return new Intl.DateTimeFormat(lang(), { timeZone: 'Asia/Hong_Kong', dateStyle: 'medium' }).format(new Date(seconds * 1000));
}

/** The Hong Kong day (YYYY-MM-DD) of a moment, for a date field. */
export function hkDayOf(seconds: number): string {
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

export function isPatientSide(access: Access | null | undefined): boolean {
  return access?.basis === 'self' || access?.basis === 'parent' || access?.basis === 'carer';
}

/** The organisations the signed-in clinician reads and writes as (doctor or nurse roles). */
export function clinicianOrganisations(): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of [...rolesNamed('doctor'), ...rolesNamed('nurse')]) {
    if (r.organisation_id && !seen.has(r.organisation_id)) seen.set(r.organisation_id, localText(r.organisation_name));
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** What an entry is: its coded name, else its own title or substance, else its type. */
export function entryTitle(e: Entry): string {
  const d = e.details;
  if (e.code?.name) {
    const n = localText(e.code.name);
    if (n) return n;
  }
  for (const k of ['title', 'substance_text', 'specialty']) {
    if (typeof d[k] === 'string' && d[k]) return d[k];
  }
  if (e.category === 'birth') return t('records.birth.title');
  if (e.category === 'encounters' && typeof d.service === 'string' && d.service) return d.service;
  if (e.category === 'encounters' && d.service && typeof d.service === 'object') return nameText(d.service as PersonName);
  return codeName('records.type', e.type);
}

export function statusBadge(e: Entry): TemplateResult {
  if (e.entered_in_error) {
    return html`<span class="badge badge-off" data-testid="record-entry-status" data-status="entered-in-error">${t('records.entered_in_error')}</span>`;
  }
  const tone = ['active', 'final', 'completed', 'recurrence', 'relapse'].includes(e.status) ? 'badge-ok' : 'badge-warn';
  return html`<span class="badge ${tone}" data-testid="record-entry-status" data-status=${e.status}>${codeName('records.status', e.status)}</span>`;
}

const num = (v: unknown): string => (typeof v === 'number' ? new Intl.NumberFormat(lang(), { maximumFractionDigits: 2 }).format(v) : String(v));

/** A reference range as text: "3.9–5.5 mmol/L", "≤ 3.4 mmol/L", "≥ 60 mL/min". */
export function rangeText(r: unknown, unit: string): string {
  if (!r || typeof r !== 'object') return '';
  const { low, high } = r as { low?: number | null; high?: number | null };
  const hasLow = typeof low === 'number';
  const hasHigh = typeof high === 'number';
  if (hasLow && hasHigh) return `${num(low)}–${num(high)} ${unit}`.trim();
  if (hasLow) return `≥ ${num(low)} ${unit}`.trim();
  if (hasHigh) return `≤ ${num(high)} ${unit}`.trim();
  return '';
}

/** The value of a measurement: "7.2 mmol/L H", "128/82 mmHg". */
export function valueText(e: Entry): string {
  const d = e.details;
  const unit = typeof d.unit === 'string' ? d.unit : (e.code?.unit ?? '');
  if (typeof d.systolic === 'number' && typeof d.diastolic === 'number') return `${num(d.systolic)}/${num(d.diastolic)} ${unit || 'mmHg'}`.trim();
  if (d.value === undefined || d.value === null || d.value === '') return '';
  const flag = typeof d.flag === 'string' && d.flag && d.flag !== 'N' ? ` ${d.flag}` : '';
  return `${num(d.value)} ${unit}`.trim() + flag;
}

// Detail keys in the order shown, and those whose values are codes with names in the catalogue.
const ENUM_KEYS = new Set(['allergy_category', 'severity', 'certainty', 'criticality', 'clinical_status', 'site', 'kind']);
const ORDER = [
  'substance_text', 'allergy_category', 'reaction', 'severity', 'certainty', 'criticality',
  'clinical_status', 'outcome', 'dosage', 'end_date', 'dose_number', 'lot', 'site',
  'reference_range', 'title', 'kind', 'conclusion', 'to_organisation', 'specialty', 'referral_reason',
  'birth_weight_g', 'gestational_weeks', 'apgar_1', 'apgar_5', 'head_circumference_cm',
  'service', 'doctor', 'diagnoses', 'follow_up_until', 'size', 'note',
];

function detailValue(key: string, v: unknown, e: Entry): string {
  if (v === null || v === undefined || v === '') return '';
  if (ENUM_KEYS.has(key) && typeof v === 'string') return codeName(`records.value.${key}`, v);
  if (key === 'reference_range') return rangeText(v, typeof e.details.unit === 'string' ? e.details.unit : '');
  if (key === 'follow_up_until' && typeof v === 'number') return recordDate(v);
  if (key === 'size' && typeof v === 'number') return t('records.size_kb', { kb: Math.max(1, Math.round(v / 1024)) });
  if (key === 'diagnoses' && Array.isArray(v)) {
    return v
      .map((x) => (typeof x === 'string' ? x : `${(x as { code?: string }).code ?? ''} ${nameText((x as { name?: PersonName }).name)}`.trim()))
      .join(t('records.list_sep'));
  }
  if (typeof v === 'object') {
    const o = v as { name?: PersonName; display_name?: string };
    return nameText(o.name ?? o.display_name ?? '');
  }
  return num(v);
}

/** The type-specific facts of an entry (details), as a definition list. */
export function detailFacts(e: Entry): TemplateResult | typeof nothing {
  const rows: TemplateResult[] = [];
  const value = valueText(e);
  if (value) rows.push(html`<div><dt>${t('records.field.value')}</dt><dd data-testid="record-entry-shown-value">${value}</dd></div>`);
  for (const key of ORDER) {
    const shown = detailValue(key, e.details[key], e);
    if (!shown) continue;
    rows.push(html`<div><dt>${codeName('records.field', key)}</dt><dd class=${key === 'conclusion' || key === 'note' || key === 'referral_reason' ? 'pre' : ''}>${shown}</dd></div>`);
  }
  return rows.length ? html`<dl class="facts record-facts">${rows}</dl>` : nothing;
}

/** Who recorded an entry where and when: "Dr Wong · Harbour Clinic · 3 Dec 2026". */
export function provenance(e: Entry): TemplateResult {
  return html`<p class="record-meta muted">
    <span data-testid="record-entry-org">${nameText(e.organisation?.name)}</span>
    · <span data-testid="record-entry-clinician">${nameText(e.recorded_by?.name)}</span>
    · <time data-testid="record-entry-when">${recordDate(e.effective_at)}</time>
  </p>`;
}
