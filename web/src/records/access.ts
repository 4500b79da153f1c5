// What a clinician's reading of a record rests on, shown above it: an emergency access (a banner until
// it ends), the organisation's own entries only (no consent, or the patient has not joined the
// sharing: *Ask the patient* and *Emergency access* with a reason), no care relationship (the server
// answers 404 and nothing of the patient is shown), or several organisations to read as (409
// choose_organisation: the caller picks one of their own).
import { html, nothing, type TemplateResult } from 'lit-html';
import { createRef, ref } from 'lit-html/directives/ref.js';
import { isApiError } from '../base/api';
import { formatTime, t } from '../base/i18n';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { recordsApi, type Access } from './api';
import { clinicianOrganisations, nameText } from './format';

export const REASON_MIN = 8;
export const REASON_MAX = 500;

/** The banner of an emergency access, or the line naming the organisation read as. */
export function accessBanner(access: Access): TemplateResult | typeof nothing {
  if (access.basis === 'emergency') {
    return html`<div class="alert alert-error record-emergency" role="status" data-testid="record-emergency-banner">
      <p><strong>${t('records.access.emergency_title')}</strong></p>
      <p>${t('records.access.emergency_text', { until: access.emergency_until ? formatTime(access.emergency_until) : '—' })}</p>
    </div>`;
  }
  if (access.basis === 'sharing consent' || access.basis === 'own organisation') {
    return html`<p class="muted" data-testid="record-reading-as">${t('records.access.reading_as', { organisation: nameText(access.organisation?.name) })}</p>`;
  }
  return nothing;
}

/** Shown when the server said 404: no care relationship, no data. */
export function noRelationship(): TemplateResult {
  return html`<div class="alert alert-info" role="alert" data-testid="record-no-relationship">
    <p><strong>${t('records.access.none_title')}</strong></p>
    <p>${t('records.access.none_text')}</p>
  </div>`;
}

/** Shown when the server said 409 choose_organisation: the caller's own organisations to read as. */
export function organisationChooser(path: string): TemplateResult {
  const orgs = clinicianOrganisations();
  return html`<section class="panel" aria-labelledby="record-choose-heading" data-testid="record-choose-org">
    <h2 id="record-choose-heading">${t('records.access.choose_title')}</h2>
    <p>${t('records.access.choose_text')}</p>
    <ul class="plain-list record-choose">
      ${orgs.map(
        (o) => html`<li><a class="btn btn-secondary" href=${`${path}?as=${encodeURIComponent(o.id)}`} data-testid="record-choose-link" data-org-id=${o.id}>${o.name}</a></li>`,
      )}
    </ul>
  </section>`;
}

/**
 * The clinician's actions when only their own organisation's entries are shown: asking the patient for
 * consent, and the emergency access dialog (a reason of 8 to 500 characters). `reload` reads the
 * record again after an emergency access started.
 */
export class ConsentActions {
  private readonly askForm = new FormState('record-ask');
  private readonly emergencyForm = new FormState('record-emergency');
  private readonly dialog = createRef<HTMLDialogElement>();
  private reason = '';

  constructor(
    private readonly patient: string,
    private readonly as: () => string | null,
    private readonly update: () => void,
    private readonly reload: () => void,
  ) {}

  private async ask(): Promise<void> {
    await submitting(this.askForm, this.update, async () => {
      try {
        const r = await recordsApi.askPatient(this.patient, this.as());
        this.askForm.success = t('records.access.asked', { until: formatTime(r.expires_at) });
      } catch (e) {
        if (isApiError(e, 'already_consented')) {
          this.reload();
          return;
        }
        throw e;
      }
    });
  }

  private open(): void {
    this.emergencyForm.reset();
    this.reason = '';
    this.update();
    requestAnimationFrame(() => this.dialog.value?.showModal());
  }

  private close(): void {
    this.dialog.value?.close();
  }

  private async start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = this.reason.trim();
    if (reason.length < REASON_MIN || reason.length > REASON_MAX) {
      this.emergencyForm.reset();
      this.emergencyForm.failField('reason', t('records.access.reason_length', { min: REASON_MIN, max: REASON_MAX }));
      this.update();
      return;
    }
    await submitting(this.emergencyForm, this.update, async () => {
      await recordsApi.emergencyAccess(this.patient, this.as(), reason);
      this.close();
      this.reload();
    });
  }

  view(access: Access): TemplateResult {
    const notJoined = access.sharing === 'not_joined';
    const error = this.emergencyForm.errorFor('reason');
    const length = this.reason.trim().length;
    return html`<section class="alert alert-info record-no-consent" aria-labelledby="record-no-consent-heading" data-testid="record-no-consent" data-sharing=${access.sharing ?? ''}>
      <h2 id="record-no-consent-heading">${notJoined ? t('records.access.not_joined_title') : t('records.access.no_consent_title')}</h2>
      <p>${notJoined ? t('records.access.not_joined_text') : t('records.access.no_consent_text')}</p>
      ${formStatus(this.askForm)}
      <div class="actions">
        <button type="button" class="btn btn-primary" ?disabled=${this.askForm.busy} data-testid="record-ask" @click=${() => void this.ask()}>${t('records.access.ask')}</button>
        <button type="button" class="btn btn-danger" data-testid="record-emergency" @click=${() => this.open()}>${t('records.access.emergency')}</button>
      </div>
      <dialog class="record-dialog" aria-labelledby="record-emergency-heading" data-testid="record-emergency-dialog" ${ref(this.dialog)}>
        <form class="form" novalidate @submit=${(e: SubmitEvent) => void this.start(e)}>
          <h2 id="record-emergency-heading">${t('records.access.emergency_dialog_title')}</h2>
          <p>${t('records.access.emergency_dialog_text')}</p>
          <div class="field ${error ? 'has-error' : ''}">
            <label for="record-emergency-reason">${t('records.access.reason')}<span class="req" aria-hidden="true"> *</span></label>
            <p class="hint" id="record-emergency-reason-hint">${t('records.access.reason_hint', { min: REASON_MIN, max: REASON_MAX })}</p>
            <textarea id="record-emergency-reason" rows="3" maxlength=${REASON_MAX} required
              aria-invalid=${error ? 'true' : 'false'} aria-describedby="record-emergency-reason-hint record-emergency-reason-count"
              data-testid="record-emergency-reason" .value=${this.reason}
              @input=${(e: Event) => { this.reason = (e.target as HTMLTextAreaElement).value; this.update(); }}></textarea>
            <p class="hint" id="record-emergency-reason-count" aria-live="polite">${t('records.access.reason_count', { count: length, max: REASON_MAX })}</p>
            ${error ? html`<p class="field-error" data-testid="record-emergency-reason-error">${error}</p>` : nothing}
          </div>
          ${formStatus(this.emergencyForm)}
          <div class="actions">
            <button type="submit" class="btn btn-danger" ?disabled=${this.emergencyForm.busy} data-testid="record-emergency-confirm">${t('records.access.emergency_confirm')}</button>
            <button type="button" class="btn btn-quiet" data-testid="record-emergency-cancel" @click=${() => this.close()}>${t('common.cancel')}</button>
          </div>
        </form>
      </dialog>
    </section>`;
  }
}
