// On the profile page: whether the e-mail address is verified (with a new link on request), and the
// staff invitations to it, which a verified address accepts here without the link.
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, localText, t } from '../base/i18n';
import type { PageContext } from '../base/router';
import { currentAccount, setAccount } from '../base/session';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { accountApi, type MyInvitation } from './api';

export function emailSection(ctx: PageContext): { view(): TemplateResult } {
  const resend = new FormState('verify-resend');
  const accept = new FormState('invitation-mine');
  let invitations: MyInvitation[] = [];
  let loaded = false;

  async function load(): Promise<void> {
    if (!currentAccount()?.email_verified) return;
    invitations = await accountApi.myInvitations().catch(() => []);
    loaded = true;
    ctx.update();
  }
  void load();

  async function onResend(): Promise<void> {
    await submitting(resend, ctx.update, async () => {
      await accountApi.resendVerification();
      resend.success = t('verify_email.sent', { email: currentAccount()?.email ?? '' });
    });
  }

  async function onAccept(inv: MyInvitation): Promise<void> {
    await submitting(accept, ctx.update, async () => {
      await accountApi.acceptMyInvitation(inv.id);
      setAccount(await accountApi.me());
      ctx.flash(t('invitation.accepted', { org: inv.organisation.name ? localText(inv.organisation.name) : '' }));
      ctx.afterSignIn('/profile');
    });
  }

  const invitationList = (): TemplateResult =>
    !loaded || invitations.length === 0
      ? html``
      : html`<h3>${t('invitation.mine_title')}</h3>
          ${formStatus(accept)}
          <ul class="staff-list" data-testid="my-invitations">
            ${invitations.map(
              (inv) => html`<li class="staff-item" data-testid="my-invitation">
                <div class="staff-main">
                  <p class="staff-name">${inv.organisation.name ? localText(inv.organisation.name) : ''}</p>
                  <p class="chips">${inv.roles.map((r) => html`<span class="chip">${codeName('role', r)}</span>`)}</p>
                  <p class="hint">${t('invitation.totp_note')}</p>
                </div>
                <div class="actions">
                  <button type="button" class="btn btn-primary btn-small" ?disabled=${accept.busy} data-testid="my-invitation-accept" @click=${() => onAccept(inv)}>
                    ${t('invitation.accept')}
                  </button>
                </div>
              </li>`,
            )}
          </ul>`;

  return {
    view: () => {
      const account = currentAccount();
      if (!account) return html``;
      const verified = account.email_verified !== false;
      return html`<section class="panel" aria-labelledby="email-heading">
        <h2 id="email-heading">${t('verify_email.section_title')}</h2>
        <p data-testid="email-verified" data-verified=${verified ? 'true' : 'false'}>
          <span class="status-dot ${verified ? 'on' : 'off'}" aria-hidden="true"></span>
          ${verified ? t('verify_email.is_verified', { email: account.email }) : t('verify_email.not_verified', { email: account.email })}
        </p>
        ${verified
          ? nothing
          : html`<p class="hint">${t('verify_email.why')}</p>
              ${formStatus(resend)}
              <div class="actions">
                <button type="button" class="btn btn-secondary" ?disabled=${resend.busy} data-testid="verify-resend" @click=${onResend}>
                  ${t('verify_email.resend')}
                </button>
              </div>`}
        ${invitationList()}
      </section>`;
    },
  };
}
