// The "Record" link other areas show beside a patient (the doctor's day, the queue, the consultation
// room): the patient's record read as the organisation of the visit.
import { html, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';
import { clinicianOrganisations } from './format';

/** `/patients/:id/record?as=<org>`; without an organisation, the clinician's only one (if one). */
export function recordHref(patient: string, organisation?: string | null): string {
  const orgs = clinicianOrganisations();
  const as = organisation || (orgs.length === 1 ? orgs[0]!.id : '');
  const path = `/patients/${encodeURIComponent(patient)}/record`;
  return as ? `${path}?as=${encodeURIComponent(as)}` : path;
}

/** The link itself, named for the patient for screen readers. */
export function recordLink(patient: string, organisation: string | null | undefined, patientName: string): TemplateResult {
  return html`<a class="btn btn-secondary btn-small record-link" href=${recordHref(patient, organisation)} data-testid="record-link"
    >${t('records.link')}<span class="visually-hidden"> · ${patientName}</span></a
  >`;
}
