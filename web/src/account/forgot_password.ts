// Ask for a password reset e-mail. The server answers 202 whether or not the account exists, so the
// page says the same thing in every case.
import { html } from 'lit-html';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { accountApi } from './api';

export const forgotPasswordPage: PageFactory = (ctx) => {
  const form = new FormState('forgot');
  let email = '';

  async function onSubmit(event: SubmitEvent): Promise<void> {
    email = str(formValues(event), 'email').trim();
    await submitting(form, ctx.update, async () => {
      await accountApi.requestPasswordReset(email);
      form.success = t('forgot.sent', { email });
    });
  }

  return {
    title: () => t('forgot.title'),
    view: () => html`<section class="auth-card">
      ${heading(t('forgot.title'), t('forgot.lead'))}
      <form class="form" novalidate @submit=${onSubmit} data-testid="forgot-form">
        ${formStatus(form)}
        ${field(form, {
          name: 'email',
          label: t('field.email'),
          type: 'email',
          value: email,
          autocomplete: 'email',
          required: true,
          testid: 'forgot-email',
        })}
        <div class="actions">${submitButton(form, t('forgot.submit'), 'forgot-submit')}</div>
      </form>
      <div class="auth-links"><a href="/signin">${t('forgot.back')}</a></div>
    </section>`,
  };
};
