// On the staff page: invitations sent and not yet accepted. The admin sees the address, name and
// roles (never the link), sends one again (a new link; the old one stops working) or withdraws it.
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, formatTime, t } from '../base/i18n';
import type { PageContext } from '../base/router';
import { Loaded } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { organisationApi, type Invitation } from './api';

export function invitationsPanel(ctx: PageContext, orgId: string): { view(): TemplateResult; added(inv: Invitation): void } {
  const list = new Loaded(() => organisationApi.invitations(orgId), ctx.update);
  void list.load();
  const row = new FormState('invitation-row');
  let target: string | null = null;
  let confirming: string | null = null;

  async function resend(inv: Invitation): Promise<void> {
    target = inv.id;
    await submitting(row, ctx.update, async () => {
      const updated = await organisationApi.resendInvitation(orgId, inv.id);
      list.value = (list.value ?? []).map((i) => (i.id === inv.id ? updated : i));
      row.success = t('staff_invitations.resent', { email: inv.email });
    });
  }

  async function withdraw(inv: Invitation): Promise<void> {
    target = inv.id;
    confirming = null;
    await submitting(row, ctx.update, async () => {
      await organisationApi.withdrawInvitation(orgId, inv.id);
      list.value = (list.value ?? []).filter((i) => i.id !== inv.id);
      target = null;
      row.success = t('staff_invitations.withdrawn', { email: inv.email });
    });
  }

  const item = (inv: Invitation): TemplateResult => html`<li class="staff-item" data-testid="invitation-row" data-email=${inv.email}>
    <div class="staff-main">
      <p class="staff-name">${inv.display_name}</p>
      <p class="staff-email">${inv.email}</p>
      <p class="chips">
        ${inv.roles.map((r) => html`<span class="chip" data-role=${r}>${codeName('role', r)}</span>`)}
        <span class="badge ${inv.status === 'pending' ? 'badge-warn' : 'badge-off'}" data-testid="invitation-status" data-status=${inv.status}>
          ${inv.status === 'pending' ? t('staff_invitations.pending') : t('staff_invitations.expired')}
        </span>
      </p>
      <p class="hint">${t('staff_invitations.sent_at', { when: formatTime(inv.sent_at), until: formatTime(inv.expires_at) })}</p>
    </div>
    ${target === inv.id ? formStatus(row) : nothing}
    <div class="actions staff-actions">
      <button type="button" class="btn btn-secondary btn-small" ?disabled=${row.busy} data-testid="invitation-resend" @click=${() => resend(inv)}>
        ${t('staff_invitations.resend')}<span class="visually-hidden"> ${inv.email}</span>
      </button>
      ${confirming === inv.id
        ? html`<span class="confirm" role="group" aria-label=${t('staff_invitations.withdraw_confirm_label')}>
            <button type="button" class="btn btn-danger btn-small" ?disabled=${row.busy} data-testid="invitation-withdraw-confirm" @click=${() => withdraw(inv)}>
              ${t('staff_invitations.withdraw_confirm')}
            </button>
            <button type="button" class="btn btn-quiet btn-small" @click=${() => { confirming = null; ctx.update(); }}>${t('common.cancel')}</button>
          </span>`
        : html`<button type="button" class="btn btn-quiet btn-small" data-testid="invitation-withdraw" @click=${() => { confirming = inv.id; ctx.update(); }}>
            ${t('staff_invitations.withdraw')}<span class="visually-hidden"> ${inv.email}</span>
          </button>`}
    </div>
  </li>`;

  return {
    added(inv: Invitation): void {
      list.value = [inv, ...(list.value ?? []).filter((i) => i.id !== inv.id && i.email !== inv.email)];
    },
    view: () => html`<section class="panel" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">${t('staff_invitations.title')}</h2>
      <p class="hint">${t('staff_invitations.note')}</p>
      ${target === null ? formStatus(row) : nothing}
      ${list.view((items) =>
        items.length === 0
          ? html`<p class="empty">${t('staff_invitations.none')}</p>`
          : html`<ul class="staff-list" data-testid="invitation-list">${items.map(item)}</ul>`,
      )}
    </section>`,
  };
}
