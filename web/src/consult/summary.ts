// The visit summary (/consult/:id/summary), where the "summary ready" notice links: who and when,
// the doctor's signed assessment and plan with the diagnoses in the reader's language, the
// follow-up appointment, the rating, and follow-up messages to the doctor while the period the
// doctor set lasts.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { backLink, heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { consultApi, type Summary } from './api';
import { ChatPanel } from './chat';

export const consultSummaryPage: PageFactory = (ctx) => {
  const id = ctx.params.id ?? '';
  let chat: ChatPanel | null = null;
  let stars = 0;
  let comment = '';
  const rateForm = new FormState('rating');
  const summary = new Loaded<Summary>(async () => {
    const s = await consultApi.summary(id);
    chat ??= new ChatPanel(id, s.room.me.account_id, ctx.update);
    if (s.rating) {
      stars = s.rating.stars;
      comment = s.rating.comment;
    }
    return s;
  }, ctx.update);
  void summary.load();

  async function rate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    await submitting(rateForm, ctx.update, async () => {
      await consultApi.rate(id, stars, comment);
      rateForm.success = t('consult.summary.thanks');
    });
  }

  const noteView = (s: Summary): TemplateResult => {
    if (!s.note) return html`<p class="muted" data-testid="summary-no-note">${t('consult.summary.no_note')}</p>`;
    const n = s.note.text;
    return html`<dl class="facts" data-testid="summary-note" data-version=${s.note.version}>
      <div><dt>${t('consult.note.assessment')}</dt><dd class="pre" data-testid="summary-assessment">${n.assessment || '—'}</dd></div>
      <div><dt>${t('consult.note.plan')}</dt><dd class="pre" data-testid="summary-plan">${n.plan || '—'}</dd></div>
      <div><dt>${t('consult.note.diagnoses')}</dt><dd><ul class="plain" data-testid="summary-diagnoses">
        ${n.diagnoses.map((d) => html`<li data-code=${d.code}>${d.name ? localText(d.name) : d.code} <span class="muted">(${d.system} ${d.code})</span></li>`)}
      </ul></dd></div>
      ${s.note.version > 1 ? html`<div><dt>${t('consult.summary.updated')}</dt><dd>${formatTime(s.note.signed_at)}</dd></div>` : nothing}
    </dl>`;
  };

  const ratingView = (s: Summary): TemplateResult => {
    if (s.room.status !== 'ended' || (s.room.me.seat !== 'patient' && s.room.me.seat !== 'proxy')) return html``;
    return html`<section class="panel" aria-labelledby="rate-heading" data-testid="rating">
      <h2 id="rate-heading">${t('consult.summary.rate')}</h2>
      <form @submit=${(e: SubmitEvent) => void rate(e)}>
        <fieldset class="stars">
          <legend>${t('consult.summary.stars')}</legend>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label><input type="radio" name="stars" value=${n} .checked=${stars === n} data-testid=${`rating-${n}`}
              @change=${() => { stars = n; ctx.update(); }} /> ${n}</label>`,
          )}
        </fieldset>
        <label for="rating-comment">${t('consult.summary.comment')}</label>
        <textarea id="rating-comment" maxlength="2000" data-testid="rating-comment" .value=${comment} @input=${(e: Event) => (comment = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${formStatus(rateForm)}
        <button type="submit" class="btn btn-primary" data-testid="rating-send" ?disabled=${rateForm.busy || stars === 0}>${t('consult.summary.send_rating')}</button>
      </form>
    </section>`;
  };

  return {
    title: () => t('consult.summary.title'),
    leave: () => chat?.stop(),
    view: () => html`${backLink('/consultations', t('consult.list.title'))} ${heading(t('consult.summary.title'))}
      ${summary.view(
        (s) => html`<div class="grid-2">
          <div>
            <section class="panel" aria-labelledby="visit-heading" data-testid="summary">
              <h2 id="visit-heading">${localText(s.room.service)}</h2>
              <dl class="facts">
                <div><dt>${t('consult.summary.doctor')}</dt><dd data-testid="summary-doctor">${localText(s.room.doctor.name)}</dd></div>
                <div><dt>${t('consult.summary.patient')}</dt><dd>${localText(s.room.patient.name)}</dd></div>
                <div><dt>${t('consult.summary.when')}</dt><dd>${s.room.started_at ? formatTime(s.room.started_at) : '—'}</dd></div>
                <div><dt>${t('consult.summary.status')}</dt><dd data-testid="summary-status">${t(`consult.status.${s.room.status}`)}</dd></div>
              </dl>
              ${noteView(s)}
              ${s.follow_up_appointment
                ? html`<p data-testid="summary-follow-up">${t('consult.summary.follow_up', { when: formatTime(s.follow_up_appointment.starts_at) })}
                    <a href=${`/appointments/${encodeURIComponent(s.follow_up_appointment.id)}`}>${t('consult.summary.open')}</a></p>`
                : nothing}
              ${s.room.follow_up_until && s.can_message
                ? html`<p class="hint" data-testid="summary-message-until">${t('consult.summary.message_until', { when: formatTime(s.room.follow_up_until) })}</p>`
                : nothing}
            </section>
            ${ratingView(s)}
          </div>
          <div>${chat ? chat.view() : nothing}</div>
        </div>`,
      )}`,
  };
};
