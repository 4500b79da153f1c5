// Sharing of my record (/record/sharing, /patients/:id/record/sharing for a dependant): joining or
// withdrawing from the sharing between organisations, consent per organisation (give, revoke,
// suggestions: where I have been seen), what is kept back (a category, mental health, or one entry),
// clinicians' requests to approve or decline, and the emergency accesses made to the record.
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, formatTime, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { backLink, heading, Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { CATEGORIES, recordsApi, type OrgRef, type Sharing } from './api';
import { entryTitle, nameText } from './format';

export const RESTRICTABLE = [...CATEGORIES, 'mental_health'] as const;

export const sharingPage: PageFactory = (ctx) => {
  const own = ctx.params.id === undefined;
  const patient = ctx.params.id ?? currentAccount()?.id ?? '';
  const recordPath = own ? '/record' : `/patients/${encodeURIComponent(patient)}/record`;
  const sharing = new Loaded<Sharing>(() => recordsApi.sharing(patient), ctx.update);
  void sharing.load();
  const allOrgs = new Loaded<OrgRef[]>(() => recordsApi.organisations(), ctx.update);
  void allOrgs.load();
  const actions = new FormState('sharing');
  let confirming: string | null = null;
  let category: string = RESTRICTABLE[0];
  let otherOrg = '';

  const act = (work: () => Promise<unknown>, done: string) =>
    submitting(actions, ctx.update, async () => {
      await work();
      confirming = null;
      actions.success = done;
      await sharing.load();
    });

  const confirmButton = (key: string, label: string, question: string, testid: string, work: () => Promise<unknown>, done: string) =>
    confirming === key
      ? html`<span class="confirm">${question}
          <button type="button" class="btn btn-danger btn-small" ?disabled=${actions.busy} data-testid="sharing-confirm" @click=${() => void act(work, done)}>${label}</button>
          <button type="button" class="btn btn-quiet btn-small" @click=${() => { confirming = null; ctx.update(); }}>${t('common.cancel')}</button></span>`
      : html`<button type="button" class="btn btn-danger btn-small" data-testid=${testid} @click=${() => { confirming = key; ctx.update(); }}>${label}</button>`;

  const joinSection = (s: Sharing): TemplateResult => html`<section class="panel" aria-labelledby="sharing-join-heading" data-testid="sharing-join" data-joined=${String(s.joined)}>
    <h2 id="sharing-join-heading">${t('sharing.join.title')}</h2>
    ${s.joined
      ? html`<p><span class="badge badge-ok" data-testid="sharing-joined">${t('sharing.join.joined')}</span>
            ${s.joined_at ? html` <span class="muted">${t('sharing.join.since', { when: formatTime(s.joined_at) })}</span>` : nothing}</p>
          <p class="hint">${t('sharing.join.joined_text')}</p>
          <div class="actions">${confirmButton('withdraw', t('sharing.join.withdraw'), t('sharing.join.withdraw_question'), 'sharing-withdraw',
            () => recordsApi.withdraw(patient), t('sharing.join.withdrawn'))}</div>`
      : html`<p><span class="badge badge-off" data-testid="sharing-not-joined">${t('sharing.join.not_joined')}</span></p>
          <p class="hint">${t('sharing.join.text')}</p>
          <div class="actions"><button type="button" class="btn btn-primary" ?disabled=${actions.busy} data-testid="sharing-join-button"
            @click=${() => void act(() => recordsApi.join(patient), t('sharing.join.done'))}>${t('sharing.join.join')}</button></div>`}
  </section>`;

  const orgsSection = (s: Sharing): TemplateResult => {
    const known = new Set(s.organisations.filter((o) => o.status === 'active').map((o) => o.organisation.id));
    const suggested = s.suggested.filter((o) => !known.has(o.id));
    const others = (allOrgs.value ?? []).filter((o) => !known.has(o.id) && o.kind !== 'pharmacy');
    return html`<section class="panel" aria-labelledby="sharing-orgs-heading" data-testid="sharing-organisations">
      <h2 id="sharing-orgs-heading">${t('sharing.orgs.title')}</h2>
      <p class="hint">${t('sharing.orgs.text')}</p>
      ${s.organisations.length
        ? html`<ul class="staff-list">${s.organisations.map(
            (o) => html`<li class="staff-item" data-testid="sharing-org" data-org-id=${o.organisation.id} data-status=${o.status}>
              <div class="staff-main">
                <p class="staff-name">${nameText(o.organisation.name)}</p>
                <p class="staff-email"><span class="badge ${o.status === 'active' ? 'badge-ok' : 'badge-off'}" data-testid="sharing-org-status">${t(`sharing.orgs.status_${o.status}`)}</span>
                  ${o.status === 'active' ? t('sharing.orgs.given', { when: formatTime(o.given_at) }) : o.revoked_at ? t('sharing.orgs.revoked', { when: formatTime(o.revoked_at) }) : nothing}</p>
              </div>
              <div class="staff-actions actions">
                ${o.status === 'active'
                  ? confirmButton(`revoke:${o.organisation.id}`, t('sharing.orgs.revoke'), t('sharing.orgs.revoke_question', { organisation: nameText(o.organisation.name) }), 'sharing-org-revoke',
                      () => recordsApi.revokeConsent(patient, o.organisation.id), t('sharing.orgs.revoke_done', { organisation: nameText(o.organisation.name) }))
                  : html`<button type="button" class="btn btn-secondary btn-small" ?disabled=${actions.busy || !s.joined} data-testid="sharing-org-give"
                      @click=${() => void act(() => recordsApi.giveConsent(patient, o.organisation.id), t('sharing.orgs.give_done', { organisation: nameText(o.organisation.name) }))}>${t('sharing.orgs.give_again')}</button>`}
              </div>
            </li>`,
          )}</ul>`
        : html`<p class="empty" data-testid="sharing-orgs-empty">${t('sharing.orgs.none')}</p>`}
      ${!s.joined ? html`<p class="alert alert-info" data-testid="sharing-join-first">${t('sharing.orgs.join_first')}</p>` : nothing}
      ${suggested.length
        ? html`<h3>${t('sharing.orgs.suggested')}</h3>
            <p class="hint">${t('sharing.orgs.suggested_text')}</p>
            <ul class="plain-list sharing-suggested">${suggested.map(
              (o) => html`<li data-testid="sharing-suggested" data-org-id=${o.id}>
                <span>${nameText(o.name)}</span>
                <button type="button" class="btn btn-primary btn-small" ?disabled=${actions.busy || !s.joined} data-testid="sharing-suggested-give"
                  @click=${() => void act(() => recordsApi.giveConsent(patient, o.id), t('sharing.orgs.give_done', { organisation: nameText(o.name) }))}>
                  ${t('sharing.orgs.give')}<span class="visually-hidden"> · ${nameText(o.name)}</span></button>
              </li>`,
            )}</ul>`
        : nothing}
      ${others.length
        ? html`<form class="form sharing-other" @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            const org = others.find((o) => o.id === otherOrg);
            if (org) void act(() => recordsApi.giveConsent(patient, org.id), t('sharing.orgs.give_done', { organisation: nameText(org.name) }));
          }}>
            <div class="field">
              <label for="sharing-other-org">${t('sharing.orgs.other')}</label>
              <select id="sharing-other-org" data-testid="sharing-other-org" @change=${(e: Event) => (otherOrg = (e.target as HTMLSelectElement).value)}>
                <option value="">${t('sharing.orgs.choose')}</option>
                ${others.map((o) => html`<option value=${o.id} ?selected=${o.id === otherOrg}>${nameText(o.name)}</option>`)}
              </select>
            </div>
            <div class="actions"><button type="submit" class="btn btn-secondary btn-small" ?disabled=${actions.busy || !s.joined} data-testid="sharing-other-give">${t('sharing.orgs.give')}</button></div>
          </form>`
        : nothing}
    </section>`;
  };

  const restrictionTarget = (r: Sharing['restrictions'][number]): string =>
    r.kind === 'category' ? codeName('records.category', r.target) : r.entry ? entryTitle(r.entry) : t('sharing.restrictions.an_entry');

  const restrictionsSection = (s: Sharing): TemplateResult => html`<section class="panel" aria-labelledby="sharing-restrictions-heading" data-testid="sharing-restrictions">
    <h2 id="sharing-restrictions-heading">${t('sharing.restrictions.title')}</h2>
    <p class="hint">${t('sharing.restrictions.text')}</p>
    ${s.restrictions.length
      ? html`<ul class="staff-list">${s.restrictions.map(
          (r) => html`<li class="staff-item" data-testid="sharing-restriction" data-kind=${r.kind} data-target=${r.target}>
            <div class="staff-main">
              <p class="staff-name">${restrictionTarget(r)}</p>
              <p class="staff-email">${t(`sharing.restrictions.kind_${r.kind}`)} · ${formatTime(r.created_at)}</p>
            </div>
            <div class="staff-actions actions">
              <button type="button" class="btn btn-secondary btn-small" ?disabled=${actions.busy} data-testid="sharing-restriction-lift"
                @click=${() => void act(() => recordsApi.liftRestriction(patient, r.id), t('sharing.restrictions.lifted', { what: restrictionTarget(r) }))}>
                ${t('sharing.restrictions.lift')}<span class="visually-hidden"> · ${restrictionTarget(r)}</span></button>
            </div>
          </li>`,
        )}</ul>`
      : html`<p class="empty" data-testid="sharing-restrictions-empty">${t('sharing.restrictions.none')}</p>`}
    <form class="form sharing-restrict" data-testid="sharing-restrict-form" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const what = codeName('records.category', category);
      void act(() => recordsApi.restrict(patient, 'category', category), t('sharing.restrictions.done', { what }));
    }}>
      <div class="field">
        <label for="sharing-restrict-category">${t('sharing.restrictions.category')}</label>
        <select id="sharing-restrict-category" data-testid="sharing-restrict-category" @change=${(e: Event) => (category = (e.target as HTMLSelectElement).value)}>
          ${RESTRICTABLE.filter((c) => !s.restrictions.some((r) => r.kind === 'category' && r.target === c)).map(
            (c) => html`<option value=${c} ?selected=${c === category}>${codeName('records.category', c)}</option>`,
          )}
        </select>
      </div>
      <div class="actions"><button type="submit" class="btn btn-secondary" ?disabled=${actions.busy} data-testid="sharing-restrict-submit">${t('sharing.restrictions.add')}</button></div>
      <p class="hint">${t('sharing.restrictions.entry_hint')} <a href=${recordPath}>${t('sharing.back')}</a></p>
    </form>
  </section>`;

  const requestsSection = (s: Sharing): TemplateResult => html`<section class="panel" aria-labelledby="sharing-requests-heading" data-testid="sharing-requests">
    <h2 id="sharing-requests-heading">${t('sharing.requests.title')}</h2>
    ${s.requests.length
      ? html`<ul class="staff-list">${s.requests.map(
          (r) => html`<li class="staff-item" data-testid="sharing-request" data-request-id=${r.id} data-org-id=${r.organisation.id}>
            <div class="staff-main">
              <p class="staff-name">${nameText(r.organisation.name)}</p>
              <p class="staff-email">${t('sharing.requests.by', { clinician: nameText(r.clinician?.name), when: formatTime(r.created_at) })}</p>
              <p class="hint">${t('sharing.requests.expires', { when: formatTime(r.expires_at) })}</p>
            </div>
            <div class="staff-actions actions">
              <button type="button" class="btn btn-primary btn-small" ?disabled=${actions.busy} data-testid="sharing-request-approve"
                @click=${() => void act(() => recordsApi.answerRequest(patient, r.id, true), t('sharing.requests.approved', { organisation: nameText(r.organisation.name) }))}>${t('sharing.requests.approve')}</button>
              <button type="button" class="btn btn-secondary btn-small" ?disabled=${actions.busy} data-testid="sharing-request-decline"
                @click=${() => void act(() => recordsApi.answerRequest(patient, r.id, false), t('sharing.requests.declined', { organisation: nameText(r.organisation.name) }))}>${t('sharing.requests.decline')}</button>
            </div>
          </li>`,
        )}</ul>
        ${!s.joined ? html`<p class="hint">${t('sharing.requests.join_first')}</p>` : nothing}`
      : html`<p class="empty" data-testid="sharing-requests-empty">${t('sharing.requests.none')}</p>`}
  </section>`;

  const emergencySection = (s: Sharing): TemplateResult => html`<section class="panel" aria-labelledby="sharing-emergency-heading" data-testid="sharing-emergency">
    <h2 id="sharing-emergency-heading">${t('sharing.emergency.title')}</h2>
    <p class="hint">${t('sharing.emergency.text')}</p>
    ${s.emergency_accesses.length
      ? html`<ul class="staff-list">${s.emergency_accesses.map(
          (x) => html`<li class="staff-item record-emergency-item" data-testid="sharing-emergency-access">
            <div class="staff-main">
              <p class="staff-name">${nameText(x.clinician?.name)} · ${nameText(x.organisation?.name)}</p>
              <p class="staff-email">${t('sharing.emergency.when', { from: formatTime(x.started_at), to: formatTime(x.expires_at) })}</p>
              <p class="pre" data-testid="sharing-emergency-reason">${t('sharing.emergency.reason', { reason: x.reason })}</p>
            </div>
          </li>`,
        )}</ul>`
      : html`<p class="empty" data-testid="sharing-emergency-empty">${t('sharing.emergency.none')}</p>`}
  </section>`;

  return {
    title: () => (own ? t('sharing.title') : t('sharing.title_other')),
    view: () => html`${backLink(recordPath, t('sharing.back'))}
      ${heading(own ? t('sharing.title') : t('sharing.title_other'), own ? t('sharing.lead') : t('sharing.lead_other'))}
      ${formStatus(actions)}
      ${sharing.view(
        (s) => html`<div class="sharing" data-testid="sharing">
          ${joinSection(s)}
          ${requestsSection(s)}
          <div class="grid-2">${orgsSection(s)} ${restrictionsSection(s)}</div>
          ${emergencySection(s)}
          <p><a href=${`${recordPath}/access-log`} data-testid="sharing-access-log-link">${t('records.links.access_log')}</a></p>
        </div>`,
      )}`,
  };
};
