// The doctor's end of a consultation: book the follow-up in one of their own free times, choose how
// many days the patient may send follow-up messages, and end the consultation for everyone.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, t } from '../base/i18n';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { consultApi, type FreeSlot, type Room } from './api';

export class WrapUp {
  private slots: FreeSlot[] | null = null;
  private chosen = '';
  private days = 7;
  private confirming = false;
  private readonly followForm = new FormState('follow-up');
  private readonly endForm = new FormState('end');

  constructor(
    private readonly room: () => Room,
    private readonly update: () => void,
    private readonly ended: (room: Room) => void,
  ) {}

  private async loadSlots(): Promise<void> {
    const slots = await consultApi.doctorFreeSlots(this.room().doctor.id, 42).catch(() => null);
    this.slots = slots ? slots.slice(0, 40) : [];
    this.update();
  }

  private async book(): Promise<void> {
    if (!this.chosen) return;
    await submitting(this.followForm, this.update, async () => {
      const r = await consultApi.bookFollowUp(this.room().id, this.chosen);
      this.followForm.success = t('consult.wrap.booked', { when: formatTime(r.appointment.starts_at) });
      this.slots = (this.slots ?? []).filter((s) => s.id !== this.chosen);
      this.chosen = '';
    });
  }

  private async end(): Promise<void> {
    await submitting(this.endForm, this.update, async () => {
      this.ended(await consultApi.end(this.room().id, this.days));
      this.confirming = false;
    });
  }

  view(): TemplateResult {
    const room = this.room();
    const over = room.status === 'ended';
    return html`<section class="panel wrap-up" aria-labelledby="wrap-heading" data-testid="wrap-up">
      <h2 id="wrap-heading">${t('consult.wrap.title')}</h2>
      <h3>${t('consult.wrap.follow_up')}</h3>
      ${this.slots === null
        ? html`<button type="button" class="btn btn-secondary btn-small" data-testid="follow-up-show" @click=${() => void this.loadSlots()}>${t('consult.wrap.show_times')}</button>`
        : this.slots.length === 0
          ? html`<p class="muted">${t('consult.wrap.no_times')}</p>`
          : html`<div class="field">
                <label for="follow-up-slot">${t('consult.wrap.time')}</label>
                <select id="follow-up-slot" data-testid="follow-up-slot" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                  <option value="">${t('consult.wrap.choose')}</option>
                  ${this.slots.map((s) => html`<option value=${s.id}>${formatTime(s.starts_at)}</option>`)}
                </select>
              </div>
              <button type="button" class="btn btn-secondary btn-small" data-testid="follow-up-book" ?disabled=${this.followForm.busy} @click=${() => void this.book()}>${t('consult.wrap.book')}</button>`}
      ${formStatus(this.followForm)}
      ${over
        ? html`<p class="alert alert-info" data-testid="consult-ended-note">${t('consult.ended.doctor')}</p>`
        : html`<h3>${t('consult.wrap.end_title')}</h3>
            <div class="field">
              <label for="follow-up-days">${t('consult.wrap.days')}</label>
              <input id="follow-up-days" type="number" min="0" max="30" .value=${String(this.days)} data-testid="follow-up-days"
                @input=${(e: Event) => (this.days = Math.max(0, Math.min(30, Number((e.target as HTMLInputElement).value) || 0)))} />
            </div>
            ${formStatus(this.endForm)}
            ${this.confirming
              ? html`<span class="confirm" role="group" aria-label=${t('consult.wrap.end')}>
                  <span>${t('consult.wrap.end_confirm')}</span>
                  <button type="button" class="btn btn-danger" data-testid="consult-end-confirm" ?disabled=${this.endForm.busy} @click=${() => void this.end()}>${t('consult.wrap.end')}</button>
                  <button type="button" class="btn btn-quiet" @click=${() => { this.confirming = false; this.update(); }}>${t('common.cancel')}</button>
                </span>`
              : html`<button type="button" class="btn btn-danger" data-testid="consult-end" @click=${() => { this.confirming = true; this.update(); }}>${t('consult.wrap.end')}</button>`}`}
      ${nothing}
    </section>`;
  }
}
