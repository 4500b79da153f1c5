// One appointment as the patient side sees it (in the list and on its own page), with what can be done
// to it: choose a new time, cancel (with a reason, after a confirmation), add it to a calendar (.ics).
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import { currentAccount, hasRole } from '../base/session';
import { field, FormState, formStatus, formValues, str, submitting } from '../base/ui/form';
import { joinAppointmentButton } from '../consult';
import { bookingApi, type Appointment } from './api';
import { consultationType, doctorName, formatSpan } from './format';

const CHANGEABLE = new Set(['booked']);

/** Booked, but on a time the clinic withdrew: the patient must choose a new one. */
export function needsRebooking(a: Appointment): boolean {
  return a.needs_rebooking && a.status === 'booked';
}

function statusBadge(a: Appointment): TemplateResult {
  const cls = needsRebooking(a) ? 'badge-warn' : a.status === 'cancelled' || a.status === 'no_show' ? 'badge-off' : 'badge-ok';
  return html`<span class="badge ${cls}" data-testid="appt-status" data-status=${a.status}
    >${needsRebooking(a) ? t('appt.needs_rebooking') : t(`appt.status.${a.status}`)}</span
  >`;
}

/** Cancel forms by appointment id: open or not, and their state. */
export class AppointmentActions {
  private open = new Map<string, FormState>();

  constructor(
    private readonly update: () => void,
    private readonly changed: (a: Appointment, what: 'cancelled') => void,
    /** Given, online appointments get "Join" while their consultation can be joined. */
    private readonly navigate?: (path: string) => void,
  ) {}

  join(a: Appointment): TemplateResult {
    return this.navigate ? joinAppointmentButton(a, this.update, this.navigate) : html``;
  }

  private toggle(id: string, on: boolean): void {
    if (on) this.open.set(id, new FormState(`cancel-${id}`));
    else this.open.delete(id);
    this.update();
    if (on) requestAnimationFrame(() => document.getElementById(`cancel-${id}-reason`)?.focus());
  }

  private async cancel(a: Appointment, event: SubmitEvent): Promise<void> {
    const form = this.open.get(a.id);
    if (!form) return;
    const reason = str(formValues(event), 'reason').trim();
    await submitting(form, this.update, async () => {
      const done = await bookingApi.cancel(a.id, reason);
      this.open.delete(a.id);
      this.changed(done, 'cancelled');
    });
  }

  view(a: Appointment): TemplateResult | typeof nothing {
    const changeable = CHANGEABLE.has(a.status);
    const form = this.open.get(a.id);
    const ics = html`<a class="btn btn-secondary btn-small" href=${bookingApi.calendarUrl(a.id)} download=${`appointment-${a.id}.ics`}
      data-testid="appt-ics">${t('appt.add_to_calendar')}</a>`;
    // Staff reading an appointment (a doctor following a notice) change it from their own pages.
    if (!changeable || !hasRole('patient')) return a.status === 'cancelled' ? nothing : html`<div class="actions">${ics}</div>`;
    return html`<div class="actions">
        <a class="btn ${a.needs_rebooking ? 'btn-primary' : 'btn-secondary'} btn-small" href=${`/appointments/${encodeURIComponent(a.id)}/reschedule`}
          data-testid="appt-reschedule">${a.needs_rebooking ? t('appt.choose_new_time') : t('appt.reschedule')}</a>
        ${ics}
        ${form
          ? nothing
          : html`<button type="button" class="btn btn-danger btn-small" data-testid="appt-cancel" aria-expanded="false"
              @click=${() => this.toggle(a.id, true)}>${t('appt.cancel')}</button>`}
      </div>
      ${form
        ? html`<form class="form bk-confirm-box" novalidate data-testid="appt-cancel-form" @submit=${(e: SubmitEvent) => void this.cancel(a, e)}>
            <p><strong>${t('appt.cancel_question', { when: formatSpan(a.starts_at, a.ends_at) })}</strong></p>
            ${formStatus(form)}
            ${field(form, { name: 'reason', label: t('appt.cancel_reason'), hint: t('appt.cancel_reason_hint'), maxlength: 500, testid: 'appt-cancel-reason' })}
            <div class="actions">
              <button type="submit" class="btn btn-danger" ?disabled=${form.busy} data-testid="appt-cancel-confirm">
                ${form.busy ? t('common.working') : t('appt.cancel_confirm')}
              </button>
              <button type="button" class="btn btn-secondary" ?disabled=${form.busy} data-testid="appt-cancel-keep"
                @click=${() => this.toggle(a.id, false)}>${t('appt.cancel_keep')}</button>
            </div>
          </form>`
        : nothing}`;
  }
}

/** The appointment's facts; `full` adds the questionnaire answers and the cancellation. */
export function appointmentCard(a: Appointment, actions: AppointmentActions, o: { full?: boolean; link?: boolean } = {}): TemplateResult {
  const me = currentAccount()?.id;
  const title = html`${doctorName(a.doctor)}`;
  return html`<article class="bk-appt-card ${needsRebooking(a) ? 'bk-is-rebooking' : ''} ${a.status === 'cancelled' ? 'bk-is-cancelled' : ''}"
    data-testid="appt" data-appointment-id=${a.id} data-status=${a.status} aria-labelledby=${`appt-${a.id}-title`}>
    <div class="bk-appt-head">
      <h3 class="bk-appt-when" id=${`appt-${a.id}-title`} data-testid="appt-when">${formatSpan(a.starts_at, a.ends_at)}</h3>
      ${statusBadge(a)}
    </div>
    ${needsRebooking(a)
      ? html`<p class="alert alert-error" data-testid="appt-rebooking-note">${t('appt.needs_rebooking_text')}</p>`
      : nothing}
    <dl class="bk-facts">
      <div><dt>${t('booking.doctor')}</dt><dd data-testid="appt-doctor">${o.link ? html`<a href=${`/appointments/${encodeURIComponent(a.id)}`} data-testid="appt-open">${title}</a>` : title}</dd></div>
      <div><dt>${t('booking.service')}</dt><dd data-testid="appt-service">${localText(a.service.name)} · ${consultationType(a.service.consultation_type)}</dd></div>
      <div><dt>${t('doctors.organisation')}</dt><dd>${localText(a.organisation.name)}${a.service.consultation_type === 'in_person' && a.organisation.address ? html`<br /><span class="muted">${a.organisation.address}</span>` : nothing}</dd></div>
      <div><dt>${t('booking.patient')}</dt><dd data-testid="appt-patient">${a.patient.id === me ? t('appt.me', { name: a.patient.display_name }) : a.patient.display_name}</dd></div>
      ${o.full
        ? html`<div><dt>${t('booking.reason')}</dt><dd class="bk-pre" data-testid="appt-reason">${a.reason || t('booking.none_given')}</dd></div>
            <div><dt>${t('booking.symptoms')}</dt><dd class="bk-pre" data-testid="appt-symptoms">${a.symptoms || t('booking.none_given')}</dd></div>
            <div><dt>${t('booking.allergies')}</dt><dd class="bk-pre" data-testid="appt-allergies">${a.known_allergies || t('booking.none_given')}</dd></div>`
        : nothing}
      ${a.cancelled
        ? html`<div><dt>${t('appt.cancelled_on')}</dt><dd data-testid="appt-cancelled">${formatTime(a.cancelled.at)}${a.cancelled.reason ? html` · ${a.cancelled.reason}` : nothing}</dd></div>`
        : nothing}
    </dl>
    ${actions.join(a)} ${actions.view(a)}
  </article>`;
}
