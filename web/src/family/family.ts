// Family (/family): the people whose appointments I manage (children I added, adults who granted me
// carer access, requests still waiting), the people who manage mine (accept or decline a request,
// revoke access), adding a child under 16, and asking an adult for carer access. Asking never tells
// whether the address belongs to anyone (the server answers 202 either way).
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { formatTime, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { formatDay } from '../base/time';
import { heading, Loaded } from '../base/ui/common';
import { field, FormState, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { familyApi, type Carer, type CarerRequest, type ManagedPerson } from './api';

const RELATIONSHIPS = ['parent', 'spouse', 'relative', 'other'];

type Family = { dependants: ManagedPerson[]; requests: CarerRequest[]; carers: Carer[] };

export const familyPage: PageFactory = (ctx) => {
  const family = new Loaded<Family>(() => familyApi.family(), ctx.update);
  void family.load();
  const child = new FormState('child');
  const ask = new FormState('carer-request');
  const rows = new FormState('family-row');
  let childFormKey = 0;
  let askFormKey = 0;
  /** The row whose removal waits for a confirmation: `dependant:<id>` or `carer:<id>`. */
  let confirming: string | null = null;

  async function addChild(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const name = str(d, 'display_name').trim();
    const born = str(d, 'date_of_birth');
    const sex = str(d, 'sex');
    if (!name) {
      child.reset();
      child.failField('display_name', t('family.name_required'));
      ctx.update();
      return;
    }
    await submitting(child, ctx.update, async () => {
      const added = await familyApi.addChild({ display_name: name, date_of_birth: born, ...(sex ? { sex } : {}) });
      childFormKey++;
      child.success = t('family.child_added', { name: added.display_name });
      await family.load();
    });
  }

  async function requestAccess(event: SubmitEvent): Promise<void> {
    const d = formValues(event);
    const email = str(d, 'email').trim();
    await submitting(ask, ctx.update, async () => {
      await familyApi.requestCarerAccess({ email, relationship: str(d, 'relationship') });
      askFormKey++;
      ask.success = t('family.request_sent', { email });
      await family.load();
    });
  }

  const act = (work: () => Promise<unknown>, done: string) =>
    submitting(rows, ctx.update, async () => {
      await work();
      confirming = null;
      rows.success = done;
      await family.load();
    });

  const confirmButtons = (key: string, label: string, question: string, work: () => Promise<unknown>, done: string) =>
    confirming === key
      ? html`<span class="confirm">
          ${question}
          <button type="button" class="btn btn-danger btn-small" ?disabled=${rows.busy} data-testid="family-confirm" @click=${() => void act(work, done)}>${label}</button>
          <button type="button" class="btn btn-quiet btn-small" data-testid="family-keep" @click=${() => {
            confirming = null;
            ctx.update();
          }}>${t('common.cancel')}</button>
        </span>`
      : html`<button type="button" class="btn btn-danger btn-small" data-testid="family-remove" @click=${() => {
          confirming = key;
          ctx.update();
        }}>${label}</button>`;

  const status = (s: string) =>
    html`<span class="badge ${s === 'active' ? 'badge-ok' : 'badge-warn'}" data-testid="family-status" data-status=${s}>${t(`family.status.${s}`)}</span>`;

  const dependantRow = (p: ManagedPerson): TemplateResult => html`<li class="staff-item" data-testid="family-dependant" data-patient-id=${p.patient_id}>
    <div class="staff-main">
      <p class="staff-name" data-testid="family-name">${p.display_name}</p>
      <p class="staff-email">
        ${t(`family.relationship.${p.relationship}`)} ${status(p.status)}
        ${p.date_of_birth ? html`· ${t('family.born', { day: formatDay(p.date_of_birth, 'long') })}` : nothing}
      </p>
    </div>
    <div class="staff-actions actions">
      ${p.status === 'active'
        ? html`<a class="btn btn-secondary btn-small" href=${`/patients/${encodeURIComponent(p.patient_id)}/record`} data-testid="family-record"
            >${t('family.record')}<span class="visually-hidden"> · ${p.display_name}</span></a>`
        : nothing}
      ${p.relationship !== 'child' && p.status === 'active'
        ? confirmButtons(`dependant:${p.patient_id}`, t('family.stop_managing'), t('family.stop_question', { name: p.display_name }),
            () => familyApi.stopManaging(p.patient_id), t('family.stopped', { name: p.display_name }))
        : nothing}
    </div>
  </li>`;

  // A request shows the address as typed: whether it reached anyone is the addressee's to tell.
  const requestRow = (r: CarerRequest): TemplateResult => html`<li class="staff-item" data-testid="family-request" data-request-id=${r.request_id}>
    <div class="staff-main">
      <p class="staff-name" data-testid="family-request-email">${r.email}</p>
      <p class="staff-email">${t(`family.relationship.${r.relationship}`)} ${status(r.status)}</p>
      <p class="hint">${t('family.pending_text', { when: formatTime(r.created_at) })}</p>
    </div>
    <div class="staff-actions actions">
      ${confirmButtons(`request:${r.request_id}`, t('family.withdraw'), t('family.withdraw_question', { email: r.email }),
        () => familyApi.withdrawCarerRequest(r.request_id), t('family.withdrawn', { email: r.email }))}
    </div>
  </li>`;

  const carerRow = (c: Carer): TemplateResult => html`<li class="staff-item" data-testid="family-carer" data-carer-id=${c.carer_id}>
    <div class="staff-main">
      <p class="staff-name" data-testid="family-name">${c.display_name}</p>
      <p class="staff-email">${status(c.status)}
        ${c.status === 'pending' ? t('family.carer_asks') : t('family.carer_manages')}</p>
    </div>
    <div class="staff-actions actions">
      ${c.status === 'pending'
        ? html`<button type="button" class="btn btn-primary btn-small" ?disabled=${rows.busy} data-testid="family-accept"
              @click=${() => void act(() => familyApi.answerCarer(c.carer_id, true), t('family.accepted', { name: c.display_name }))}>${t('family.accept')}</button>
            <button type="button" class="btn btn-secondary btn-small" ?disabled=${rows.busy} data-testid="family-decline"
              @click=${() => void act(() => familyApi.answerCarer(c.carer_id, false), t('family.declined', { name: c.display_name }))}>${t('family.decline')}</button>`
        : confirmButtons(`carer:${c.carer_id}`, t('family.revoke'), t('family.revoke_question', { name: c.display_name }),
            () => familyApi.revokeCarer(c.carer_id), t('family.revoked', { name: c.display_name }))}
    </div>
  </li>`;

  return {
    title: () => t('family.title'),
    view: () => html`${heading(t('family.title'), t('family.lead'))}
      ${formStatus(rows)}
      ${family.view(
        (f) => html`<div class="grid-2">
          <section class="panel" aria-labelledby="managed-heading">
            <h2 id="managed-heading">${t('family.managed')}</h2>
            ${f.dependants.length
              ? html`<ul class="staff-list" data-testid="family-dependants">${f.dependants.map(dependantRow)}</ul>`
              : html`<p class="empty" data-testid="family-dependants-empty">${t('family.managed_none')}</p>`}
            ${f.requests.length
              ? html`<h3>${t('family.requests')}</h3>
                  <ul class="staff-list" data-testid="family-requests">${f.requests.map(requestRow)}</ul>`
              : nothing}
          </section>
          <section class="panel" aria-labelledby="carers-heading">
            <h2 id="carers-heading">${t('family.carers')}</h2>
            ${f.carers.length
              ? html`<ul class="staff-list" data-testid="family-carers">${f.carers.map(carerRow)}</ul>`
              : html`<p class="empty" data-testid="family-carers-empty">${t('family.carers_none')}</p>`}
          </section>
        </div>`,
      )}
      <div class="grid-2 bk-family-forms">
        <section class="panel" aria-labelledby="child-heading">
          <h2 id="child-heading">${t('family.add_child')}</h2>
          <p class="hint">${t('family.add_child_text')}</p>
          ${keyed(
            childFormKey,
            html`<form class="form" novalidate @submit=${addChild} data-testid="child-form">
                ${formStatus(child)}
                ${field(child, { name: 'display_name', label: t('family.child_name'), required: true, maxlength: 100, autocomplete: 'off', testid: 'child-name', value: '' })}
                ${field(child, { name: 'date_of_birth', label: t('family.child_born'), type: 'date', required: true, testid: 'child-born', value: '' })}
                ${selectField(child, {
                  name: 'sex',
                  label: t('family.child_sex'),
                  options: [{ value: '', label: t('family.sex.unsaid') }, ...['female', 'male', 'other'].map((s) => ({ value: s, label: t(`family.sex.${s}`) }))],
                  testid: 'child-sex',
                })}
                <div class="actions">${submitButton(child, t('family.add_child_submit'), 'child-submit')}</div>
              </form>`,
          )}
        </section>
        <section class="panel" aria-labelledby="ask-heading">
          <h2 id="ask-heading">${t('family.ask')}</h2>
          <p class="hint">${t('family.ask_text')}</p>
          ${keyed(
            askFormKey,
            html`<form class="form" novalidate @submit=${requestAccess} data-testid="carer-request-form">
            ${formStatus(ask)}
            ${field(ask, { name: 'email', label: t('family.ask_email'), type: 'email', required: true, autocomplete: 'off', testid: 'carer-request-email', value: '' })}
            ${selectField(ask, {
              name: 'relationship',
              label: t('family.ask_relationship'),
              options: RELATIONSHIPS.map((r) => ({ value: r, label: t(`family.relationship.${r}`) })),
              testid: 'carer-request-relationship',
            })}
            <div class="actions">${submitButton(ask, t('family.ask_submit'), 'carer-request-submit')}</div>
          </form>`,
          )}
        </section>
      </div>`,
  };
};
