// "See a doctor now" (patients): the open queues, the patient's current places, and the short triage
// form. Red-flag answers bring the server's emergency advice (call 999 / go to A&E) instead of a place.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError, type ApiError } from '../base/api';
import { codeName, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { Loaded, heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { queueApi, type QueueInfo, type TriageChecklist } from './api';
import { hoursText, waitText } from './texts';

type Level = keyof TriageChecklist;

function symptomGroup(form: FormState, level: Level, codes: string[], testid: string): TemplateResult {
  const id = `${form.id}-${level}`;
  return html`<fieldset class="field checkbox-group symptoms symptoms-${level}" data-testid=${testid} aria-describedby=${`${id}-hint`}>
    <legend>${t(`triage.group.${level}`)}</legend>
    <p class="hint" id=${`${id}-hint`}>${t(`triage.group.${level}_hint`)}</p>
    <div class="checks">
      ${codes.map(
        (code) => html`<label class="check">
          <input type="checkbox" name="symptoms" value=${code} data-testid=${`${testid}-${code}`} />
          <span>${codeName('triage.symptom', code)}</span>
        </label>`,
      )}
    </div>
  </fieldset>`;
}

/** The emergency advice that replaces the form after a red-flag answer. */
function emergencyAdvice(problem: ApiError, flags: string[], back: () => void): TemplateResult {
  return html`<section class="emergency" role="alert" aria-labelledby="emergency-heading" data-testid="emergency-advice">
    <h2 id="emergency-heading" tabindex="-1">${t('triage.emergency.title')}</h2>
    <p class="emergency-lead">${problem.detail}</p>
    <ul class="emergency-steps">
      <li>${t('triage.emergency.call')}</li>
      <li>${t('triage.emergency.ae')}</li>
      <li>${t('triage.emergency.not_queued')}</li>
    </ul>
    ${flags.length
      ? html`<p>${t('triage.emergency.because')}</p>
          <ul class="chips" data-testid="emergency-flags">
            ${flags.map((f) => html`<li class="chip chip-danger" data-code=${f}>${codeName('triage.symptom', f)}</li>`)}
          </ul>`
      : nothing}
    <div class="actions">
      <a class="btn btn-emergency" href="tel:999" data-external data-testid="emergency-call">${t('triage.emergency.call_button')}</a>
      <button type="button" class="btn btn-quiet" data-testid="emergency-back" @click=${back}>${t('triage.emergency.back')}</button>
    </div>
  </section>`;
}

export const queueNowPage: PageFactory = (ctx) => {
  const queues = new Loaded(() => queueApi.queues(), ctx.update);
  const mine = new Loaded(() => queueApi.myEntries(), ctx.update);
  const dependants = new Loaded(
    () => queueApi.dependants().then((all) => all.filter((d) => d.status === 'active')),
    ctx.update,
  );
  void queues.load();
  void mine.load();
  void dependants.load();

  const form = new FormState('triage');
  let chosen: string | null = null;
  let emergency: { problem: ApiError; flags: string[] } | null = null;

  function focus(selector: string): void {
    requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
  }

  function choose(q: QueueInfo): void {
    chosen = q.id;
    emergency = null;
    form.reset();
    ctx.update();
    focus('#triage-heading');
  }

  async function onJoin(event: SubmitEvent, q: QueueInfo): Promise<void> {
    const data = formValues(event);
    const symptoms = data.getAll('symptoms').map(String);
    const details = str(data, 'details').trim();
    const patient = str(data, 'patient_id');
    if (symptoms.length === 0 && !details) {
      form.reset();
      form.failField('details', t('triage.need_answer'));
      ctx.update();
      focus('#triage-details');
      return;
    }
    await submitting(form, ctx.update, async () => {
      try {
        const entry = await queueApi.join(q.id, {
          symptoms,
          ...(details ? { details } : {}),
          ...(patient && patient !== currentAccount()?.id ? { patient_id: patient } : {}),
        });
        ctx.navigate(`/queue/${encodeURIComponent(entry.id)}`);
      } catch (e) {
        if (isApiError(e, 'emergency_advice')) {
          const flags = e.errors.map((x) => x.field.replace(/^symptoms\./, ''));
          emergency = { problem: e, flags };
          focus('#emergency-heading');
          return;
        }
        if (isApiError(e, 'already_queued')) void mine.load();
        throw e;
      }
    });
  }

  const queueItem = (q: QueueInfo): TemplateResult => html`<li
    class="queue-item ${chosen === q.id ? 'is-chosen' : ''}"
    data-testid="queue-item"
    data-service-id=${q.id}
  >
    <div class="queue-main">
      <h3 class="queue-name" data-testid="queue-name">${localText(q.name)}</h3>
      <p class="muted">${localText(q.organisation.name)} · ${codeName('queue.ctype', q.consultation_type)}</p>
      <p class="chips">
        <span class="badge ${q.open ? 'badge-ok' : 'badge-off'}" data-testid="queue-open" data-open=${String(q.open)}>
          ${q.open ? t('queue.open_now') : t('queue.closed_now')}
        </span>
        <span class="chip" data-testid="queue-waiting">${t('queue.waiting_count', { count: q.waiting })}</span>
      </p>
      <p class="queue-wait" data-testid="queue-wait">${q.open ? waitText(q.estimated_wait_minutes) : hoursText(q.hours)}</p>
    </div>
    <div class="queue-actions">
      <button
        type="button"
        class="btn ${chosen === q.id ? 'btn-secondary' : 'btn-primary'}"
        ?disabled=${!q.open}
        aria-pressed=${chosen === q.id ? 'true' : 'false'}
        data-testid="queue-choose"
        @click=${() => choose(q)}
      >
        ${q.open ? t('queue.choose') : t('queue.closed_button')}<span class="visually-hidden"> ${localText(q.name)}</span>
      </button>
    </div>
  </li>`;

  const triageForm = (q: QueueInfo, checklist: TriageChecklist): TemplateResult => {
    const me = currentAccount()!;
    const people = [
      { value: me.id, label: t('triage.for_me', { name: me.display_name }) },
      ...(dependants.value ?? []).map((d) => ({ value: d.patient_id, label: d.display_name })),
    ];
    return html`<section class="panel triage" aria-labelledby="triage-heading" data-testid="triage">
      <h2 id="triage-heading" tabindex="-1">${t('triage.title', { queue: localText(q.name) })}</h2>
      <p class="hint">${t('triage.lead')}</p>
      ${emergency
        ? emergencyAdvice(emergency.problem, emergency.flags, () => {
            emergency = null;
            ctx.update();
            focus('#triage-heading');
          })
        : html`${formStatus(form)}
            <form class="form" novalidate data-testid="triage-form" @submit=${(e: SubmitEvent) => onJoin(e, q)}>
              ${people.length > 1
                ? selectField(form, { name: 'patient_id', label: t('triage.who'), options: people, value: me.id, testid: 'triage-patient' })
                : html`<input type="hidden" name="patient_id" value=${me.id} />`}
              ${symptomGroup(form, 'emergency', checklist.emergency, 'triage-red')}
              ${symptomGroup(form, 'urgent', checklist.urgent, 'triage-urgent')}
              ${symptomGroup(form, 'routine', checklist.routine, 'triage-routine')}
              ${field(form, {
                name: 'details',
                label: t('triage.details'),
                hint: t('triage.details_hint'),
                multiline: true,
                rows: 3,
                maxlength: 1000,
                testid: 'triage-details',
              })}
              <div class="actions">
                ${submitButton(form, t('triage.submit'), 'triage-submit', t('triage.submitting'))}
                <button type="button" class="btn btn-quiet" @click=${() => { chosen = null; ctx.update(); }}>${t('common.cancel')}</button>
              </div>
            </form>`}
    </section>`;
  };

  const mineView = (): TemplateResult => {
    const items = mine.value ?? [];
    if (!items.length) return html``;
    return html`<section class="panel current-places" aria-labelledby="mine-heading" data-testid="queue-mine">
      <h2 id="mine-heading">${t('queue.mine_title')}</h2>
      <ul class="plain-list">
        ${items.map(
          (e) => html`<li>
            <a href=${`/queue/${encodeURIComponent(e.id)}`} data-testid="queue-mine-link" data-entry-id=${e.id}>
              ${localText(e.service.name)} · ${e.patient.display_name} ·
              ${e.status === 'taken' ? t('queue.mine_taken') : t('queue.mine_place', { position: e.position ?? '—' })}
            </a>
          </li>`,
        )}
      </ul>
    </section>`;
  };

  return {
    title: () => t('queue.title'),
    view: () =>
      html`${heading(t('queue.title'), t('queue.lead'))}
        <p class="alert alert-info emergency-note">${t('queue.emergency_note')}</p>
        ${mineView()}
        ${queues.view(({ items, triage }) => {
          const q = items.find((x) => x.id === chosen);
          return html`<div class="grid-2">
            <section class="panel" aria-labelledby="queues-heading">
              <h2 id="queues-heading">${t('queue.list_title')}</h2>
              ${items.length
                ? html`<ul class="queue-list" data-testid="queue-list">${items.map(queueItem)}</ul>`
                : html`<p class="empty" data-testid="queue-none">${t('queue.none')}</p>`}
              <p><button type="button" class="btn btn-quiet btn-small" data-testid="queue-refresh" @click=${() => void queues.load()}>${t('common.refresh')}</button></p>
            </section>
            ${q ? triageForm(q, triage) : nothing}
          </div>`;
        })}`,
  };
};
