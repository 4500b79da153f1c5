// A clinician uploads a PDF (a discharge summary, a letter, a report) as a document entry: the file is
// the request body (application/pdf, at most 10 MiB), its title, kind and day go in the query.
import { html, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { codeName, t } from '../base/i18n';
import { hkToday } from '../base/time';
import { field, FormState, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { recordsApi, type Entry } from './api';

export const DOCUMENT_KINDS = ['discharge_summary', 'letter', 'report', 'other'] as const;
const MAX_BYTES = 10 * 1024 * 1024;

export class UploadForm {
  readonly form = new FormState('record-upload');
  private key = 0;

  constructor(
    private readonly patient: string,
    private readonly as: () => string,
    private readonly update: () => void,
    private readonly done: (entry: Entry) => void,
    private readonly cancel: () => void,
  ) {}

  private async submit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const file = data.get('file');
    const title = str(data, 'title').trim();
    this.form.reset();
    if (!(file instanceof File) || file.size === 0) this.form.failField('file', t('records.upload.file_required'));
    else if (file.size > MAX_BYTES) this.form.failField('file', t('records.upload.too_big'));
    else if (file.type && file.type !== 'application/pdf') this.form.failField('file', t('records.upload.not_pdf'));
    if (!title) this.form.failField('title', t('records.upload.title_required'));
    if (this.form.problem) {
      this.update();
      return;
    }
    await submitting(this.form, this.update, async () => {
      const entry = await recordsApi.upload(this.patient, this.as(), file as File, { title, kind: str(data, 'kind'), date: str(data, 'date') });
      this.key++;
      this.done(entry);
    });
  }

  view(): TemplateResult {
    const fileError = this.form.errorFor('file');
    return html`<section class="panel record-form" aria-labelledby="record-upload-heading" data-testid="record-upload-panel">
      <h2 id="record-upload-heading" tabindex="-1">${t('records.upload.title')}</h2>
      ${keyed(
        this.key,
        html`<form class="form" novalidate data-testid="record-upload-form" @submit=${(e: SubmitEvent) => void this.submit(e)}>
          <div class="field ${fileError ? 'has-error' : ''}">
            <label for="record-upload-file">${t('records.upload.file')}<span class="req" aria-hidden="true"> *</span></label>
            <p class="hint" id="record-upload-file-hint">${t('records.upload.file_hint')}</p>
            <input id="record-upload-file" name="file" type="file" accept="application/pdf,.pdf" required
              aria-describedby="record-upload-file-hint" aria-invalid=${fileError ? 'true' : 'false'} data-testid="record-upload-file" />
            ${fileError ? html`<p class="field-error" data-testid="record-upload-file-error">${fileError}</p>` : ''}
          </div>
          ${field(this.form, { name: 'title', label: t('records.field.title'), required: true, maxlength: 200, testid: 'record-upload-title' })}
          ${selectField(this.form, {
            name: 'kind',
            label: t('records.field.kind'),
            options: DOCUMENT_KINDS.map((k) => ({ value: k, label: codeName('records.value.kind', k) })),
            testid: 'record-upload-kind',
          })}
          ${field(this.form, { name: 'date', label: t('records.field.date'), type: 'date', value: hkToday(), testid: 'record-upload-date' })}
          ${formStatus(this.form)}
          <div class="actions">
            ${submitButton(this.form, t('records.upload.submit'), 'record-upload-submit')}
            <button type="button" class="btn btn-quiet" @click=${() => this.cancel()}>${t('common.cancel')}</button>
          </div>
        </form>`,
      )}
    </section>`;
  }
}
