// Organisation admin: when each doctor works. Weekly templates per doctor and service, leave and
// one-off sessions (Hong Kong time). Every change re-makes the doctor's slots on the server; the page
// says how many times were added and withdrawn, and loudly when booked appointments now need rebooking.
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { clock, hkDateTime, hkLocalToUtc, hkToday, isDay, parseClock, weekdayName } from '../base/time';
import { Loaded, heading } from '../base/ui/common';
import { FormState, field, focusProblem, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { organisationApi, type Availability, type Service, type SlotChange, type Staff } from './api';
import { orgNames } from './org_info';
import { slotChangeView } from './slot_change';
import { orgTabs } from './tabs';

type Changed = Availability & { slots: SlotChange };

export const orgAvailabilityPage: PageFactory = (ctx) => {
  const org = ctx.params.org ?? '';
  const names = new Loaded(() => orgNames(org), ctx.update);
  const doctors = new Loaded(
    async () => (await organisationApi.staff(org)).filter((s) => s.roles.includes('doctor') && s.status === 'active'),
    ctx.update,
  );
  const services = new Loaded(() => organisationApi.services(org), ctx.update);
  let doctorId = ctx.query.get('doctor') ?? '';
  const availability = new Loaded(() => organisationApi.availability(doctorId), ctx.update);
  let lastChange: { what: string; slots: SlotChange } | null = null;

  void names.load();
  void services.load();
  void doctors.load().then(() => {
    const list = doctors.value ?? [];
    if (!list.some((d) => d.account_id === doctorId)) doctorId = list[0]?.account_id ?? '';
    if (doctorId) void availability.load();
    else ctx.update();
  });

  const tpl = new FormState('tpl');
  const leave = new FormState('leave');
  const session = new FormState('session');
  const list = new FormState('avail-list');
  const keys = { tpl: 0, leave: 0, session: 0 };

  function pickDoctor(id: string): void {
    doctorId = id;
    lastChange = null;
    availability.value = null;
    history.replaceState(null, '', `/org/${encodeURIComponent(org)}/availability?doctor=${encodeURIComponent(id)}`);
    void availability.load();
  }

  function applied(r: Changed, what: string): void {
    const { slots, ...rest } = r;
    availability.value = rest;
    lastChange = { what, slots };
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="avail-result"]')?.focus());
  }

  /** Client-side checks; true when the form may go to the server. */
  function check(form: FormState, problems: [string, string][]): boolean {
    form.reset();
    for (const [f, m] of problems) form.failField(f, m);
    if (form.problem) {
      ctx.update();
      focusProblem(form);
      return false;
    }
    return true;
  }

  async function onTemplate(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const start = parseClock(str(d, 'start'));
    const end = parseClock(str(d, 'end'));
    const from = str(d, 'valid_from');
    const until = str(d, 'valid_until');
    const problems: [string, string][] = [];
    if (start === null) problems.push(['start_minute', t('avail.time_invalid')]);
    if (end === null) problems.push(['end_minute', t('avail.time_invalid')]);
    else if (start !== null && end <= start) problems.push(['end_minute', t('avail.end_after_start')]);
    if (from && !isDay(from)) problems.push(['valid_from', t('avail.day_invalid')]);
    if (until && !isDay(until)) problems.push(['valid_until', t('avail.day_invalid')]);
    if (from && until && isDay(from) && isDay(until) && until < from) problems.push(['valid_until', t('avail.until_after_from')]);
    if (!check(tpl, problems)) return;
    await submitting(tpl, ctx.update, async () => {
      const r = await organisationApi.addTemplate(doctorId, {
        service_id: str(d, 'service_id'),
        weekday: Number(str(d, 'weekday')),
        start_minute: start!,
        end_minute: end!,
        ...(from ? { valid_from: from } : {}),
        ...(until ? { valid_until: until } : {}),
      });
      applied(r, t('avail.template_added'));
      keys.tpl++;
    });
  }

  /** A span entered as day + time twice, in Hong Kong time → UTC seconds. */
  function span(d: FormData, problems: [string, string][]): { starts_at: number; ends_at: number } | null {
    const starts = hkLocalToUtc(str(d, 'from_day'), str(d, 'from_time'));
    const ends = hkLocalToUtc(str(d, 'to_day'), str(d, 'to_time'));
    if (starts === null) problems.push(['starts_at', t('avail.when_invalid')]);
    if (ends === null) problems.push(['ends_at', t('avail.when_invalid')]);
    else if (starts !== null && ends <= starts) problems.push(['ends_at', t('avail.end_after_start')]);
    return starts !== null && ends !== null ? { starts_at: starts, ends_at: ends } : null;
  }

  async function onLeave(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const problems: [string, string][] = [];
    const s = span(d, problems);
    if (!check(leave, problems) || !s) return;
    const reason = str(d, 'reason').trim();
    await submitting(leave, ctx.update, async () => {
      applied(await organisationApi.addLeave(doctorId, { ...s, ...(reason ? { reason } : {}) }), t('avail.leave_added'));
      keys.leave++;
    });
  }

  async function onSession(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const problems: [string, string][] = [];
    const day = str(d, 'day');
    const starts = hkLocalToUtc(day, str(d, 'from_time'));
    const ends = hkLocalToUtc(day, str(d, 'to_time'));
    if (starts === null) problems.push(['starts_at', t('avail.when_invalid')]);
    if (ends === null) problems.push(['ends_at', t('avail.when_invalid')]);
    else if (starts !== null && ends <= starts) problems.push(['ends_at', t('avail.end_after_start')]);
    if (!check(session, problems)) return;
    await submitting(session, ctx.update, async () => {
      applied(await organisationApi.addSession(doctorId, { service_id: str(d, 'service_id'), starts_at: starts!, ends_at: ends! }), t('avail.session_added'));
      keys.session++;
    });
  }

  async function remove(what: string, call: () => Promise<Changed>): Promise<void> {
    await submitting(list, ctx.update, async () => applied(await call(), what));
  }

  const serviceOptions = (items: Service[]) => items.map((s) => ({ value: s.id, label: localText(s.name) }));
  const serviceName = (id: string) => {
    const s = services.value?.find((x) => x.id === id);
    return s ? localText(s.name) : t('avail.retired_service');
  };

  const templatesView = (a: Availability): TemplateResult =>
    a.templates.length
      ? html`<ul class="plain-list avail-list" data-testid="avail-templates">
          ${a.templates.map(
            (x) => html`<li data-testid="avail-template" data-template-id=${x.id} data-weekday=${String(x.weekday)}>
              <span><strong>${weekdayName(x.weekday)}</strong> ${clock(x.start_minute)}–${clock(x.end_minute)} · ${localText(x.service_name)}
                ${x.valid_from || x.valid_until ? html`<span class="muted"> · ${t('avail.valid', { from: x.valid_from || '…', until: x.valid_until || '…' })}</span>` : nothing}</span>
              <button type="button" class="btn btn-quiet btn-small" ?disabled=${list.busy} data-testid="avail-template-remove" @click=${() => remove(t('avail.template_removed'), () => organisationApi.removeTemplate(x.id))}>
                ${t('avail.remove')}<span class="visually-hidden"> ${weekdayName(x.weekday)} ${clock(x.start_minute)}</span>
              </button>
            </li>`,
          )}
        </ul>`
      : html`<p class="empty">${t('avail.no_templates')}</p>`;

  const spansView = (
    items: { id: string; starts_at: number; ends_at: number; label: string }[],
    testid: string,
    empty: string,
    onRemove: (id: string) => void,
  ): TemplateResult =>
    items.length
      ? html`<ul class="plain-list avail-list" data-testid=${`${testid}s`}>
          ${items.map(
            (x) => html`<li data-testid=${testid} data-id=${x.id}>
              <span>${hkDateTime(x.starts_at)} – ${hkDateTime(x.ends_at)}${x.label ? html` · ${x.label}` : nothing}</span>
              <button type="button" class="btn btn-quiet btn-small" ?disabled=${list.busy} data-testid=${`${testid}-remove`} @click=${() => onRemove(x.id)}>
                ${t('avail.remove')}<span class="visually-hidden"> ${hkDateTime(x.starts_at)}</span>
              </button>
            </li>`,
          )}
        </ul>`
      : html`<p class="empty">${empty}</p>`;

  const dayTimeFields = (form: FormState, prefix: string): TemplateResult => html`<div class="field-row">
      ${field(form, { name: 'from_day', label: t('avail.from_day'), type: 'date', required: true, value: hkToday(), errorField: 'starts_at', testid: `${prefix}-from-day` })}
      ${field(form, { name: 'from_time', label: t('avail.from_time'), type: 'time', required: true, value: '09:00', errorField: 'starts_at_time', testid: `${prefix}-from-time` })}
    </div>
    <div class="field-row">
      ${field(form, { name: 'to_day', label: t('avail.to_day'), type: 'date', required: true, value: hkToday(), errorField: 'ends_at', testid: `${prefix}-to-day` })}
      ${field(form, { name: 'to_time', label: t('avail.to_time'), type: 'time', required: true, value: '18:00', errorField: 'ends_at_time', testid: `${prefix}-to-time` })}
    </div>`;

  const forms = (svc: Service[]): TemplateResult => html`<section class="panel" aria-labelledby="tpl-heading">
      <h2 id="tpl-heading">${t('avail.template_title')}</h2>
      <p class="hint">${t('avail.template_hint')}</p>
      ${formStatus(tpl)}
      ${keyed(keys.tpl, html`<form class="form" novalidate data-testid="tpl-form" @submit=${onTemplate}>
        ${selectField(tpl, { name: 'service_id', label: t('avail.service'), options: serviceOptions(svc), testid: 'tpl-service' })}
        ${selectField(tpl, { name: 'weekday', label: t('avail.weekday'), options: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d) })), testid: 'tpl-weekday' })}
        <div class="field-row">
          ${field(tpl, { name: 'start', label: t('avail.start'), type: 'time', required: true, value: '09:00', errorField: 'start_minute', testid: 'tpl-start' })}
          ${field(tpl, { name: 'end', label: t('avail.end'), type: 'time', required: true, value: '12:00', errorField: 'end_minute', testid: 'tpl-end' })}
        </div>
        <div class="field-row">
          ${field(tpl, { name: 'valid_from', label: t('avail.valid_from'), type: 'date', hint: t('avail.optional'), testid: 'tpl-from' })}
          ${field(tpl, { name: 'valid_until', label: t('avail.valid_until'), type: 'date', hint: t('avail.optional'), testid: 'tpl-until' })}
        </div>
        <div class="actions">${submitButton(tpl, t('avail.template_submit'), 'tpl-submit')}</div>
      </form>`)}
    </section>
    <section class="panel" aria-labelledby="leave-heading">
      <h2 id="leave-heading">${t('avail.leave_title')}</h2>
      <p class="hint">${t('avail.leave_hint')}</p>
      ${formStatus(leave)}
      ${keyed(keys.leave, html`<form class="form" novalidate data-testid="leave-form" @submit=${onLeave}>
        ${dayTimeFields(leave, 'leave')}
        ${field(leave, { name: 'reason', label: t('avail.reason'), maxlength: 200, hint: t('avail.optional'), testid: 'leave-reason' })}
        <div class="actions">${submitButton(leave, t('avail.leave_submit'), 'leave-submit')}</div>
      </form>`)}
    </section>
    <section class="panel" aria-labelledby="session-heading">
      <h2 id="session-heading">${t('avail.session_title')}</h2>
      <p class="hint">${t('avail.session_hint')}</p>
      ${formStatus(session)}
      ${keyed(keys.session, html`<form class="form" novalidate data-testid="session-form" @submit=${onSession}>
        ${selectField(session, { name: 'service_id', label: t('avail.service'), options: serviceOptions(svc), testid: 'session-service' })}
        ${field(session, { name: 'day', label: t('avail.day'), type: 'date', required: true, value: hkToday(), errorField: 'starts_at', testid: 'session-day' })}
        <div class="field-row">
          ${field(session, { name: 'from_time', label: t('avail.start'), type: 'time', required: true, value: '14:00', errorField: 'starts_at_time', testid: 'session-start' })}
          ${field(session, { name: 'to_time', label: t('avail.end'), type: 'time', required: true, value: '17:00', errorField: 'ends_at', testid: 'session-end' })}
        </div>
        <div class="actions">${submitButton(session, t('avail.session_submit'), 'session-submit')}</div>
      </form>`)}
    </section>`;

  const doctorPicker = (items: Staff[]): TemplateResult => html`<div class="field doctor-picker">
    <label for="avail-doctor">${t('avail.doctor')}</label>
    <select id="avail-doctor" data-testid="avail-doctor" @change=${(e: Event) => pickDoctor((e.target as HTMLSelectElement).value)}>
      ${items.map((d) => html`<option value=${d.account_id} ?selected=${d.account_id === doctorId}>${d.display_name}</option>`)}
    </select>
  </div>`;

  return {
    title: () => t('avail.title'),
    view: () => html`${heading(t('avail.title'), names.value ? localText(names.value) : undefined)}
      ${orgTabs(org, 'availability')}
      ${doctors.view((items) =>
        items.length === 0
          ? html`<p class="empty" data-testid="avail-no-doctors">${t('avail.no_doctors')}</p>`
          : html`${doctorPicker(items)}
              ${lastChange ? slotChangeView(lastChange.what, lastChange.slots, 'avail') : nothing}
              <div class="grid-2">
                <section class="panel" aria-labelledby="avail-now-heading" data-testid="avail-current">
                  <h2 id="avail-now-heading">${t('avail.current_title')}</h2>
                  ${formStatus(list)}
                  ${availability.view(
                    (a) => html`<h3>${t('avail.templates')}</h3>
                      ${templatesView(a)}
                      <h3>${t('avail.leave')}</h3>
                      ${spansView(a.exceptions.map((x) => ({ ...x, label: x.reason })), 'avail-leave', t('avail.no_leave'), (id) => void remove(t('avail.leave_removed'), () => organisationApi.removeLeave(id)))}
                      <h3>${t('avail.sessions')}</h3>
                      ${spansView(a.sessions.map((x) => ({ ...x, label: serviceName(x.service_id) })), 'avail-session', t('avail.no_sessions'), (id) => void remove(t('avail.session_removed'), () => organisationApi.removeSession(id)))}`,
                  )}
                </section>
                <div class="stack">
                  ${services.view((svc) => (svc.length ? forms(svc) : html`<p class="alert alert-info" data-testid="avail-no-services">${t('avail.no_services')}</p>`))}
                </div>
              </div>`,
      )}`,
  };
};
