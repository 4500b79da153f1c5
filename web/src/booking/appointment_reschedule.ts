// Choosing a new time for an appointment (/appointments/:id/reschedule): a free time of the same
// doctor and service, then a confirmation. The server moves it in one step (the new time is held
// before the old one is released), so a failure leaves the appointment where it was.
import { html, nothing } from 'lit-html';
import { isApiError } from '../base/api';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { backLink, heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { bookingApi, type Appointment, type Slot } from './api';
import { needsRebooking } from './appointment_card';
import { doctorName, formatSpan } from './format';
import { SlotPicker } from './slot_picker';

export const reschedulePage: PageFactory = (ctx) => {
  const id = ctx.params.id!;
  const form = new FormState('reschedule');
  let picker: SlotPicker | null = null;
  let chosen: Slot | null = null;

  const appointment = new Loaded<Appointment>(async () => {
    const a = await bookingApi.appointment(id);
    picker = new SlotPicker({ doctorId: a.doctor.id, serviceId: a.service.id, exclude: a.slot_id, update: ctx.update });
    void picker.load();
    return a;
  }, ctx.update);
  void appointment.load();

  function choose(slot: Slot): void {
    chosen = slot;
    form.reset();
    ctx.update();
    requestAnimationFrame(() => document.getElementById('reschedule-confirm-heading')?.focus());
  }

  async function confirm(a: Appointment, slot: Slot): Promise<void> {
    await submitting(form, ctx.update, async () => {
      try {
        const moved = await bookingApi.reschedule(a.id, slot.id);
        ctx.flash(t('appt.move.done', { when: formatSpan(moved.starts_at, moved.ends_at) }));
        ctx.navigate(`/appointments/${encodeURIComponent(a.id)}`);
      } catch (e) {
        if (isApiError(e, 'slot_taken') || isApiError(e, 'slot_unavailable')) {
          // That time went meanwhile: show the times that are still free.
          chosen = null;
          void picker?.load();
        }
        throw e;
      }
    });
  }

  return {
    title: () => t('appt.move.title'),
    view: () => html`${backLink(`/appointments/${encodeURIComponent(id)}`, t('appt.move.back'))}${heading(t('appt.move.title'))}
      ${appointment.view((a) => {
        if (a.status !== 'booked')
          return html`<div class="alert alert-error" role="alert" data-testid="reschedule-not-possible">${t('appt.move.not_booked')}</div>`;
        return html`<div class="grid-2 grid-wide-first">
          <section class="panel" aria-labelledby="reschedule-pick-heading">
            <h2 id="reschedule-pick-heading">${t('appt.move.pick')}</h2>
            <p class="hint">${t('appt.move.pick_hint', { service: localText(a.service.name), doctor: doctorName(a.doctor) })}</p>
            ${chosen ? nothing : formStatus(form)}
            ${picker?.view(choose, chosen?.id) ?? nothing}
          </section>
          <section class="panel" aria-labelledby="reschedule-confirm-heading" data-testid="reschedule-summary">
            <h2 id="reschedule-confirm-heading" tabindex="-1">${t('appt.move.summary')}</h2>
            <dl class="bk-facts bk-summary">
              <div><dt>${needsRebooking(a) ? t('appt.move.withdrawn_time') : t('appt.move.current')}</dt>
                <dd data-testid="reschedule-old">${formatSpan(a.starts_at, a.ends_at)}</dd></div>
              <div><dt>${t('appt.move.new')}</dt>
                <dd data-testid="reschedule-new">${chosen ? formatSpan(chosen.starts_at, chosen.ends_at) : t('appt.move.none_chosen')}</dd></div>
            </dl>
            ${chosen ? formStatus(form) : nothing}
            ${chosen
              ? html`<div class="actions">
                  <button type="button" class="btn btn-primary" ?disabled=${form.busy} aria-busy=${form.busy ? 'true' : 'false'}
                    data-testid="reschedule-confirm" @click=${() => void confirm(a, chosen!)}>
                    ${form.busy ? t('common.working') : t('appt.move.confirm')}
                  </button>
                </div>`
              : nothing}
          </section>
        </div>`;
      })}`,
  };
};
