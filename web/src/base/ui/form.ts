// Form building blocks: labelled fields with their own error text, a live status region that reads out
// the server's localised problem detail, and submit handling that keeps the button busy while waiting.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { ApiError, isApiError } from '../api';
import { t } from '../i18n';

export class FormState {
  busy = false;
  problem: ApiError | null = null;
  success: string | null = null;
  private fieldErrors = new Map<string, string>();
  private shownFields = new Set<string>();

  /** `id` prefixes element ids and test ids, e.g. "signin" → signin-email, signin-error. */
  constructor(readonly id: string) {}

  reset(): void {
    this.problem = null;
    this.success = null;
    this.fieldErrors.clear();
  }

  fail(error: unknown): void {
    this.problem = isApiError(error)
      ? error
      : new ApiError({ status: 0, code: 'client', detail: t('error.unexpected') });
    for (const e of this.problem.errors) {
      if (!this.fieldErrors.has(e.field)) this.fieldErrors.set(e.field, e.message);
    }
  }

  /** A message the client itself found (e.g. passwords that differ), shown like a server one. */
  failField(field: string, message: string): void {
    this.fieldErrors.set(field, message);
    this.problem = new ApiError({ status: 0, code: 'client', detail: t('error.check_fields') });
  }

  errorFor(field: string): string | undefined {
    this.shownFields.add(field);
    return this.fieldErrors.get(field);
  }

  /** Field errors the form has no field for (shown in the status region instead). */
  unplacedErrors(): string[] {
    return [...this.fieldErrors].filter(([f]) => !this.shownFields.has(f)).map(([f, m]) => `${f}: ${m}`);
  }
}

/** Runs a submit: clears old errors, marks busy, records failure, re-renders around it. */
export async function submitting(form: FormState, update: () => void, work: () => Promise<void>): Promise<void> {
  if (form.busy) return;
  form.reset();
  form.busy = true;
  update();
  try {
    await work();
  } catch (e) {
    form.fail(e);
  } finally {
    form.busy = false;
    update();
  }
  if (form.problem) focusProblem(form);
}

/** After a failed submit: focus the first field in error, else the message, so keyboard users land there. */
export function focusProblem(form: FormState): void {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>(`[id^="${form.id}-"][aria-invalid="true"]`);
    const alert = document.querySelector<HTMLElement>(`[data-testid="${form.id}-error"]`);
    if (invalid) invalid.focus();
    else if (alert) {
      alert.tabIndex = -1;
      alert.focus();
    }
  });
}

export function formValues(event: Event): FormData {
  event.preventDefault();
  return new FormData(event.currentTarget as HTMLFormElement);
}

export function str(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
}

function retryText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return t('error.retry_after', { minutes });
}

/** The form's status region: always present so screen readers announce what appears in it. */
export function formStatus(form: FormState): TemplateResult {
  const p = form.problem;
  const extra = p ? form.unplacedErrors() : [];
  // No whitespace around the parts: an empty region must match .form-status:empty.
  return html`<div class="form-status" aria-live="assertive" aria-atomic="true">${p
      ? html`<div class="alert alert-error" role="alert" data-testid=${`${form.id}-error`} data-code=${p.code}>
          <p>${p.detail}</p>
          ${p.retryAfter ? html`<p>${retryText(p.retryAfter)}</p>` : nothing}
          ${extra.length ? html`<ul>${extra.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        </div>`
      : nothing}${form.success
      ? html`<div class="alert alert-success" role="status" data-testid=${`${form.id}-success`}>${form.success}</div>`
      : nothing}</div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  inputmode?: string;
  pattern?: string;
  maxlength?: number;
  min?: string;
  step?: string;
  multiline?: boolean;
  rows?: number;
  /** Language of the text entered (e.g. a Chinese bio), for spell-check and fonts. */
  lang?: string;
  /** Server field name for error messages when it differs from `name`. */
  errorField?: string;
  readonly?: boolean;
  testid?: string;
}

export function field(form: FormState, o: FieldOptions): TemplateResult {
  const id = `${form.id}-${o.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const error = form.errorFor(o.errorField ?? o.name);
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const testid = o.testid ?? id;
  const control = o.multiline
    ? html`<textarea
        id=${id}
        name=${o.name}
        rows=${o.rows ?? 4}
        maxlength=${ifDefined(o.maxlength)}
        lang=${ifDefined(o.lang)}
        ?required=${o.required}
        ?readonly=${o.readonly}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy)}
        data-testid=${testid}
        .defaultValue=${o.value ?? ''}
      ></textarea>`
    : html`<input
        id=${id}
        name=${o.name}
        type=${o.type ?? 'text'}
        value=${o.value ?? ''}
        autocomplete=${ifDefined(o.autocomplete)}
        inputmode=${ifDefined(o.inputmode)}
        pattern=${ifDefined(o.pattern)}
        maxlength=${ifDefined(o.maxlength)}
        min=${ifDefined(o.min)}
        step=${ifDefined(o.step)}
        lang=${ifDefined(o.lang)}
        ?required=${o.required}
        ?readonly=${o.readonly}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy)}
        data-testid=${testid}
      />`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing} ${control}
    ${error ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${testid}-error`}>${error}</p>` : nothing}
  </div>`;
}

/** The six-digit code of an authenticator app, asked for when signing in needs the second factor. */
export function totpCodeField(form: FormState, testid: string): TemplateResult {
  return field(form, {
    name: 'totp_code',
    label: t('signin.code_label'),
    hint: t('signin.code_hint'),
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6}',
    maxlength: 6,
    required: true,
    testid,
  });
}

export interface Option {
  value: string;
  label: string;
}

export function selectField(
  form: FormState,
  o: { name: string; label: string; options: Option[]; value?: string; required?: boolean; testid?: string; hint?: string },
): TemplateResult {
  const id = `${form.id}-${o.name}`;
  const error = form.errorFor(o.name);
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const testid = o.testid ?? id;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    <select
      id=${id}
      name=${o.name}
      ?required=${o.required}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      data-testid=${testid}
    >
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${error ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${testid}-error`}>${error}</p>` : nothing}
  </div>`;
}

/** A group of checkboxes (multi-select) in a fieldset; each box gets data-testid `${testid}-${value}`. */
export function checkboxGroup(
  form: FormState,
  o: { name: string; legend: string; options: Option[]; selected: readonly string[]; testid?: string; hint?: string; columns?: boolean },
): TemplateResult {
  const id = `${form.id}-${o.name}`;
  const error = form.errorFor(o.name);
  const testid = o.testid ?? id;
  return html`<fieldset
    class="field checkbox-group ${o.columns ? 'columns' : ''} ${error ? 'has-error' : ''}"
    aria-describedby=${ifDefined(error ? `${id}-error` : o.hint ? `${id}-hint` : undefined)}
    data-testid=${testid}
  >
    <legend>${o.legend}</legend>
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    <div class="checks">
      ${o.options.map(
        (opt) => html`<label class="check">
          <input
            type="checkbox"
            name=${o.name}
            value=${opt.value}
            ?checked=${o.selected.includes(opt.value)}
            data-testid=${`${testid}-${opt.value}`}
          />
          <span>${opt.label}</span>
        </label>`,
      )}
    </div>
    ${error ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${testid}-error`}>${error}</p>` : nothing}
  </fieldset>`;
}

export function submitButton(form: FormState, label: string, testid: string, busyLabel?: string): TemplateResult {
  return html`<button type="submit" class="btn btn-primary" ?disabled=${form.busy} aria-busy=${form.busy ? 'true' : 'false'} data-testid=${testid}>
    ${form.busy ? (busyLabel ?? t('common.working')) : label}
  </button>`;
}
