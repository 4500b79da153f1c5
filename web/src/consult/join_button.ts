// "Join" on an appointment or a queue visit: opens (or finds) its consultation room and goes there.
// Shown from 10 minutes before an online appointment until 30 minutes after its end (the server
// holds the same window), and as soon as a doctor has taken a queue visit.
import { html, nothing, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { consultApi, type Room } from './api';

const OPENS_BEFORE = 10 * 60;
const CLOSES_AFTER = 30 * 60;
const forms = new Map<string, FormState>();

export interface JoinableAppointment {
  id: string;
  starts_at: number;
  ends_at: number;
  status: string;
  service: { consultation_type: string };
}

export function appointmentJoinable(a: JoinableAppointment, now = Date.now() / 1000): boolean {
  return (
    a.service.consultation_type !== 'in_person' &&
    ['booked', 'checked_in', 'in_consultation'].includes(a.status) &&
    now >= a.starts_at - OPENS_BEFORE &&
    now < a.ends_at + CLOSES_AFTER
  );
}

function button(key: string, open: () => Promise<Room>, update: () => void, navigate: (p: string) => void): TemplateResult {
  let form = forms.get(key);
  if (!form) forms.set(key, (form = new FormState(`join-${key}`)));
  const f = form;
  return html`<div class="join-consult">
    <button type="button" class="btn btn-primary" data-testid="join-consultation" ?disabled=${f.busy}
      @click=${() =>
        void submitting(f, update, async () => {
          const room = await open();
          navigate(`/consult/${encodeURIComponent(room.id)}`);
        })}>${t('consult.join_button')}</button>
    ${f.problem ? formStatus(f) : nothing}
  </div>`;
}

export function joinAppointmentButton(a: JoinableAppointment, update: () => void, navigate: (p: string) => void): TemplateResult {
  if (!appointmentJoinable(a)) return html``;
  return button(a.id, () => consultApi.openForAppointment(a.id), update, navigate);
}

export function joinQueueButton(entryId: string, update: () => void, navigate: (p: string) => void): TemplateResult {
  return button(entryId, () => consultApi.openForQueueEntry(entryId), update, navigate);
}
