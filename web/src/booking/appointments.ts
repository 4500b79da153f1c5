// My appointments (/appointments): mine and those of the people I manage. Appointments whose time the
// clinic withdrew come first, marked to choose a new time; then upcoming, then past and cancelled.
// Below: the secret calendar feed address (create, reset, remove).
import { html, nothing } from 'lit-html';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { bookingApi, type Appointment } from './api';
import { AppointmentActions, appointmentCard, needsRebooking } from './appointment_card';

interface Lists {
  upcoming: Appointment[];
  past: Appointment[];
}

export const appointmentsPage: PageFactory = (ctx) => {
  let announcement = '';
  const lists = new Loaded<Lists>(async () => {
    const [upcoming, past] = await Promise.all([bookingApi.appointments('upcoming'), bookingApi.appointments('past')]);
    return { upcoming, past };
  }, ctx.update);
  const actions = new AppointmentActions(ctx.update, () => {
    announcement = t('appt.cancelled_done');
    void lists.load();
  }, ctx.navigate);
  void lists.load();

  const feed = new FormState('feed');
  let feedUrl: string | null = null;
  let confirmRemove = false;

  const createFeed = () =>
    submitting(feed, ctx.update, async () => {
      feedUrl = await bookingApi.createCalendarFeed();
      confirmRemove = false;
      feed.success = t('appt.feed.created');
    });
  const removeFeed = () =>
    submitting(feed, ctx.update, async () => {
      await bookingApi.removeCalendarFeed();
      feedUrl = null;
      confirmRemove = false;
      feed.success = t('appt.feed.removed');
    });
  const copyFeed = async () => {
    if (!feedUrl) return;
    try {
      await navigator.clipboard.writeText(feedUrl);
      feed.success = t('appt.feed.copied');
    } catch {
      feed.success = t('appt.feed.copy_by_hand');
    }
    ctx.update();
  };

  const list = (items: Appointment[], testid: string, empty: string) =>
    items.length
      ? html`<ul class="bk-appt-list" data-testid=${testid}>${items.map((a) => html`<li>${appointmentCard(a, actions, { link: true })}</li>`)}</ul>`
      : html`<p class="empty" data-testid=${`${testid}-empty`}>${empty}</p>`;

  const feedPanel = () => html`<section class="panel" aria-labelledby="feed-heading" data-testid="feed">
    <h2 id="feed-heading">${t('appt.feed.title')}</h2>
    <p class="hint">${t('appt.feed.text')}</p>
    ${formStatus(feed)}
    ${feedUrl
      ? html`<div class="field">
          <label for="feed-url">${t('appt.feed.url_label')}</label>
          <input id="feed-url" type="text" readonly .value=${feedUrl} data-testid="feed-url" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
          <p class="hint">${t('appt.feed.url_once')}</p>
        </div>
        <div class="actions">
          <button type="button" class="btn btn-secondary btn-small" data-testid="feed-copy" @click=${() => void copyFeed()}>${t('common.copy')}</button>
          <a class="btn btn-secondary btn-small" data-external href=${feedUrl.replace(/^https?:/, 'webcal:')} data-testid="feed-subscribe">${t('appt.feed.open_in_calendar')}</a>
        </div>`
      : nothing}
    <div class="actions">
      <button type="button" class="btn btn-primary btn-small" ?disabled=${feed.busy} data-testid="feed-create" @click=${() => void createFeed()}>
        ${t('appt.feed.create')}
      </button>
      ${confirmRemove
        ? html`<span class="confirm">
            ${t('appt.feed.remove_question')}
            <button type="button" class="btn btn-danger btn-small" ?disabled=${feed.busy} data-testid="feed-remove-confirm" @click=${() => void removeFeed()}>${t('appt.feed.remove')}</button>
            <button type="button" class="btn btn-quiet btn-small" data-testid="feed-remove-keep" @click=${() => {
              confirmRemove = false;
              ctx.update();
            }}>${t('common.cancel')}</button>
          </span>`
        : html`<button type="button" class="btn btn-danger btn-small" ?disabled=${feed.busy} data-testid="feed-remove" @click=${() => {
            confirmRemove = true;
            ctx.update();
          }}>${t('appt.feed.remove')}</button>`}
    </div>
    <p class="hint">${t('appt.feed.reset_hint')}</p>
  </section>`;

  return {
    title: () => t('appt.title'),
    view: () => html`${heading(t('appt.title'), t('appt.lead'))}
      <p class="actions"><a class="btn btn-primary" href="/doctors" data-testid="appt-find">${t('appt.book_new')}</a></p>
      <div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
      ${lists.view(({ upcoming, past }) => {
        const rebook = upcoming.filter(needsRebooking);
        const rest = upcoming.filter((a) => !needsRebooking(a));
        return html`${rebook.length
            ? html`<section class="panel bk-rebook-panel" aria-labelledby="rebook-heading" data-testid="appt-rebook">
                <h2 id="rebook-heading">${t('appt.rebook_title', { count: rebook.length })}</h2>
                <p>${t('appt.rebook_text')}</p>
                ${list(rebook, 'appt-rebook-list', '')}
              </section>`
            : nothing}
          <section class="bk-appt-section" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">${t('appt.upcoming')}</h2>
            ${list(rest, 'appt-upcoming', t('appt.none_upcoming'))}
          </section>
          <section class="bk-appt-section" aria-labelledby="past-heading">
            <h2 id="past-heading">${t('appt.past')}</h2>
            ${list(past, 'appt-past', t('appt.none_past'))}
          </section>`;
      })}
      ${feedPanel()}`,
  };
};
