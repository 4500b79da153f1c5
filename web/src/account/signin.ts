// Sign in with e-mail and password; when the account has an authenticator app the server answers
// 401 mfa_required and the page asks for the 6-digit code, then sends everything again with totp_code.
import { html, nothing } from 'lit-html';
import { isApiError } from '../base/api';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { setAccount } from '../base/session';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting, totpCodeField } from '../base/ui/form';
import { accountApi } from './api';

export const signInPage: PageFactory = (ctx) => {
  const form = new FormState('signin');
  let needCode = false;
  let email = '';

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    email = str(data, 'email').trim();
    const password = str(data, 'password');
    const code = str(data, 'totp_code').replace(/\s+/g, '');
    await submitting(form, ctx.update, async () => {
      try {
        const account = await accountApi.login({ email, password, ...(needCode ? { totp_code: code } : {}) });
        setAccount(account);
        ctx.afterSignIn(ctx.query.get('next'));
      } catch (e) {
        if (isApiError(e, 'mfa_required')) {
          // Not a failure: the second step. Focus moves to the code field once it renders.
          needCode = true;
          queueMicrotask(() => requestAnimationFrame(() => document.getElementById('signin-totp_code')?.focus()));
          return;
        }
        throw e;
      }
    });
  }

  return {
    title: () => t('signin.title'),
    view: () => html`<section class="auth-card">
      ${heading(t('signin.title'), t('signin.lead'))}
      <form class="form" novalidate @submit=${onSubmit} data-testid="signin-form">
        ${formStatus(form)}
        ${field(form, {
          name: 'email',
          label: t('field.email'),
          type: 'email',
          value: email,
          autocomplete: 'username',
          required: true,
          testid: 'signin-email',
        })}
        ${field(form, {
          name: 'password',
          label: t('field.password'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          testid: 'signin-password',
        })}
        ${needCode ? totpCodeField(form, 'totp-code') : nothing}
        <div class="actions">${submitButton(form, t('signin.submit'), 'signin-submit', t('signin.submitting'))}</div>
      </form>
      <div class="auth-links">
        <a href="/forgot-password" data-testid="link-forgot">${t('signin.forgot')}</a>
        <p>${t('signin.no_account')} <a href="/register" data-testid="link-register">${t('signin.register')}</a></p>
      </div>
    </section>`,
  };
};
