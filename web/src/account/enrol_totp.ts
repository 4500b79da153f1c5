// Authenticator app (TOTP) enrolment: a new pending secret from the server, shown as a QR code and as
// text for typing in, then a 6-digit code to confirm it. Staff must finish this before anything else.
import { html, nothing } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import QRCode from 'qrcode';
import { isApiError } from '../base/api';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, hasRole, setAccount } from '../base/session';
import { Loaded, heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import { accountApi } from './api';

export const enrolTotpPage: PageFactory = (ctx) => {
  const form = new FormState('enrol');
  const enrolment = new Loaded(() => accountApi.totpEnrol(), ctx.update);
  let copied = false;
  void enrolment.load();

  const staff = () => hasRole('doctor', 'nurse', 'pharmacist', 'org_admin', 'platform_admin');

  function drawQr(el: Element | undefined, uri: string): void {
    if (!(el instanceof HTMLCanvasElement) || el.dataset.uri === uri) return;
    el.dataset.uri = uri;
    QRCode.toCanvas(el, uri, { width: 232, margin: 2, errorCorrectionLevel: 'M' }).catch(() => {
      el.dataset.failed = 'true';
    });
  }

  async function copySecret(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      copied = true;
      ctx.update();
    } catch {
      // No clipboard permission: the secret stays on screen to copy by hand.
    }
  }

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const code = str(formValues(event), 'code').replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(code)) {
      form.reset();
      form.failField('code', t('enrol.code_format'));
      ctx.update();
      return;
    }
    await submitting(form, ctx.update, async () => {
      await accountApi.totpConfirm(code);
      setAccount(await accountApi.me());
      ctx.flash(t('enrol.done'));
      ctx.afterSignIn(ctx.query.get('next'));
    });
  }

  const alreadyOn = () => isApiError(enrolment.error, 'conflict');

  return {
    title: () => t('enrol.title'),
    view: () => html`<section class="narrow">
      ${heading(t('enrol.title'), staff() ? t('enrol.lead_staff') : t('enrol.lead_patient'))}
      ${alreadyOn()
        ? html`<div class="alert alert-success" role="status" data-testid="enrol-already">${t('enrol.already_on')}</div>
            <p><a class="btn btn-secondary" href="/home">${t('nav.home')}</a></p>`
        : enrolment.view(
            ({ secret, otpauth_uri }) => html`<ol class="steps">
                <li>
                  <h2>${t('enrol.step1_title')}</h2>
                  <p>${t('enrol.step1_text')}</p>
                </li>
                <li>
                  <h2>${t('enrol.step2_title')}</h2>
                  <div class="qr-wrap">
                    <canvas
                      class="qr"
                      role="img"
                      aria-label=${t('enrol.qr_label')}
                      data-testid="totp-qr"
                      ${ref((el) => drawQr(el, otpauth_uri))}
                    ></canvas>
                  </div>
                  <p>${t('enrol.manual')}</p>
                  <p class="secret-line">
                    <code class="secret" data-testid="totp-secret">${secret}</code>
                    <button type="button" class="btn btn-quiet btn-small" @click=${() => void copySecret(secret)}>
                      ${copied ? t('common.copied') : t('common.copy')}
                    </button>
                  </p>
                  <p class="hint">
                    <a href=${otpauth_uri} data-testid="totp-open-app">${t('enrol.open_app')}</a>
                  </p>
                </li>
                <li>
                  <h2>${t('enrol.step3_title')}</h2>
                  <form class="form" novalidate @submit=${onSubmit} data-testid="enrol-form">
                    ${formStatus(form)}
                    ${field(form, {
                      name: 'code',
                      label: t('enrol.code_label'),
                      hint: t('enrol.code_hint'),
                      inputmode: 'numeric',
                      autocomplete: 'one-time-code',
                      pattern: '[0-9]{6}',
                      maxlength: 6,
                      required: true,
                      testid: 'totp-code',
                    })}
                    <div class="actions">${submitButton(form, t('enrol.submit'), 'enrol-submit')}</div>
                  </form>
                </li>
              </ol>`,
          )}
      ${currentAccount()?.mfa_enrolment_required
        ? html`<p class="hint">${t('enrol.staff_signout_hint')}</p>`
        : html`<p><a href="/profile" data-testid="enrol-cancel">${t('enrol.cancel')}</a></p>`}
      ${nothing}
    </section>`,
  };
};
