// Organisation admin (or platform admin): the organisation's staff, inviting someone (an invitation
// e-mail goes out; the roles attach when it is accepted), pending invitations, changing names and
// roles, disabling and enabling accounts.
import { html, nothing, type TemplateResult } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import type { Names, UiLang } from '../base/api';
import { rolesForKind } from '../base/codes';
import { LANGS, codeName, isLang, lang, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, isPlatformAdmin } from '../base/session';
import { Loaded, backLink, heading } from '../base/ui/common';
import { FormState, checkboxGroup, field, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { organisationApi, type Staff } from './api';
import { invitationsPanel } from './staff_invitations';
import { orgTabs } from './tabs';

interface OrgInfo {
  /** All three names: the heading shows the one of the current UI language, also after a switch. */
  names: Names;
  kind: string;
}

async function loadOrg(id: string): Promise<OrgInfo> {
  const role = currentAccount()?.roles.find((r) => r.organisation_id === id && r.organisation_name);
  if (role?.organisation_kind && role.organisation_name) return { names: role.organisation_name, kind: role.organisation_kind };
  try {
    const o = await organisationApi.organisation(id);
    return { names: o.name, kind: o.kind };
  } catch (e) {
    // An inactive organisation is not in the public directory; platform admins still see it.
    if (!isPlatformAdmin()) throw e;
    const o = (await organisationApi.allOrganisations()).find((x) => x.id === id);
    if (!o) throw e;
    return { names: o.name, kind: o.kind };
  }
}

export const orgStaffPage: PageFactory = (ctx) => {
  const orgId = ctx.params.org ?? '';
  const org = new Loaded(() => loadOrg(orgId), ctx.update);
  const staff = new Loaded(() => organisationApi.staff(orgId), ctx.update);
  void org.load();
  void staff.load();

  const invitations = invitationsPanel(ctx, orgId);
  const add = new FormState('staff-add');
  let addKey = 0;
  const edit = new FormState('staff-edit');
  let editing: string | null = null;
  const row = new FormState('staff-row');
  let rowTarget: string | null = null;
  let confirmingDisable: string | null = null;

  const me = () => currentAccount()?.id;
  const roleOptions = () =>
    rolesForKind(org.value?.kind ?? '').map((r) => ({ value: r, label: codeName('role', r) }));

  function replaceStaff(updated: Staff): void {
    if (staff.value) staff.value = staff.value.map((s) => (s.account_id === updated.account_id ? updated : s));
  }

  async function onAdd(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const roles = data.getAll('roles').map(String);
    const preferred = str(data, 'preferred_lang');
    await submitting(add, ctx.update, async () => {
      const added = await organisationApi.addStaff(orgId, {
        email: str(data, 'email').trim(),
        display_name: str(data, 'display_name').trim(),
        roles,
        ...(isLang(preferred) ? { preferred_lang: preferred as UiLang } : {}),
      });
      invitations.added(added);
      addKey++;
      add.success = t('staff.added', { name: added.display_name, email: added.email });
    });
  }

  async function onEdit(event: SubmitEvent, s: Staff): Promise<void> {
    const data = formValues(event);
    const roles = data.getAll('roles').map(String);
    if (roles.length === 0) {
      edit.reset();
      edit.failField('roles', t('staff.roles_required'));
      ctx.update();
      return;
    }
    await submitting(edit, ctx.update, async () => {
      replaceStaff(await organisationApi.changeStaff(orgId, s.account_id, { display_name: str(data, 'display_name').trim(), roles }));
      editing = null;
      row.reset();
      rowTarget = s.account_id;
      row.success = t('staff.saved', { name: s.display_name });
    });
  }

  async function setStatus(s: Staff, status: 'active' | 'disabled'): Promise<void> {
    rowTarget = s.account_id;
    confirmingDisable = null;
    await submitting(row, ctx.update, async () => {
      const updated = await organisationApi.changeStaff(orgId, s.account_id, { status });
      replaceStaff(updated);
      const name = updated.display_name;
      row.success = status === 'disabled' ? t('staff.disabled_done', { name }) : t('staff.enabled_done', { name });
    });
  }

  const editForm = (s: Staff): TemplateResult => html`<form
    class="form staff-edit"
    novalidate
    @submit=${(e: SubmitEvent) => onEdit(e, s)}
    data-testid="staff-edit-form"
  >
    ${formStatus(edit)}
    ${field(edit, { name: 'display_name', label: t('field.display_name'), value: s.display_name, required: true, maxlength: 100, testid: 'staff-edit-name' })}
    ${checkboxGroup(edit, {
      name: 'roles',
      legend: t('staff.roles'),
      options: roleOptions(),
      selected: s.roles,
      testid: 'staff-edit-roles',
      ...(s.account_id === me() ? { hint: t('staff.own_admin_hint') } : {}),
    })}
    <div class="actions">
      ${submitButton(edit, t('common.save'), 'staff-edit-submit')}
      <button type="button" class="btn btn-quiet" @click=${() => { editing = null; edit.reset(); ctx.update(); }}>
        ${t('common.cancel')}
      </button>
    </div>
  </form>`;

  const staffItem = (s: Staff): TemplateResult => {
    const self = s.account_id === me();
    const active = s.status === 'active';
    return html`<li class="staff-item ${active ? '' : 'is-disabled'}" data-testid="staff-row" data-account-id=${s.account_id} data-email=${s.email}>
      <div class="staff-main">
        <p class="staff-name" data-testid="staff-name">${s.display_name}${self ? html` <span class="muted">(${t('staff.you')})</span>` : nothing}</p>
        <p class="staff-email" data-testid="staff-email">${s.email}</p>
        <p class="chips">
          ${s.roles.map((r) => html`<span class="chip" data-testid="staff-role" data-role=${r}>${codeName('role', r)}</span>`)}
          <span class="badge ${active ? 'badge-ok' : 'badge-off'}" data-testid="staff-status" data-status=${s.status}>${codeName('staff_status', s.status)}</span>
          <span class="badge ${s.totp_enabled ? 'badge-ok' : 'badge-warn'}">${s.totp_enabled ? t('staff.totp_on') : t('staff.totp_off')}</span>
        </p>
      </div>
      ${rowTarget === s.account_id ? formStatus(row) : nothing}
      ${editing === s.account_id
        ? editForm(s)
        : html`<div class="actions staff-actions">
            <button type="button" class="btn btn-secondary btn-small" data-testid="staff-edit" @click=${() => { editing = s.account_id; edit.reset(); ctx.update(); }}>
              ${t('common.edit')}<span class="visually-hidden"> ${s.display_name}</span>
            </button>
            ${s.roles.includes('doctor')
              ? html`<a class="btn btn-secondary btn-small" href=${`/doctors/${encodeURIComponent(s.account_id)}/edit`} data-testid="staff-doctor-profile">
                  ${t('staff.doctor_profile')}<span class="visually-hidden"> ${s.display_name}</span>
                </a>`
              : nothing}
            ${self
              ? nothing
              : active
                ? confirmingDisable === s.account_id
                  ? html`<span class="confirm" role="group" aria-label=${t('staff.disable_confirm_label')}>
                      <span>${t('staff.disable_confirm_text')}</span>
                      <button type="button" class="btn btn-danger btn-small" ?disabled=${row.busy} data-testid="staff-disable-confirm" @click=${() => setStatus(s, 'disabled')}>
                        ${t('staff.disable_confirm')}
                      </button>
                      <button type="button" class="btn btn-quiet btn-small" @click=${() => { confirmingDisable = null; ctx.update(); }}>${t('common.cancel')}</button>
                    </span>`
                  : html`<button type="button" class="btn btn-quiet btn-small" data-testid="staff-disable" @click=${() => { confirmingDisable = s.account_id; ctx.update(); }}>
                      ${t('staff.disable')}<span class="visually-hidden"> ${s.display_name}</span>
                    </button>`
                : html`<button type="button" class="btn btn-secondary btn-small" ?disabled=${row.busy} data-testid="staff-enable" @click=${() => setStatus(s, 'active')}>
                    ${t('staff.enable')}<span class="visually-hidden"> ${s.display_name}</span>
                  </button>`}
          </div>`}
    </li>`;
  };

  const addForm = (): TemplateResult => html`<section class="panel" aria-labelledby="staff-add-heading">
    <h2 id="staff-add-heading">${t('staff.add_title')}</h2>
    <p class="hint">${t('staff.add_note')}</p>
    ${formStatus(add)}
    ${keyed(
      addKey,
      html`<form class="form" novalidate @submit=${onAdd} data-testid="staff-add-form">
        ${field(add, { name: 'email', label: t('field.email'), type: 'email', autocomplete: 'off', required: true, testid: 'staff-add-email' })}
        ${field(add, { name: 'display_name', label: t('field.display_name'), autocomplete: 'off', required: true, maxlength: 100, testid: 'staff-add-name' })}
        ${checkboxGroup(add, { name: 'roles', legend: t('staff.roles'), options: roleOptions(), selected: [], testid: 'staff-add-roles' })}
        ${selectField(add, {
          name: 'preferred_lang',
          label: t('staff.invite_lang'),
          options: LANGS.map((l) => ({ value: l, label: t(`lang.${l}`) })),
          value: lang(),
          testid: 'staff-add-lang',
        })}
        <div class="actions">${submitButton(add, t('staff.add_submit'), 'staff-add-submit')}</div>
      </form>`,
    )}
  </section>`;

  return {
    title: () => t('staff.title'),
    view: () => {
      const orgName = org.value ? localText(org.value.names) : '';
      return html`${backLink(isPlatformAdmin() ? '/admin/organisations' : '/home', isPlatformAdmin() ? t('orgs.title') : t('nav.home'))}
        ${heading(t('staff.title'), orgName ? `${orgName} · ${codeName('org_kind', org.value!.kind)}` : undefined)}
        ${org.value && org.value.kind !== 'pharmacy' ? orgTabs(orgId, 'staff') : nothing}
        <div class="grid-2 grid-wide-first">
          <section class="panel" aria-labelledby="staff-list-heading">
            <h2 id="staff-list-heading">${t('staff.list_title')}</h2>
            ${staff.view((items) =>
              items.length === 0
                ? html`<p class="empty">${t('staff.none')}</p>`
                : html`<ul class="staff-list" data-testid="staff-list">${items.map(staffItem)}</ul>`,
            )}
          </section>
          <div class="stack">
            ${org.value ? addForm() : org.view(() => html``)}
            ${invitations.view()}
          </div>
        </div>`;
    },
  };
};
