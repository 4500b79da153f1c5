// The account's own page: name, phone and language; e-mail verification and invitations; password;
// authenticator app; signing out.
import { html, nothing } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import type { UiLang } from '../base/api';
import { LANGS, isLang, setLang, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, hasRole, setAccount } from '../base/session';
import { heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import { accountApi } from './api';
import { emailSection } from './profile_email';

/**
 * A hidden username field in a form that only asks for passwords, so password managers (and
 * Chromium's form checker) know whose password it is.
 */
function usernameForPasswordManagers(email: string) {
  return html`<input type="email" name="username" autocomplete="username" value=${email} hidden readonly tabindex="-1" />`;
}

export const profilePage: PageFactory = (ctx) => {
  const details = new FormState('profile');
  const password = new FormState('password');
  const totp = new FormState('totp');
  const sessions = new FormState('sessions');
  let passwordFormKey = 0; // re-created after a change so the fields empty
  const email = emailSection(ctx);

  async function saveDetails(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const preferred = str(data, 'preferred_lang');
    await submitting(details, ctx.update, async () => {
      const account = await accountApi.updateMe({
        display_name: str(data, 'display_name').trim(),
        phone: str(data, 'phone').trim(),
        ...(isLang(preferred) ? { preferred_lang: preferred as UiLang } : {}),
      });
      setAccount(account);
      if (isLang(account.preferred_lang)) setLang(account.preferred_lang);
      details.success = t('profile.saved');
    });
  }

  async function changePassword(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const next = str(data, 'new_password');
    if (next !== str(data, 'new_password_again')) {
      password.reset();
      password.failField('new_password_again', t('form.passwords_differ'));
      ctx.update();
      return;
    }
    await submitting(password, ctx.update, async () => {
      await accountApi.changePassword(str(data, 'current_password'), next);
      passwordFormKey++;
      password.success = t('profile.password_changed');
    });
  }

  async function disableTotp(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    await submitting(totp, ctx.update, async () => {
      await accountApi.totpDisable(str(data, 'password'));
      setAccount(await accountApi.me());
      totp.success = t('profile.totp_disabled');
    });
  }

  async function signOutEverywhere(): Promise<void> {
    await submitting(sessions, ctx.update, async () => {
      await accountApi.logoutEverywhere();
      setAccount(null);
      ctx.flash(t('profile.signed_out_everywhere'));
      ctx.navigate('/signin');
    });
  }

  async function signOut(): Promise<void> {
    await submitting(sessions, ctx.update, async () => {
      await accountApi.logout().catch(() => undefined);
      setAccount(null);
      ctx.flash(t('signout.done'));
      ctx.navigate('/signin');
    });
  }

  const totpSection = () => {
    const account = currentAccount()!;
    const patient = hasRole('patient');
    const staff = hasRole('doctor', 'nurse', 'pharmacist', 'org_admin', 'platform_admin');
    return html`<section class="panel" aria-labelledby="totp-heading">
      <h2 id="totp-heading">${t('profile.totp_title')}</h2>
      <p data-testid="totp-status" data-enabled=${account.totp_enabled ? 'true' : 'false'}>
        <span class="status-dot ${account.totp_enabled ? 'on' : 'off'}" aria-hidden="true"></span>
        ${account.totp_enabled ? t('profile.totp_on') : t('profile.totp_off')}
      </p>
      ${staff ? html`<p class="hint">${t('profile.totp_staff_note')}</p>` : nothing}
      ${formStatus(totp)}
      ${!account.totp_enabled
        ? html`<p class="hint">${t('profile.totp_offer')}</p>
            <p><a class="btn btn-secondary" href="/enrol-totp?next=/profile" data-testid="totp-enable">${t('profile.totp_enable')}</a></p>`
        : patient && !staff
          ? html`<form class="form" novalidate @submit=${disableTotp} data-testid="totp-disable-form">
              ${usernameForPasswordManagers(account.email)}
              ${field(totp, {
                name: 'password',
                label: t('profile.totp_disable_password'),
                type: 'password',
                autocomplete: 'current-password',
                required: true,
                testid: 'totp-disable-password',
              })}
              <div class="actions">${submitButton(totp, t('profile.totp_disable'), 'totp-disable-submit')}</div>
            </form>`
          : nothing}
    </section>`;
  };

  return {
    title: () => t('profile.title'),
    view: () => {
      const account = currentAccount()!;
      const langOptions = LANGS.map((l) => ({ value: l, label: t(`lang.${l}`) }));
      return html`${heading(t('profile.title'))}
        <div class="grid-2">
          <section class="panel" aria-labelledby="details-heading">
            <h2 id="details-heading">${t('profile.details_title')}</h2>
            <form class="form" novalidate @submit=${saveDetails} data-testid="profile-form">
              ${formStatus(details)}
              ${field(details, { name: 'email', label: t('field.email'), value: account.email, readonly: true, hint: t('profile.email_hint'), testid: 'profile-email' })}
              ${field(details, {
                name: 'display_name',
                label: t('field.display_name'),
                value: account.display_name,
                autocomplete: 'name',
                required: true,
                maxlength: 100,
                testid: 'profile-name',
              })}
              ${field(details, { name: 'phone', label: t('field.phone'), type: 'tel', value: account.phone, autocomplete: 'tel', maxlength: 32, testid: 'profile-phone' })}
              ${selectField(details, {
                name: 'preferred_lang',
                label: t('field.preferred_lang'),
                hint: t('profile.lang_hint'),
                options: langOptions,
                value: account.preferred_lang,
                testid: 'profile-lang',
              })}
              <div class="actions">${submitButton(details, t('common.save'), 'profile-submit')}</div>
            </form>
          </section>

          <div id="security" class="stack">
            ${email.view()}
            <section class="panel" aria-labelledby="password-heading">
              <h2 id="password-heading">${t('profile.password_title')}</h2>
              <p class="hint">${t('profile.password_note')}</p>
              ${formStatus(password)}
              ${keyed(
                passwordFormKey,
                html`<form class="form" novalidate @submit=${changePassword} data-testid="password-form">
                ${usernameForPasswordManagers(account.email)}
                ${field(password, {
                  name: 'current_password',
                  label: t('field.current_password'),
                  type: 'password',
                  autocomplete: 'current-password',
                  required: true,
                  testid: 'password-current',
                })}
                ${field(password, {
                  name: 'new_password',
                  label: t('field.new_password'),
                  hint: t('password.rules'),
                  type: 'password',
                  autocomplete: 'new-password',
                  required: true,
                  testid: 'password-new',
                })}
                ${field(password, {
                  name: 'new_password_again',
                  label: t('field.password_again'),
                  type: 'password',
                  autocomplete: 'new-password',
                  required: true,
                  testid: 'password-new-again',
                })}
                <div class="actions">${submitButton(password, t('profile.password_submit'), 'password-submit')}</div>
              </form>`,
              )}
            </section>
            ${totpSection()}
            <section class="panel" aria-labelledby="sessions-heading">
              <h2 id="sessions-heading">${t('profile.sessions_title')}</h2>
              <p class="hint">${t('profile.sessions_note')}</p>
              ${formStatus(sessions)}
              <div class="actions">
                <button type="button" class="btn btn-secondary" ?disabled=${sessions.busy} data-testid="profile-signout" @click=${signOut}>
                  ${t('nav.sign_out')}
                </button>
                <button type="button" class="btn btn-danger" ?disabled=${sessions.busy} data-testid="signout-everywhere" @click=${signOutEverywhere}>
                  ${t('profile.sign_out_everywhere')}
                </button>
              </div>
            </section>
          </div>
        </div>`;
    },
  };
};
