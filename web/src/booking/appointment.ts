// One appointment (/appointments/:id), where notices about it link to: its details with the
// questionnaire answers, and the same actions as in the list.
import { html } from 'lit-html';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { backLink, heading, Loaded } from '../base/ui/common';
import { bookingApi, type Appointment } from './api';
import { AppointmentActions, appointmentCard } from './appointment_card';

export const appointmentPage: PageFactory = (ctx) => {
  const id = ctx.params.id!;
  let announcement = '';
  const appointment = new Loaded<Appointment>(() => bookingApi.appointment(id), ctx.update);
  const actions = new AppointmentActions(ctx.update, (a) => {
    appointment.value = a;
    announcement = t('appt.cancelled_done');
    ctx.update();
  }, ctx.navigate);
  void appointment.load();

  return {
    title: () => t('appt.one_title'),
    view: () => html`${backLink('/appointments', t('appt.back'))}${heading(t('appt.one_title'))}
      <div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
      ${appointment.view((a) => html`<div class="narrow">${appointmentCard(a, actions, { full: true })}</div>`)}`,
  };
};
