// Accepting a staff invitation from its e-mailed link (/invitation#token=...). The link proves the
// mailbox; the roles attach to an account of that same address: the one signed in, one signed in to
// here, or one created here through the link. Signed in as another address, the page says so.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError } from '../base/api';
import { codeName, lang, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, setAccount, type Account } from '../base/session';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting, totpCodeField } from '../base/ui/form';
import { accountApi, type InvitationPreview } from './api';
import { takeLinkToken } from './link_token';

export const invitationPage: PageFactory = (ctx) => {
  const token = takeLinkToken();
  let preview: InvitationPreview | null = null;
  let state: 'loading' | 'ready' | 'invalid' | 'failed' | 'accepted' = token ? 'loading' : 'invalid';
  const accept = new FormState('invitation-accept');
  const signin = new FormState('invitation-signin');
  const register = new FormState('invitation-register');
  let needCode = false;

  async function load(): Promise<void> {
    try {
      preview = await accountApi.invitationPreview(token);
      state = 'ready';
    } catch (e) {
      state = isApiError(e, 'token_invalid') ? 'invalid' : 'failed';
    }
    ctx.update();
  }
  if (token) void load();

  /** After the roles attached: staff set up the authenticator next. */
  async function accepted(): Promise<void> {
    setAccount(await accountApi.me());
    state = 'accepted';
    ctx.flash(t('invitation.accepted', { org: orgName() }));
    ctx.afterSignIn('/home');
  }

  async function onAccept(): Promise<void> {
    await submitting(accept, ctx.update, async () => {
      await accountApi.acceptInvitation(token);
      await accepted();
    });
  }

  async function onSignOut(): Promise<void> {
    // Signed out first: a request of this session still in flight that now hears 401 must not
    // send the page to the sign-in page (which would lose the link's token).
    setAccount(null);
    ctx.update();
    await accountApi.logout().catch(() => undefined);
  }

  async function onSignIn(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const code = str(data, 'totp_code').replace(/\s+/g, '');
    await submitting(signin, ctx.update, async () => {
      let signedIn: Account;
      try {
        signedIn = await accountApi.login({
          email: preview!.email,
          password: str(data, 'password'),
          ...(needCode ? { totp_code: code } : {}),
        });
      } catch (e) {
        if (isApiError(e, 'mfa_required')) {
          needCode = true;
          return;
        }
        throw e;
      }
      // The account is adopted only once the invitation is accepted: the roles it brings may need an
      // authenticator first, and adopting it earlier would open the app's WebSocket with rights the
      // session no longer has by the time the server looks (a refused handshake).
      try {
        await accountApi.acceptInvitation(token);
      } catch (e) {
        setAccount(signedIn);
        throw e;
      }
      await accepted();
    });
  }

  async function onRegister(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const password = str(data, 'password');
    if (password !== str(data, 'password_again')) {
      register.reset();
      register.failField('password_again', t('form.passwords_differ'));
      ctx.update();
      return;
    }
    await submitting(register, ctx.update, async () => {
      const account = await accountApi.register({
        email: preview!.email,
        password,
        display_name: str(data, 'display_name').trim(),
        preferred_lang: lang(),
        invitation_token: token,
      });
      setAccount(account);
      state = 'accepted';
      ctx.flash(t('invitation.accepted', { org: orgName() }));
      ctx.afterSignIn('/home');
    });
  }

  const orgName = () => (preview?.organisation.name ? localText(preview.organisation.name) : '');

  const offer = (p: InvitationPreview): TemplateResult => html`<p data-testid="invitation-offer">
      ${t('invitation.offer', { org: orgName(), email: p.email })}
    </p>
    <p class="chips">${p.roles.map((r) => html`<span class="chip" data-testid="invitation-role" data-role=${r}>${codeName('role', r)}</span>`)}</p>
    <p class="hint">${t('invitation.totp_note')}</p>`;

  const signedInView = (p: InvitationPreview, email: string): TemplateResult =>
    email === p.email
      ? html`${formStatus(accept)}
          <div class="actions">
            <button type="button" class="btn btn-primary" ?disabled=${accept.busy} data-testid="invitation-accept" @click=${onAccept}>
              ${t('invitation.accept')}
            </button>
          </div>`
      : html`<div class="alert alert-info" role="status" data-testid="invitation-other-account">
            ${t('invitation.other_account', { me: email, email: p.email })}
          </div>
          <div class="actions">
            <button type="button" class="btn btn-secondary" data-testid="invitation-sign-out" @click=${onSignOut}>${t('nav.sign_out')}</button>
          </div>`;

  const signedOutView = (p: InvitationPreview): TemplateResult => html`<div class="grid-2">
    <section class="panel" aria-labelledby="invitation-signin-heading">
      <h2 id="invitation-signin-heading">${t('invitation.have_account')}</h2>
      <form class="form" novalidate @submit=${onSignIn} data-testid="invitation-signin-form">
        ${formStatus(signin)}
        <input type="email" name="username" autocomplete="username" value=${p.email} hidden readonly tabindex="-1" />
        ${field(signin, { name: 'password', label: t('field.password'), type: 'password', autocomplete: 'current-password', required: true, testid: 'invitation-signin-password' })}
        ${needCode ? totpCodeField(signin, 'invitation-totp-code') : nothing}
        <div class="actions">${submitButton(signin, t('invitation.signin_accept'), 'invitation-signin-submit')}</div>
      </form>
      <p><a href="/forgot-password">${t('signin.forgot')}</a></p>
    </section>
    <section class="panel" aria-labelledby="invitation-register-heading">
      <h2 id="invitation-register-heading">${t('invitation.new_account')}</h2>
      <form class="form" novalidate @submit=${onRegister} data-testid="invitation-register-form">
        ${formStatus(register)}
        <input type="email" name="username" autocomplete="username" value=${p.email} hidden readonly tabindex="-1" />
        ${field(register, { name: 'display_name', label: t('field.display_name'), value: p.display_name, autocomplete: 'name', required: true, maxlength: 100, testid: 'invitation-register-name' })}
        ${field(register, { name: 'password', label: t('field.password'), hint: t('password.rules'), type: 'password', autocomplete: 'new-password', required: true, testid: 'invitation-register-password' })}
        ${field(register, { name: 'password_again', label: t('field.password_again'), type: 'password', autocomplete: 'new-password', required: true, testid: 'invitation-register-password-again' })}
        <div class="actions">${submitButton(register, t('invitation.register_accept'), 'invitation-register-submit')}</div>
      </form>
    </section>
  </div>`;

  const body = (): TemplateResult => {
    if (state === 'loading') return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    if (state === 'invalid') return html`<div class="alert alert-error" role="alert" data-testid="invitation-invalid">${t('invitation.invalid')}</div>`;
    if (state === 'failed' || !preview) return html`<div class="alert alert-error" role="alert">${t('error.unexpected')}</div>`;
    if (state === 'accepted') return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    const me = currentAccount();
    return html`${offer(preview)}${me ? signedInView(preview, me.email) : signedOutView(preview)}`;
  };

  return {
    title: () => t('invitation.title'),
    view: () => html`<section class="auth-card auth-card-wide">${heading(t('invitation.title'), orgName() || undefined)}${body()}</section>`,
  };
};
