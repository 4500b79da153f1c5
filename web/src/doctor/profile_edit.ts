// A doctor's public profile, edited by the doctor or an admin of their organisation. The fee is
// entered in Hong Kong dollars and sent as fee_cents. A doctor without a profile yet starts blank.
import { html, nothing } from 'lit-html';
import { isApiError } from '../base/api';
import { fallbackMeta, meta } from '../base/codes';
import { codeName, formatMoney, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, hasRole } from '../base/session';
import { Loaded, backLink, heading } from '../base/ui/common';
import { FormState, checkboxGroup, field, formStatus, formValues, str, submitButton, submitting } from '../base/ui/form';
import type { Doctor } from '../booking';
import { doctorApi } from './api';

function dollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

export const doctorEditPage: PageFactory = (ctx) => {
  const id = ctx.params.id ?? '';
  const form = new FormState('doctor');
  let codes = fallbackMeta();
  void meta().then((m) => {
    codes = m;
    ctx.update();
  });
  let isNew = false;
  const doctor = new Loaded<Doctor | null>(async () => {
    try {
      return await doctorApi.doctor(id);
    } catch (e) {
      // No profile yet (or the doctor is not listed publicly): start from a blank one.
      if (isApiError(e, 'not_found')) {
        isNew = true;
        return null;
      }
      throw e;
    }
  }, ctx.update);
  // Loaded treats null as "not loaded yet"; keep a flag for the blank-profile case.
  let loaded = false;
  void doctor.load().then(() => {
    loaded = !doctor.error;
    ctx.update();
  });

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const feeText = str(data, 'fee').trim().replace(/,/g, '');
    if (feeText && !/^\d{1,7}(\.\d{1,2})?$/.test(feeText)) {
      form.reset();
      form.failField('fee_cents', t('doctor.fee_invalid'));
      ctx.update();
      return;
    }
    const fee_cents = feeText ? Math.round(Number(feeText) * 100) : 0;
    await submitting(form, ctx.update, async () => {
      const saved = await doctorApi.putDoctorProfile(id, {
        title: str(data, 'title').trim(),
        name_zh: str(data, 'name_zh').trim(),
        registration_no: str(data, 'registration_no').trim(),
        qualifications: str(data, 'qualifications').trim(),
        bio: { en: str(data, 'bio.en').trim(), 'zh-Hant': str(data, 'bio.zh-Hant').trim(), 'zh-Hans': str(data, 'bio.zh-Hans').trim() },
        specialties: data.getAll('specialties').map(String),
        languages: data.getAll('languages').map(String),
        fee_cents,
      });
      doctor.value = saved;
      isNew = false;
      form.success = t('doctor.saved', { fee: formatMoney(saved.fee.amount_cents, saved.fee.currency) });
    });
  }

  const self = () => currentAccount()?.id === id;

  const formView = (d: Doctor | null) => {
    const v = {
      title: d?.title ?? '',
      name_zh: d?.name_zh ?? '',
      registration_no: d?.registration_no ?? '',
      qualifications: d?.qualifications ?? '',
      bio: d?.bio ?? { en: '', 'zh-Hant': '', 'zh-Hans': '' },
      specialties: d?.specialties ?? [],
      languages: d?.languages ?? [],
      fee: d ? dollars(d.fee.amount_cents) : '',
    };
    return html`${d
        ? html`<p class="lead" data-testid="doctor-identity">${d.display_name} · ${localText(d.organisation.name)}</p>`
        : nothing}
      ${isNew ? html`<div class="alert alert-info" role="status">${t('doctor.new_profile')}</div>` : nothing}
      <form class="form" novalidate @submit=${onSubmit} data-testid="doctor-form">
        ${formStatus(form)}
        <div class="grid-2">
          <section class="panel" aria-labelledby="doctor-basic">
            <h2 id="doctor-basic">${t('doctor.basic_title')}</h2>
            ${field(form, { name: 'title', label: t('doctor.title_field'), hint: t('doctor.title_hint'), value: v.title, maxlength: 50, testid: 'doctor-title' })}
            ${field(form, { name: 'name_zh', label: t('doctor.name_zh'), value: v.name_zh, lang: 'zh-Hant', maxlength: 50, testid: 'doctor-name-zh' })}
            ${field(form, { name: 'registration_no', label: t('doctor.registration_no'), value: v.registration_no, maxlength: 50, testid: 'doctor-registration' })}
            ${field(form, { name: 'qualifications', label: t('doctor.qualifications'), value: v.qualifications, multiline: true, rows: 3, maxlength: 500, testid: 'doctor-qualifications' })}
            ${field(form, {
              name: 'fee',
              errorField: 'fee_cents',
              label: t('doctor.fee'),
              hint: t('doctor.fee_hint'),
              value: v.fee,
              inputmode: 'decimal',
              testid: 'doctor-fee',
            })}
          </section>
          <section class="panel" aria-labelledby="doctor-bio">
            <h2 id="doctor-bio">${t('doctor.bio_title')}</h2>
            ${field(form, { name: 'bio.en', label: t('doctor.bio_en'), value: v.bio.en, lang: 'en', multiline: true, rows: 4, maxlength: 2000, testid: 'doctor-bio-en' })}
            ${field(form, { name: 'bio.zh-Hant', label: t('doctor.bio_zh_hant'), value: v.bio['zh-Hant'], lang: 'zh-Hant', multiline: true, rows: 4, maxlength: 2000, testid: 'doctor-bio-zh-hant' })}
            ${field(form, { name: 'bio.zh-Hans', label: t('doctor.bio_zh_hans'), value: v.bio['zh-Hans'], lang: 'zh-Hans', multiline: true, rows: 4, maxlength: 2000, testid: 'doctor-bio-zh-hans' })}
          </section>
        </div>
        <section class="panel">
          ${checkboxGroup(form, {
            name: 'specialties',
            legend: t('doctor.specialties'),
            hint: t('doctor.specialties_hint'),
            options: codes.specialties.map((c) => ({ value: c, label: codeName('specialty', c) })),
            selected: v.specialties,
            testid: 'doctor-specialty',
            columns: true,
          })}
        </section>
        <section class="panel">
          ${checkboxGroup(form, {
            name: 'languages',
            legend: t('doctor.languages'),
            options: codes.languages.map((c) => ({ value: c, label: codeName('spoken_language', c) })),
            selected: v.languages,
            testid: 'doctor-language',
            columns: true,
          })}
        </section>
        <div class="actions">${submitButton(form, t('common.save'), 'doctor-submit')}</div>
      </form>`;
  };

  return {
    title: () => (self() ? t('doctor.edit_own_title') : t('doctor.edit_title')),
    view: () => {
      const orgId = doctor.value?.organisation.id;
      const back =
        !self() && hasRole('org_admin', 'platform_admin') && orgId
          ? backLink(`/org/${encodeURIComponent(orgId)}/staff`, t('staff.title'))
          : backLink('/home', t('nav.home'));
      return html`${back} ${heading(self() ? t('doctor.edit_own_title') : t('doctor.edit_title'))}
        ${doctor.error
          ? doctor.view(() => html``)
          : loaded
            ? formView(doctor.value)
            : html`<p class="loading" role="status">${t('common.loading')}</p>`}`;
    },
  };
};

