// Booking one free time (/doctors/:id/book/:slot?day=): for whom (myself or someone I manage), the
// pre-consultation questionnaire, then a review to confirm. The booking carries an Idempotency-Key
// made once per attempt and kept when the same details are sent again (a retry after a lost answer,
// a double tap), so one attempt books at most once. "That time was just taken" offers other times.
import { html, nothing } from 'lit-html';
import { isApiError } from '../base/api';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { backLink, heading, Loaded } from '../base/ui/common';
import { field, focusProblem, FormState, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { familyApi, type ManagedPerson } from '../family';
import { bookingApi, type BookingInput, type Slot } from './api';
import { consultationType, doctorName, formatFee, formatSpan, dayParam, hkToday } from './format';

interface Answers {
  patient: string; // 'self' or a dependant's id
  reason: string;
  symptoms: string;
  known_allergies: string;
}

interface Context {
  doctor: Awaited<ReturnType<typeof bookingApi.doctor>>;
  slot: Slot | null;
  people: ManagedPerson[];
}

/** Errors that mean this time cannot be had: the page offers other times instead of a retry. */
const GONE = new Set(['slot_taken', 'slot_unavailable']);

export const bookPage: PageFactory = (ctx) => {
  const doctorId = ctx.params.id!;
  const slotId = ctx.params.slot!;
  const day = dayParam(ctx.query, 'day') ?? hkToday();
  const form = new FormState('book');
  let step: 'details' | 'review' = 'details';
  const answers: Answers = { patient: 'self', reason: '', symptoms: '', known_allergies: '' };
  // The attempt: the exact body sent and its key, reused while the body stays the same.
  let attempt: { body: string; key: string } | null = null;
  let gone: string | null = null;

  const data = new Loaded<Context>(async () => {
    const [doctor, slots, family] = await Promise.all([
      bookingApi.doctor(doctorId),
      bookingApi.slots(doctorId, { from: day, days: 1 }),
      familyApi.family(),
    ]);
    return {
      doctor,
      slot: slots.items.find((s) => s.id === slotId) ?? null,
      people: family.dependants.filter((p) => p.status === 'active'),
    };
  }, ctx.update);
  void data.load();

  const otherTimes = () => `/doctors/${encodeURIComponent(doctorId)}?from=${day}&day=${day}`;

  function review(event: SubmitEvent): void {
    const d = formValues(event);
    answers.patient = str(d, 'patient') || 'self';
    answers.reason = str(d, 'reason').trim();
    answers.symptoms = str(d, 'symptoms').trim();
    answers.known_allergies = str(d, 'known_allergies').trim();
    form.reset();
    if (!answers.reason) {
      form.failField('reason', t('booking.reason_required'));
      ctx.update();
      focusProblem(form);
      return;
    }
    step = 'review';
    ctx.update();
    requestAnimationFrame(() => document.getElementById('book-review-heading')?.focus());
  }

  async function confirm(): Promise<void> {
    const body: BookingInput = {
      slot_id: slotId,
      ...(answers.patient !== 'self' ? { patient_id: answers.patient } : {}),
      reason: answers.reason,
      symptoms: answers.symptoms,
      known_allergies: answers.known_allergies,
    };
    const json = JSON.stringify(body);
    if (attempt?.body !== json) attempt = { body: json, key: crypto.randomUUID() };
    const key = attempt.key;
    await submitting(form, ctx.update, async () => {
      try {
        const appointment = await bookingApi.book(body, key);
        ctx.flash(t('booking.done', { when: formatSpan(appointment.starts_at, appointment.ends_at) }));
        ctx.navigate(`/appointments/${encodeURIComponent(appointment.id)}`);
      } catch (e) {
        if (isApiError(e) && GONE.has(e.code)) gone = e.code;
        throw e;
      }
    });
    // The time went: move to the message that says so and offers other times.
    if (gone) requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="book-taken"]')?.focus());
  }

  const who = (c: Context) =>
    answers.patient === 'self'
      ? t('booking.for_self', { name: currentAccount()?.display_name ?? '' })
      : (c.people.find((p) => p.patient_id === answers.patient)?.display_name ?? '');

  const summary = (c: Context, slot: Slot) => html`<dl class="bk-facts bk-summary" data-testid="book-summary">
    <div><dt>${t('booking.doctor')}</dt><dd data-testid="book-doctor">${doctorName(c.doctor)}</dd></div>
    <div><dt>${t('booking.when')}</dt><dd data-testid="book-when">${formatSpan(slot.starts_at, slot.ends_at)}</dd></div>
    <div><dt>${t('booking.service')}</dt><dd>${localText(slot.service_name)} · ${consultationType(slot.consultation_type)}</dd></div>
    <div><dt>${t('doctors.organisation')}</dt><dd>${localText(c.doctor.organisation.name)}</dd></div>
    <div><dt>${t('doctors.fee')}</dt><dd>${formatFee(slot.fee_cents, slot.currency)}</dd></div>
  </dl>`;

  const goneView = (code: string) => html`<div class="alert alert-error bk-taken" role="alert" tabindex="-1" data-testid="book-taken" data-code=${code}>
    <p><strong>${code === 'slot_taken' ? t('booking.taken_title') : t('booking.unavailable_title')}</strong></p>
    <p>${t('booking.taken_text')}</p>
    <p><a class="btn btn-primary" href=${otherTimes()} data-testid="book-pick-another">${t('booking.pick_another')}</a></p>
  </div>`;

  const detailsStep = (c: Context) => html`<form class="form" novalidate @submit=${review} data-testid="book-form">
    ${formStatus(form)}
    <fieldset class="field field-group" data-testid="book-for">
      <legend>${t('booking.for_whom')}</legend>
      ${[{ id: 'self', name: t('booking.for_self', { name: currentAccount()?.display_name ?? '' }) }, ...c.people.map((p) => ({ id: p.patient_id, name: p.display_name }))].map(
        (p) => html`<label class="check">
          <input type="radio" name="patient" value=${p.id} ?checked=${answers.patient === p.id} data-testid=${`book-for-${p.id}`} />
          <span>${p.name}</span>
        </label>`,
      )}
      ${c.people.length === 0 ? html`<p class="hint">${t('booking.for_family_hint')} <a href="/family">${t('booking.family_link')}</a></p>` : nothing}
    </fieldset>
    ${field(form, { name: 'reason', label: t('booking.reason'), hint: t('booking.reason_hint'), value: answers.reason, required: true, maxlength: 500, testid: 'book-reason' })}
    ${field(form, { name: 'symptoms', label: t('booking.symptoms'), hint: t('booking.symptoms_hint'), value: answers.symptoms, multiline: true, rows: 4, maxlength: 2000, testid: 'book-symptoms' })}
    ${field(form, { name: 'known_allergies', label: t('booking.allergies'), hint: t('booking.allergies_hint'), value: answers.known_allergies, multiline: true, rows: 2, maxlength: 1000, testid: 'book-allergies' })}
    <div class="actions">${submitButton(form, t('booking.continue'), 'book-continue')}</div>
  </form>`;

  const reviewStep = (c: Context) => html`<section data-testid="book-review">
    <h2 id="book-review-heading" tabindex="-1">${t('booking.review_title')}</h2>
    <dl class="bk-facts bk-summary">
      <div><dt>${t('booking.patient')}</dt><dd data-testid="book-review-patient">${who(c)}</dd></div>
      <div><dt>${t('booking.reason')}</dt><dd data-testid="book-review-reason">${answers.reason}</dd></div>
      <div><dt>${t('booking.symptoms')}</dt><dd class="bk-pre">${answers.symptoms || t('booking.none_given')}</dd></div>
      <div><dt>${t('booking.allergies')}</dt><dd class="bk-pre">${answers.known_allergies || t('booking.none_given')}</dd></div>
    </dl>
    ${formStatus(form)}
    <div class="actions">
      <button type="button" class="btn btn-primary" ?disabled=${form.busy} aria-busy=${form.busy ? 'true' : 'false'}
        data-testid="book-confirm" @click=${() => void confirm()}>
        ${form.busy ? t('booking.booking') : form.problem ? t('booking.confirm_again') : t('booking.confirm')}
      </button>
      <button type="button" class="btn btn-secondary" ?disabled=${form.busy} data-testid="book-change"
        @click=${() => {
          step = 'details';
          form.reset();
          ctx.update();
        }}>${t('booking.change')}</button>
    </div>
  </section>`;

  return {
    title: () => t('booking.title'),
    view: () => html`${backLink(otherTimes(), t('booking.back'))}${heading(t('booking.title'))}
      ${data.view((c) => {
        if (!c.slot) return goneView('slot_unavailable');
        return html`<div class="grid-2 grid-wide-first">
          <section class="panel" aria-labelledby="book-form-heading">
            <h2 id="book-form-heading" class="visually-hidden">${t('booking.title')}</h2>
            ${gone ? goneView(gone) : step === 'details' ? detailsStep(c) : reviewStep(c)}
          </section>
          <aside class="panel" aria-label=${t('booking.summary')}>${summary(c, c.slot)}</aside>
        </div>`;
      })}`,
  };
};
