// Confirms an e-mail address from the link sent at registration (/verify-email#token=...).
import { html } from 'lit-html';
import { isApiError } from '../base/api';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, setAccount } from '../base/session';
import { heading } from '../base/ui/common';
import { accountApi } from './api';
import { takeLinkToken } from './link_token';

export const verifyEmailPage: PageFactory = (ctx) => {
  const token = takeLinkToken();
  let state: 'working' | 'done' | 'invalid' | 'failed' = token ? 'working' : 'invalid';

  async function verify(): Promise<void> {
    try {
      await accountApi.verifyEmail(token);
      state = 'done';
      if (currentAccount()) setAccount(await accountApi.me());
    } catch (e) {
      state = isApiError(e, 'token_invalid') ? 'invalid' : 'failed';
    }
    ctx.update();
  }
  if (token) void verify();

  const body = () => {
    switch (state) {
      case 'working':
        return html`<p class="loading" role="status">${t('verify_email.working')}</p>`;
      case 'done':
        return html`<div class="alert alert-success" role="status" data-testid="verify-email-done">${t('verify_email.done')}</div>
          <p><a class="btn btn-primary" href=${currentAccount() ? '/profile' : '/signin'}>${currentAccount() ? t('verify_email.to_profile') : t('verify_email.to_signin')}</a></p>`;
      case 'invalid':
        return html`<div class="alert alert-error" role="alert" data-testid="verify-email-invalid">${t('verify_email.invalid')}</div>`;
      default:
        return html`<div class="alert alert-error" role="alert">${t('error.unexpected')}</div>`;
    }
  };

  return {
    title: () => t('verify_email.title'),
    view: () => html`<section class="auth-card">${heading(t('verify_email.title'))}${body()}</section>`,
  };
};
