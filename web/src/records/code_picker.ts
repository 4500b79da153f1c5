// A coded term picked by searching: the record's code sets (GET /record-codes?set=...&q=) or, for a
// condition, the ICD-10 diagnosis search the consultation note uses (GET /diagnosis-codes?q=).
import { html, nothing, type TemplateResult } from 'lit-html';
import { localText, t } from '../base/i18n';
import { recordsApi, type Code, type CodeSet } from './api';

export type PickerSet = CodeSet | 'diagnosis';

export class CodePicker {
  selected: Code | null = null;
  private query = '';
  private found: Code[] = [];
  private searched = false;
  private timer: number | undefined;
  private asked = 0;

  constructor(
    readonly set: PickerSet,
    private readonly update: () => void,
    private readonly onPick: (code: Code | null) => void = () => {},
  ) {}

  private search(q: string): void {
    this.query = q;
    window.clearTimeout(this.timer);
    const asked = ++this.asked;
    this.timer = window.setTimeout(async () => {
      const term = q.trim();
      const items = term
        ? await (this.set === 'diagnosis' ? recordsApi.diagnoses(term) : recordsApi.codes(this.set, term)).catch(() => [])
        : [];
      if (asked !== this.asked) return; // a newer search is on its way
      this.found = items;
      this.searched = Boolean(term);
      this.update();
    }, 200);
  }

  pick(code: Code | null): void {
    this.selected = code;
    this.found = [];
    this.query = '';
    this.searched = false;
    this.onPick(code);
    this.update();
  }

  /** `id` is the field's element id (its label points at the search box); `error` the server's message. */
  view(id: string, label: string, required: boolean, error: string | undefined): TemplateResult {
    const c = this.selected;
    return html`<div class="field record-code ${error ? 'has-error' : ''}" data-testid="record-code-field">
      <label for=${id}>${label}${required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
      ${c
        ? html`<p class="chips"><span class="chip" data-testid="record-code-selected" data-code=${c.code}>
            <span class="code">${c.code}</span> ${localText(c.name)}
            <button type="button" class="chip-remove" aria-label=${t('records.code.remove', { code: c.code })} @click=${() => this.pick(null)}>×</button>
          </span></p>`
        : nothing}
      <input id=${id} type="search" autocomplete="off" data-testid="record-code-search"
        placeholder=${t('records.code.search')} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${`${id}-hint`}
        .value=${this.query} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
      <p class="hint" id=${`${id}-hint`}>${t('records.code.hint')}</p>
      <ul class="dx-results record-code-results" data-testid="record-code-results" aria-live="polite">
        ${this.found.slice(0, 12).map(
          (code) => html`<li><button type="button" class="btn btn-quiet btn-small" data-testid="record-code-option" data-code=${code.code} @click=${() => this.pick(code)}>
            <span class="code">${code.code}</span> ${localText(code.name)}${code.unit ? html` <span class="muted">(${code.unit})</span>` : nothing}</button></li>`,
        )}
        ${this.searched && !this.found.length ? html`<li class="muted" data-testid="record-code-none">${t('records.code.none')}</li>` : nothing}
      </ul>
      ${error ? html`<p class="field-error" data-testid="record-code-error">${error}</p>` : nothing}
    </div>`;
  }
}
