// The doctor's side of "see a doctor now", shown beside the day's schedule: the queues of the
// doctor's organisations (waiting count, doctors on duty), going on and off duty, taking the next
// patient (the server decides who, once; a doctor holds at most one) and ending that consultation.
// Waiting counts follow `queue.changed` over the WebSocket; everything is re-read after a reconnect.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError } from '../base/api';
import { codeName, formatTime, localText, t } from '../base/i18n';
import { live, type LiveMessage } from '../base/live';
import { rolesNamed } from '../base/session';
import { Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { joinQueueButton } from '../consult';
import type { QueueEntry } from '../queue';
import { recordLink } from '../records';
import { doctorApi, type OrgQueue } from './api';

export interface DoctorQueuePanel {
  view(): TemplateResult;
  dispose(): void;
}

export function doctorQueuePanel(update: () => void, navigate?: (path: string) => void): DoctorQueuePanel {
  const orgs = rolesNamed('doctor')
    .map((r) => r.organisation_id)
    .filter((o): o is string => Boolean(o));
  const queues = new Loaded(
    async () => (await Promise.all(orgs.map((o) => doctorApi.orgQueues(o)))).flat(),
    update,
  );
  const current = new Loaded(async () => (await doctorApi.myDuty()).current, update);
  const perQueue = new Map<string, FormState>();
  const currentForm = new FormState('dq-current');
  /** Set when the patient being seen left the queue (the doctor is told, the entry is gone). */
  let patientLeft: QueueEntry | null = null;

  const formFor = (service: string): FormState => {
    let f = perQueue.get(service);
    // One id for every queue's form: its messages are found inside the queue's item (dq-item).
    if (!f) perQueue.set(service, (f = new FormState('dq-queue')));
    return f;
  };

  function reload(): void {
    void queues.load();
    void current.load();
  }

  function patchQueue(id: string, change: Partial<OrgQueue>): void {
    if (queues.value) queues.value = queues.value.map((q) => (q.id === id ? { ...q, ...change } : q));
  }

  function focusCurrent(): void {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#dq-current-heading')?.focus());
  }

  async function toggleDuty(q: OrgQueue): Promise<void> {
    const form = formFor(q.id);
    await submitting(form, update, async () => {
      const r = await doctorApi.setDuty(q.id, !q.on_duty);
      form.success = r.on_duty ? t('dq.duty_on_done') : t('dq.duty_off_done');
      // The doctors-on-duty list changed too: read the queue again.
      await queues.load();
    });
  }

  async function takeNext(q: OrgQueue): Promise<void> {
    const form = formFor(q.id);
    await submitting(form, update, async () => {
      try {
        const entry = await doctorApi.takeNext(q.id);
        current.value = entry;
        patientLeft = null;
        focusCurrent();
      } catch (e) {
        // Somebody else took the patient first, or the queue emptied: the count is stale, re-read it.
        if (isApiError(e, 'queue_empty') || isApiError(e, 'doctor_busy')) reload();
        throw e;
      }
    });
  }

  async function finish(entry: QueueEntry, outcome: 'completed' | 'no_show'): Promise<void> {
    await submitting(currentForm, update, async () => {
      try {
        await doctorApi.completeEntry(entry.id, outcome);
      } catch (e) {
        if (isApiError(e, 'conflict')) {
          // The patient left before the end: nothing to close.
          patientLeft = entry;
          current.value = null;
          return;
        }
        throw e;
      }
      current.value = null;
      currentForm.success = outcome === 'completed' ? t('dq.completed_done') : t('dq.no_show_done');
    });
  }

  const unsubscribe = [
    live.subscribe('queue.changed', (m: LiveMessage) => patchQueue(String(m.service_id), { waiting: Number(m.waiting) })),
    live.subscribe('queue.ended', (m: LiveMessage) => {
      const c = current.value;
      if (c && m.entry_id === c.id && m.reason === 'left') {
        patientLeft = c;
        current.value = null;
        update();
      }
    }),
    live.onConnect(reload),
  ];
  reload();

  const queueItem = (q: OrgQueue, busy: boolean): TemplateResult => {
    const form = formFor(q.id);
    const others = q.doctors_on_duty.length;
    return html`<li class="queue-item dq-item" data-testid="dq-item" data-service-id=${q.id} data-on-duty=${String(q.on_duty)}>
      <div class="queue-main">
        <h3 class="queue-name">${localText(q.name)}</h3>
        <p class="muted">${localText(q.organisation.name)} · ${codeName('queue.ctype', q.consultation_type)}</p>
        <p class="chips" aria-live="polite">
          <span class="chip" data-testid="dq-waiting" data-count=${String(q.waiting)}>${t('queue.waiting_count', { count: q.waiting })}</span>
          <span class="chip">${t('dq.on_duty_count', { count: others })}</span>
          <span class="badge ${q.on_duty ? 'badge-ok' : 'badge-off'}" data-testid="dq-duty-state">${q.on_duty ? t('dq.you_on_duty') : t('dq.you_off_duty')}</span>
        </p>
      </div>
      ${formStatus(form)}
      <div class="actions">
        <button type="button" class="btn btn-secondary btn-small" aria-pressed=${q.on_duty ? 'true' : 'false'} ?disabled=${form.busy} data-testid="dq-duty" @click=${() => toggleDuty(q)}>
          ${q.on_duty ? t('dq.go_off_duty') : t('dq.go_on_duty')}<span class="visually-hidden"> ${localText(q.name)}</span>
        </button>
        ${q.on_duty
          ? html`<button type="button" class="btn btn-primary btn-small" ?disabled=${form.busy || busy} aria-describedby=${busy ? 'dq-busy-hint' : nothing} data-testid="dq-next" @click=${() => takeNext(q)}>
              ${t('dq.take_next')}<span class="visually-hidden"> ${localText(q.name)}</span>
            </button>`
          : nothing}
      </div>
    </li>`;
  };

  const currentView = (e: QueueEntry): TemplateResult => html`<section class="dq-current" aria-labelledby="dq-current-heading" data-testid="dq-current" data-entry-id=${e.id}>
    <h3 id="dq-current-heading" tabindex="-1">${t('dq.current_title')}</h3>
    <p class="dq-patient" data-testid="dq-current-patient">${e.patient.display_name}</p>
    <p class="muted">${localText(e.service.name)} · ${t('dq.waiting_since', { time: formatTime(e.joined_at) })}${e.priority === 0 ? html` · <span class="badge badge-warn">${t('dq.urgent')}</span>` : nothing}</p>
    <dl class="facts">
      <div><dt>${t('queue.summary.symptoms')}</dt><dd data-testid="dq-current-symptoms">${e.triage.symptoms.length ? e.triage.symptoms.map((s) => codeName('triage.symptom', s)).join(t('queue.sep')) : '—'}</dd></div>
      <div><dt>${t('queue.summary.details')}</dt><dd class="pre" data-testid="dq-current-details">${e.triage.details || '—'}</dd></div>
    </dl>
    ${formStatus(currentForm)}
    <div class="actions">
      ${navigate && e.service.consultation_type !== 'in_person' ? joinQueueButton(e.id, update, navigate) : nothing}
      ${recordLink(e.patient.id, e.service.organisation.id, e.patient.display_name)}
      <button type="button" class="btn btn-primary btn-small" ?disabled=${currentForm.busy} data-testid="dq-complete" @click=${() => finish(e, 'completed')}>${t('dq.complete')}</button>
      <button type="button" class="btn btn-quiet btn-small" ?disabled=${currentForm.busy} data-testid="dq-no-show" @click=${() => finish(e, 'no_show')}>${t('dq.no_show')}</button>
    </div>
  </section>`;

  return {
    dispose: () => unsubscribe.forEach((u) => u()),
    view: () => {
      const c = current.value ?? null;
      return html`<section class="panel dq" aria-labelledby="dq-heading" data-testid="dq">
        <h2 id="dq-heading">${t('dq.title')}</h2>
        ${c ? currentView(c) : nothing}
        ${!c && patientLeft
          ? html`<p class="alert alert-info" role="status" data-testid="dq-patient-left">${t('dq.patient_left', { name: patientLeft.patient.display_name })}</p>`
          : nothing}
        ${!c && currentForm.success ? formStatus(currentForm) : nothing}
        ${current.error ? html`<div class="alert alert-error" role="alert">${current.error.detail}</div>` : nothing}
        ${c ? html`<p class="hint" id="dq-busy-hint">${t('dq.one_at_a_time')}</p>` : nothing}
        ${queues.view((items) =>
          items.length
            ? html`<ul class="queue-list" data-testid="dq-list">${items.map((q) => queueItem(q, Boolean(c)))}</ul>`
            : html`<p class="empty" data-testid="dq-none">${t('dq.none')}</p>`,
        )}
      </section>`;
    },
  };
}
