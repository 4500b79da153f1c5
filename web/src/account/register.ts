// Create a patient account; the server signs the new patient in at once and e-mails a link that
// verifies the address.
import { html } from 'lit-html';
import { lang, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { setAccount } from '../base/session';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { accountApi } from './api';

export const registerPage: PageFactory = (ctx) => {
  const form = new FormState('register');
  const kept = { display_name: '', email: '', phone: '' };

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    kept.display_name = str(data, 'display_name').trim();
    kept.email = str(data, 'email').trim();
    kept.phone = str(data, 'phone').trim();
    const password = str(data, 'password');
    if (password !== str(data, 'password_again')) {
      form.reset();
      form.failField('password_again', t('form.passwords_differ'));
      ctx.update();
      return;
    }
    await submitting(form, ctx.update, async () => {
      const account = await accountApi.register({
        email: kept.email,
        password,
        display_name: kept.display_name,
        preferred_lang: lang(),
        ...(kept.phone ? { phone: kept.phone } : {}),
      });
      setAccount(account);
      ctx.flash(`${t('register.welcome', { name: account.display_name })} ${t('verify_email.sent', { email: account.email })}`);
      ctx.afterSignIn(ctx.query.get('next'));
    });
  }

  return {
    title: () => t('register.title'),
    view: () => html`<section class="auth-card">
      ${heading(t('register.title'), t('register.lead'))}
      <form class="form" novalidate @submit=${onSubmit} data-testid="register-form">
        ${formStatus(form)}
        ${field(form, {
          name: 'display_name',
          label: t('field.display_name'),
          hint: t('register.name_hint'),
          value: kept.display_name,
          autocomplete: 'name',
          required: true,
          maxlength: 100,
          testid: 'register-name',
        })}
        ${field(form, {
          name: 'email',
          label: t('field.email'),
          type: 'email',
          value: kept.email,
          autocomplete: 'email',
          required: true,
          testid: 'register-email',
        })}
        ${field(form, {
          name: 'phone',
          label: t('field.phone_optional'),
          type: 'tel',
          value: kept.phone,
          autocomplete: 'tel',
          maxlength: 32,
          testid: 'register-phone',
        })}
        ${field(form, {
          name: 'password',
          label: t('field.password'),
          hint: t('password.rules'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          testid: 'register-password',
        })}
        ${field(form, {
          name: 'password_again',
          label: t('field.password_again'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          testid: 'register-password-again',
        })}
        <p class="hint">${t('register.lang_note')}</p>
        <div class="actions">${submitButton(form, t('register.submit'), 'register-submit')}</div>
      </form>
      <div class="auth-links">
        <p>${t('register.have_account')} <a href="/signin" data-testid="link-signin">${t('register.signin')}</a></p>
      </div>
    </section>`,
  };
};
