// The doctor's consultation note beside the call: subjective, objective, assessment, plan and coded
// diagnoses (searched by code or by name in any of the three languages). A draft is saved as often
// as wanted; signing freezes it; after that the doctor amends it with a reason and every signed
// version stays readable here.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { consultApi, type Diagnosis, type DoctorNote, type NoteInput } from './api';

const SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;
type Section = (typeof SECTIONS)[number];

export class NotePanel {
  note: DoctorNote | null = null;
  private text: Record<Section, string> = { subjective: '', objective: '', assessment: '', plan: '' };
  private diagnoses: Diagnosis[] = [];
  private found: Diagnosis[] = [];
  private query = '';
  private amending = false;
  private reason = '';
  private readonly form = new FormState('note');
  private searchTimer: number | undefined;

  constructor(
    private readonly roomId: string,
    private readonly update: () => void,
  ) {
    void this.load();
  }

  private async load(): Promise<void> {
    const r = await consultApi.note(this.roomId).catch(() => null);
    if (r?.note && 'versions' in r.note) this.show(r.note);
    this.update();
  }

  private show(note: DoctorNote): void {
    this.note = note;
    for (const s of SECTIONS) this.text[s] = note.text[s];
    this.diagnoses = note.text.diagnoses;
  }

  private input(): NoteInput {
    return { ...this.text, diagnoses: this.diagnoses.map((d) => d.code) };
  }

  private editable(): boolean {
    return !this.note || this.note.status === 'draft' || this.amending;
  }

  private search(q: string): void {
    this.query = q;
    window.clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(async () => {
      this.found = q.trim() ? await consultApi.diagnoses(q.trim()).catch(() => []) : [];
      this.update();
    }, 200);
  }

  private add(d: Diagnosis): void {
    if (!this.diagnoses.some((x) => x.code === d.code)) this.diagnoses = [...this.diagnoses, d];
    this.found = [];
    this.query = '';
    this.update();
  }

  private async save(): Promise<void> {
    await submitting(this.form, this.update, async () => {
      if (this.amending) {
        this.show((await consultApi.amendNote(this.roomId, { ...this.input(), reason: this.reason })).note);
        this.amending = false;
        this.reason = '';
        this.form.success = t('consult.note.amended');
      } else {
        this.show((await consultApi.saveNote(this.roomId, this.input())).note);
        this.form.success = t('consult.note.saved');
      }
    });
  }

  private async sign(): Promise<void> {
    await submitting(this.form, this.update, async () => {
      this.show((await consultApi.saveNote(this.roomId, this.input())).note);
      this.show((await consultApi.signNote(this.roomId)).note);
      this.form.success = t('consult.note.signed');
    });
  }

  private diagnosisName(d: Diagnosis): string {
    return d.name ? localText(d.name) : d.code;
  }

  view(): TemplateResult {
    const edit = this.editable();
    const status = this.note?.status ?? 'draft';
    return html`<section class="panel note" aria-labelledby="note-heading" data-testid="note" data-status=${status}>
      <h2 id="note-heading">${t('consult.note.title')}
        <span class="badge" data-testid="note-status">${t(`consult.note.status_${status}`)}${this.note?.version ? ` · v${this.note.version}` : ''}</span></h2>
      ${SECTIONS.map(
        (s) => html`<div class="field">
          <label for=${`note-${s}`}>${t(`consult.note.${s}`)}</label>
          <textarea id=${`note-${s}`} data-testid=${`note-${s}`} rows="3" maxlength="10000" ?readonly=${!edit}
            .value=${this.text[s]} @input=${(e: Event) => (this.text[s] = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>`,
      )}
      <div class="field">
        <span class="label" id="dx-label">${t('consult.note.diagnoses')}</span>
        <ul class="chips" aria-labelledby="dx-label" data-testid="note-diagnoses">
          ${this.diagnoses.map(
            (d) => html`<li class="chip" data-testid="note-diagnosis" data-code=${d.code}>
              <span class="code">${d.code}</span> ${this.diagnosisName(d)}
              ${edit
                ? html`<button type="button" class="chip-remove" aria-label=${t('consult.note.remove_dx', { code: d.code })}
                    @click=${() => { this.diagnoses = this.diagnoses.filter((x) => x.code !== d.code); this.update(); }}>×</button>`
                : nothing}
            </li>`,
          )}
        </ul>
        ${edit
          ? html`<input type="search" data-testid="dx-search" aria-label=${t('consult.note.search_dx')} placeholder=${t('consult.note.search_dx')}
                .value=${this.query} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
              <ul class="dx-results" data-testid="dx-results">
                ${this.found.slice(0, 10).map(
                  (d) => html`<li><button type="button" class="btn btn-quiet btn-small" data-testid="dx-option" data-code=${d.code} @click=${() => this.add(d)}>
                    <span class="code">${d.code}</span> ${this.diagnosisName(d)}</button></li>`,
                )}
              </ul>`
          : nothing}
      </div>
      ${this.amending
        ? html`<div class="field"><label for="note-reason">${t('consult.note.reason')}</label>
            <input id="note-reason" data-testid="note-reason" maxlength="1000" .value=${this.reason}
              @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} /></div>`
        : nothing}
      ${formStatus(this.form)}
      <div class="actions">
        ${status === 'draft'
          ? html`<button type="button" class="btn btn-secondary" data-testid="note-save" ?disabled=${this.form.busy} @click=${() => void this.save()}>${t('consult.note.save')}</button>
              <button type="button" class="btn btn-primary" data-testid="note-sign" ?disabled=${this.form.busy} @click=${() => void this.sign()}>${t('consult.note.sign')}</button>`
          : this.amending
            ? html`<button type="button" class="btn btn-primary" data-testid="note-save-amendment" ?disabled=${this.form.busy} @click=${() => void this.save()}>${t('consult.note.save_amendment')}</button>
                <button type="button" class="btn btn-quiet" @click=${() => { this.amending = false; if (this.note) this.show(this.note); this.update(); }}>${t('common.cancel')}</button>`
            : html`<button type="button" class="btn btn-secondary" data-testid="note-amend" @click=${() => { this.amending = true; this.form.reset(); this.update(); }}>${t('consult.note.amend')}</button>`}
      </div>
      ${this.note && this.note.versions.length
        ? html`<details class="versions" data-testid="note-versions">
            <summary>${t('consult.note.versions', { count: this.note.versions.length })}</summary>
            <ol>
              ${this.note.versions.map(
                (v) => html`<li data-testid="note-version" data-version=${v.version}>
                  <strong>v${v.version}</strong> · ${formatTime(v.signed_at)}${v.reason ? html` · ${t('consult.note.because', { reason: v.reason })}` : nothing}
                  <p class="muted">${v.text.assessment}</p>
                  <p class="muted">${v.text.diagnoses.map((d) => d.code).join(', ')}</p>
                </li>`,
              )}
            </ol>
          </details>`
        : nothing}
    </section>`;
  }
}
