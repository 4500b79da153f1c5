// The doctor's day: the appointments of a Hong Kong day (today unless another is picked) with each
// patient's answers and the status steps the server allows, and beside it the doctor's queues.
// The schedule is re-read when a notification arrives (bookings and cancellations notify the doctor).
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, localText, t } from '../base/i18n';
import { live } from '../base/live';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { addDays, dayLabel, hkClock, hkToday, isDay } from '../base/time';
import { Loaded, heading } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import type { Appointment, AppointmentStatus } from '../booking';
import { joinAppointmentButton } from '../consult';
import { recordLink } from '../records';
import { doctorApi } from './api';
import { doctorQueuePanel } from './day_queue';

type Step = 'checked_in' | 'in_consultation' | 'completed' | 'no_show';

/** The steps a doctor may take from a status (docs/api.md, Appointments); no-show only after the start. */
function stepsFrom(a: Appointment, now: number): Step[] {
  const started = now >= a.starts_at;
  switch (a.status) {
    case 'booked':
      return ['checked_in', 'in_consultation', ...(started ? (['no_show'] as Step[]) : [])];
    case 'checked_in':
      return ['in_consultation', ...(started ? (['no_show'] as Step[]) : [])];
    case 'in_consultation':
      return ['completed'];
    default:
      return [];
  }
}

const STEP_TESTID: Record<Step, string> = {
  checked_in: 'day-checkin',
  in_consultation: 'day-start',
  completed: 'day-complete',
  no_show: 'day-noshow',
};

export function statusBadge(status: AppointmentStatus): TemplateResult {
  const tone = status === 'completed' || status === 'in_consultation' ? 'badge-ok' : status === 'cancelled' || status === 'no_show' ? 'badge-off' : 'badge-warn';
  return html`<span class="badge ${tone}" data-testid="day-appt-status" data-status=${status}>${codeName('doctorday.status', status)}</span>`;
}

export const doctorDayPage: PageFactory = (ctx) => {
  const doctorId = currentAccount()?.id ?? '';
  const requested = ctx.query.get('day') ?? '';
  let day = isDay(requested) ? requested : hkToday();
  const schedule = new Loaded(() => doctorApi.schedule(doctorId, day), ctx.update);
  void schedule.load();
  const queuePanel = doctorQueuePanel(ctx.update, ctx.navigate);

  const row = new FormState('day-row');
  let rowTarget: string | null = null;
  let cancelling: string | null = null;
  const stopNotifications = live.subscribe('notifications', () => void schedule.load());
  const stopReconnect = live.onConnect(() => void schedule.load());

  function goTo(next: string): void {
    if (!isDay(next)) return;
    day = next;
    cancelling = null;
    rowTarget = null;
    history.replaceState(null, '', next === hkToday() ? '/doctor/day' : `/doctor/day?day=${next}`);
    void schedule.load();
  }

  function replace(updated: Appointment): void {
    const s = schedule.value;
    if (s) schedule.value = { ...s, appointments: s.appointments.map((a) => (a.id === updated.id ? updated : a)) };
  }

  async function step(a: Appointment, to: Step): Promise<void> {
    rowTarget = a.id;
    cancelling = null;
    await submitting(row, ctx.update, async () => {
      replace(await doctorApi.setStatus(a.id, to));
      row.success = t('doctorday.status_done', { name: a.patient.display_name, status: codeName('doctorday.status', to) });
    });
  }

  async function cancel(event: SubmitEvent, a: Appointment): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    rowTarget = a.id;
    await submitting(row, ctx.update, async () => {
      replace(await doctorApi.cancel(a.id, reason));
      cancelling = null;
      row.success = t('doctorday.cancel_done', { name: a.patient.display_name });
    });
  }

  const cancelForm = (a: Appointment): TemplateResult => html`<form class="form day-cancel" novalidate data-testid="day-cancel-form" @submit=${(e: SubmitEvent) => cancel(e, a)}>
    <div class="field">
      <label for=${`day-cancel-reason-${a.id}`}>${t('doctorday.cancel_reason')}</label>
      <p class="hint" id=${`day-cancel-hint-${a.id}`}>${t('doctorday.cancel_hint')}</p>
      <textarea id=${`day-cancel-reason-${a.id}`} name="reason" rows="2" maxlength="500" aria-describedby=${`day-cancel-hint-${a.id}`} data-testid="day-cancel-reason"></textarea>
    </div>
    <div class="actions">
      <button type="submit" class="btn btn-danger btn-small" ?disabled=${row.busy} data-testid="day-cancel-confirm">${t('doctorday.cancel_confirm')}</button>
      <button type="button" class="btn btn-quiet btn-small" @click=${() => { cancelling = null; ctx.update(); }}>${t('doctorday.keep')}</button>
    </div>
  </form>`;

  const item = (a: Appointment, now: number): TemplateResult => {
    const steps = stepsFrom(a, now);
    const canCancel = a.status === 'booked' || a.status === 'checked_in';
    return html`<li class="appt" data-testid="day-appt" data-appointment-id=${a.id} data-status=${a.status}>
      <div class="appt-time">
        <strong>${hkClock(a.starts_at)}</strong><span class="muted">–${hkClock(a.ends_at)}</span>
      </div>
      <div class="appt-main">
        <p class="appt-patient" data-testid="day-appt-patient">${a.patient.display_name}</p>
        <p class="muted">${localText(a.service.name)} · ${codeName('queue.ctype', a.service.consultation_type)}</p>
        <p class="chips">${statusBadge(a.status)}${a.needs_rebooking ? html`<span class="badge badge-warn">${t('doctorday.needs_rebooking')}</span>` : nothing}</p>
        <dl class="facts answers" data-testid="day-appt-answers">
          <div><dt>${t('doctorday.reason')}</dt><dd class="pre">${a.reason || '—'}</dd></div>
          <div><dt>${t('doctorday.symptoms')}</dt><dd class="pre">${a.symptoms || '—'}</dd></div>
          <div><dt>${t('doctorday.allergies')}</dt><dd class="pre">${a.known_allergies || '—'}</dd></div>
          ${a.cancelled ? html`<div><dt>${t('doctorday.cancelled_reason')}</dt><dd class="pre">${a.cancelled.reason || '—'}</dd></div>` : nothing}
        </dl>
        <div class="actions">${joinAppointmentButton(a, ctx.update, ctx.navigate)} ${recordLink(a.patient.id, a.organisation.id, a.patient.display_name)}</div>
        ${rowTarget === a.id ? formStatus(row) : nothing}
        ${cancelling === a.id
          ? cancelForm(a)
          : steps.length || canCancel
            ? html`<div class="actions">
                ${steps.map(
                  (s) => html`<button type="button" class="btn ${s === 'no_show' ? 'btn-quiet' : 'btn-secondary'} btn-small" ?disabled=${row.busy} data-testid=${STEP_TESTID[s]} @click=${() => step(a, s)}>
                    ${t(`doctorday.step.${s}`)}<span class="visually-hidden"> ${a.patient.display_name}</span>
                  </button>`,
                )}
                ${canCancel
                  ? html`<button type="button" class="btn btn-quiet btn-small" data-testid="day-cancel" @click=${() => { cancelling = a.id; rowTarget = null; ctx.update(); }}>
                      ${t('doctorday.cancel')}<span class="visually-hidden"> ${a.patient.display_name}</span>
                    </button>`
                  : nothing}
              </div>`
            : nothing}
      </div>
    </li>`;
  };

  const dayPicker = (): TemplateResult => html`<form class="day-picker" role="search" aria-label=${t('doctorday.pick_label')} @submit=${(e: SubmitEvent) => e.preventDefault()}>
    <button type="button" class="btn btn-quiet btn-small" data-testid="day-prev" @click=${() => goTo(addDays(day, -1))}>
      <span aria-hidden="true">←</span> ${t('doctorday.prev')}
    </button>
    <label class="visually-hidden" for="day-date">${t('doctorday.pick_label')}</label>
    <input id="day-date" type="date" .value=${day} data-testid="day-date" @change=${(e: Event) => goTo((e.target as HTMLInputElement).value)} />
    <button type="button" class="btn btn-quiet btn-small" data-testid="day-next" @click=${() => goTo(addDays(day, 1))}>
      ${t('doctorday.next')} <span aria-hidden="true">→</span>
    </button>
    ${day !== hkToday() ? html`<button type="button" class="btn btn-secondary btn-small" data-testid="day-today" @click=${() => goTo(hkToday())}>${t('doctorday.today')}</button>` : nothing}
  </form>`;

  return {
    title: () => t('doctorday.title'),
    leave: () => {
      stopNotifications();
      stopReconnect();
      queuePanel.dispose();
    },
    view: () => html`${heading(t('doctorday.title'), t('doctorday.lead'))}
      <div class="grid-2 grid-wide-first">
        <section class="panel" aria-labelledby="day-heading" data-testid="day">
          <h2 id="day-heading" data-testid="day-heading">${dayLabel(day)}</h2>
          ${dayPicker()}
          ${schedule.view((s) => {
            const now = Date.now() / 1000;
            const active = s.appointments;
            return html`<p class="muted" data-testid="day-summary">${t('doctorday.summary', { count: active.length, open: s.open_slots })}</p>
              ${active.length
                ? html`<ul class="appt-list" data-testid="day-list">${active.map((a) => item(a, now))}</ul>`
                : html`<p class="empty" data-testid="day-empty">${t('doctorday.empty')}</p>`}`;
          })}
        </section>
        ${queuePanel.view()}
      </div>`,
  };
};
