// The patient's place in a "see a doctor now" queue, kept current over the WebSocket: place, people
// ahead and expected wait; the doctor taking them; leaving; being dropped. The page sends
// `queue.heartbeat` while waiting (so the sweeper keeps the place) and re-reads the entry after
// every reconnection (messages sent while the socket was down are lost).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, isApiError } from '../base/api';
import { codeName, formatTime, localText, t } from '../base/i18n';
import { live, type LiveMessage, type LiveState } from '../base/live';
import type { PageFactory } from '../base/router';
import { backLink, heading } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { joinQueueButton } from '../consult';
import { queueApi, type EntryStatus, type QueueEntry } from './api';
import { waitText } from './texts';

const HEARTBEAT_MS = 20_000;

export function liveBadge(state: LiveState): TemplateResult {
  return html`<p class="live-state live-${state}" data-testid="live-state" data-state=${state}>
    <span class="status-dot ${state === 'open' ? 'on' : ''}" aria-hidden="true"></span>${t(`queue.live.${state}`)}
  </p>`;
}

export const queueWaitPage: PageFactory = (ctx) => {
  const id = ctx.params.id ?? '';
  let entry: QueueEntry | null = null;
  let loadError: ApiError | null = null;
  let liveState: LiveState = live.state;
  const leaveForm = new FormState('queue-leave');
  let confirmingLeave = false;
  let lastStatus: EntryStatus | null = null;

  function focusStateHeading(): void {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#queue-state-heading')?.focus());
  }

  function setEntry(next: QueueEntry): void {
    entry = next;
    if (lastStatus !== null && lastStatus !== next.status) focusStateHeading();
    lastStatus = next.status;
    ctx.update();
  }

  async function load(): Promise<void> {
    try {
      setEntry(await queueApi.entry(id));
      loadError = null;
    } catch (e) {
      loadError = isApiError(e) ? e : new ApiError({ status: 0, code: 'client', detail: t('error.unexpected') });
      ctx.update();
    }
  }

  function onPosition(m: LiveMessage): void {
    // Places only matter while waiting, and an entry never goes back to waiting: a place read just
    // before a doctor took the patient can arrive after queue.taken and must not undo it.
    if (m.entry_id !== id || !entry || entry.status !== 'waiting') return;
    setEntry({
      ...entry,
      status: m.status as EntryStatus,
      position: m.position as number,
      ahead: m.ahead as number,
      doctors_on_duty: m.doctors_on_duty as number,
      estimated_wait_minutes: (m.estimated_wait_minutes as number | null) ?? null,
    });
  }

  function onTaken(m: LiveMessage): void {
    if (m.entry_id !== id || !entry) return;
    const doctor = m.doctor as QueueEntry['doctor'];
    setEntry({ ...entry, status: 'taken', doctor, taken_at: m.taken_at as number, position: null, ahead: null });
  }

  function onEnded(m: LiveMessage): void {
    if (m.entry_id !== id || !entry) return;
    const reason = String(m.reason);
    const status: EntryStatus = reason === 'left' ? 'left' : reason === 'dropped' ? 'dropped' : 'completed';
    setEntry({ ...entry, status, end_reason: reason === 'dropped' ? 'connection_lost' : reason, position: null, ahead: null });
    // The stored entry has the end time and reason as the server wrote them.
    void load();
  }

  const heartbeat = () => {
    if (entry?.status === 'waiting') live.send({ type: 'queue.heartbeat' });
  };
  const unsubscribe = [
    live.subscribe('queue.position', onPosition),
    live.subscribe('queue.taken', onTaken),
    live.subscribe('queue.ended', onEnded),
    live.onConnect(() => {
      void load();
      heartbeat();
    }),
    live.onState((s) => {
      liveState = s;
      ctx.update();
    }),
  ];
  const timer = window.setInterval(heartbeat, HEARTBEAT_MS);
  void load();

  async function leave(): Promise<void> {
    await submitting(leaveForm, ctx.update, async () => {
      setEntry(await queueApi.leave(id));
      confirmingLeave = false;
    });
  }

  const waitingView = (e: QueueEntry): TemplateResult => html`<section class="panel queue-state state-waiting" aria-labelledby="queue-state-heading" data-testid="queue-waiting-view">
      <h2 id="queue-state-heading" tabindex="-1">${t('queue.wait.title')}</h2>
      <div class="place" aria-live="polite" aria-atomic="true">
        <p class="place-number">
          <span class="place-label">${t('queue.wait.place')}</span>
          <strong data-testid="queue-position">${e.position ?? '—'}</strong>
        </p>
        <p data-testid="queue-ahead">${t('queue.wait.ahead', { count: e.ahead ?? 0 })}</p>
        <p class="queue-wait" data-testid="queue-estimate">${waitText(e.estimated_wait_minutes)}</p>
      </div>
      <p class="hint">${t('queue.wait.keep_open')}</p>
      ${formStatus(leaveForm)}
      <div class="actions">
        ${confirmingLeave
          ? html`<span class="confirm" role="group" aria-label=${t('queue.leave_confirm_label')}>
              <span>${t('queue.leave_confirm_text')}</span>
              <button type="button" class="btn btn-danger" ?disabled=${leaveForm.busy} data-testid="queue-leave-confirm" @click=${leave}>${t('queue.leave_confirm')}</button>
              <button type="button" class="btn btn-quiet" @click=${() => { confirmingLeave = false; ctx.update(); }}>${t('queue.stay')}</button>
            </span>`
          : html`<button type="button" class="btn btn-danger" data-testid="queue-leave" @click=${() => { confirmingLeave = true; ctx.update(); }}>${t('queue.leave')}</button>`}
      </div>
    </section>`;

  const takenView = (e: QueueEntry): TemplateResult => {
    const doctor = e.doctor ? localText(e.doctor.name) : '';
    return html`<section class="panel queue-state state-taken" role="alert" aria-labelledby="queue-state-heading" data-testid="queue-taken">
      <h2 id="queue-state-heading" tabindex="-1">${t('queue.taken.title')}</h2>
      <p class="taken-doctor" data-testid="queue-doctor">${t('queue.taken.doctor', { doctor })}</p>
      <p>${t(`queue.taken.next_${e.service.consultation_type}`)}</p>
      <p class="hint">${t('queue.taken.keep_open')}</p>
      ${e.taken_at ? html`<p class="muted">${t('queue.taken.at', { time: formatTime(e.taken_at) })}</p>` : nothing}
      ${formStatus(leaveForm)}
      <div class="actions">
        ${joinQueueButton(e.id, ctx.update, ctx.navigate)}
        <button type="button" class="btn btn-quiet" ?disabled=${leaveForm.busy} data-testid="queue-cancel-taken" @click=${leave}>${t('queue.taken.cancel')}</button>
      </div>
    </section>`;
  };

  const endedView = (e: QueueEntry): TemplateResult => {
    const reason = e.status === 'dropped' ? 'dropped' : e.status === 'left' ? 'left' : e.end_reason === 'no_show' ? 'no_show' : 'completed';
    return html`<section class="panel queue-state state-ended state-${reason}" aria-labelledby="queue-state-heading" data-testid="queue-ended" data-reason=${reason}>
      <h2 id="queue-state-heading" tabindex="-1">${t(`queue.ended.${reason}_title`)}</h2>
      <p>${t(`queue.ended.${reason}_text`)}</p>
      <div class="actions">
        <a class="btn btn-primary" href="/now" data-testid="queue-again">${t('queue.ended.again')}</a>
      </div>
    </section>`;
  };

  const summary = (e: QueueEntry): TemplateResult => html`<section class="panel" aria-labelledby="queue-summary-heading">
    <h2 id="queue-summary-heading">${t('queue.summary_title')}</h2>
    <dl class="facts">
      <div><dt>${t('queue.summary.service')}</dt><dd data-testid="queue-service">${localText(e.service.name)}</dd></div>
      <div><dt>${t('queue.summary.organisation')}</dt><dd>${localText(e.service.organisation.name)}</dd></div>
      <div><dt>${t('queue.summary.patient')}</dt><dd data-testid="queue-patient">${e.patient.display_name}</dd></div>
      <div><dt>${t('queue.summary.joined')}</dt><dd>${formatTime(e.joined_at)}</dd></div>
      <div><dt>${t('queue.summary.symptoms')}</dt><dd>${e.triage.symptoms.length ? e.triage.symptoms.map((s) => codeName('triage.symptom', s)).join(t('queue.sep')) : '—'}</dd></div>
      ${e.triage.details ? html`<div><dt>${t('queue.summary.details')}</dt><dd class="pre">${e.triage.details}</dd></div>` : nothing}
    </dl>
  </section>`;

  return {
    title: () => t('queue.wait.page_title'),
    leave: () => {
      window.clearInterval(timer);
      for (const u of unsubscribe) u();
    },
    view: () => {
      let body: TemplateResult;
      if (loadError && !entry) {
        body = html`<div class="alert alert-error" role="alert" data-testid="load-error">
          <p>${loadError.detail}</p>
          <button type="button" class="btn btn-secondary" @click=${() => void load()}>${t('common.retry')}</button>
        </div>`;
      } else if (!entry) {
        body = html`<p class="loading" role="status">${t('common.loading')}</p>`;
      } else {
        const e = entry;
        body = html`${liveBadge(liveState)}
          <div class="grid-2 grid-wide-first">
            ${e.status === 'waiting' ? waitingView(e) : e.status === 'taken' ? takenView(e) : endedView(e)}
            ${summary(e)}
          </div>`;
      }
      return html`${backLink('/now', t('queue.title'))} ${heading(t('queue.wait.page_title'), entry ? localText(entry.service.name) : undefined)} ${body}`;
    },
  };
};
