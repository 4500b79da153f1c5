// Set a new password from an e-mailed link (/reset-password?token=...). Links of the older staff
// invitations (before they named an address to accept) set a first password here too. Success ends
// every session of the account.
import { html, nothing } from 'lit-html';
import { isApiError } from '../base/api';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, setAccount } from '../base/session';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { accountApi } from './api';

export const resetPasswordPage: PageFactory = (ctx) => {
  const form = new FormState('reset');
  const token = ctx.query.get('token') ?? '';
  let done = false;
  let tokenBad = false;

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const password = str(data, 'password');
    if (password !== str(data, 'password_again')) {
      form.reset();
      form.failField('password_again', t('form.passwords_differ'));
      ctx.update();
      return;
    }
    await submitting(form, ctx.update, async () => {
      try {
        await accountApi.confirmPasswordReset(token, password);
      } catch (e) {
        if (isApiError(e, 'token_invalid')) tokenBad = true;
        throw e;
      }
      done = true;
      // Every session of that account has ended; if it was this browser's, it is signed out too.
      if (currentAccount()) setAccount(null);
    });
  }

  const view = () => {
    if (!token) {
      return html`${heading(t('reset.title'))}
        <div class="alert alert-error" role="alert" data-testid="reset-error">${t('reset.no_token')}</div>
        <p><a href="/forgot-password">${t('reset.request_new')}</a></p>`;
    }
    if (done) {
      return html`${heading(t('reset.title'))}
        <div class="alert alert-success" role="status" data-testid="reset-success">${t('reset.done')}</div>
        <p><a class="btn btn-primary" href="/signin" data-testid="reset-signin">${t('reset.signin')}</a></p>`;
    }
    return html`${heading(t('reset.title'), t('reset.lead'))}
      <form class="form" novalidate @submit=${onSubmit} data-testid="reset-form">
        ${formStatus(form)}
        ${field(form, {
          name: 'password',
          label: t('field.new_password'),
          hint: t('password.rules'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          testid: 'reset-password',
        })}
        ${field(form, {
          name: 'password_again',
          label: t('field.password_again'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          testid: 'reset-password-again',
        })}
        <p class="hint">${t('reset.sessions_note')}</p>
        <div class="actions">${submitButton(form, t('reset.submit'), 'reset-submit')}</div>
      </form>
      ${tokenBad ? html`<p><a href="/forgot-password">${t('reset.request_new')}</a></p>` : nothing}`;
  };

  return {
    title: () => t('reset.title'),
    view: () => html`<section class="auth-card">${view()}</section>`,
  };
};
