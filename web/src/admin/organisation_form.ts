// Platform admin: create an organisation (/admin/organisations/new) or change one (/:org/edit).
import { html, nothing } from 'lit-html';
import { ApiError, type Names } from '../base/api';
import { fallbackMeta, meta } from '../base/codes';
import { codeName, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { Loaded, backLink, heading } from '../base/ui/common';
import { FormState, field, formStatus, formValues, selectField, str, submitButton, submitting } from '../base/ui/form';
import type { Organisation } from '../organisation';
import { adminApi, type OrganisationInput } from './api';

const blank: Organisation = {
  id: '',
  kind: 'clinic',
  name: { en: '', 'zh-Hant': '', 'zh-Hans': '' },
  region: 'hong_kong',
  address: '',
  phone: '',
  email: '',
  active: true,
};

export const organisationFormPage: PageFactory = (ctx) => {
  const id = ctx.params.org ?? '';
  const creating = !id;
  const form = new FormState('org');
  let codes = fallbackMeta();
  void meta().then((m) => {
    codes = m;
    ctx.update();
  });
  const org = new Loaded<Organisation>(async () => {
    if (creating) return blank;
    const found = (await adminApi.adminOrganisations()).find((o) => o.id === id);
    if (!found) throw new ApiError({ status: 404, code: 'not_found', detail: t('orgform.not_found') });
    return found;
  }, ctx.update);
  void org.load();

  async function onSubmit(event: SubmitEvent): Promise<void> {
    const data = formValues(event);
    const name: Names = { en: str(data, 'name.en').trim(), 'zh-Hant': str(data, 'name.zh-Hant').trim(), 'zh-Hans': str(data, 'name.zh-Hans').trim() };
    const body: OrganisationInput = {
      kind: str(data, 'kind'),
      name,
      region: str(data, 'region'),
      address: str(data, 'address').trim(),
      phone: str(data, 'phone').trim(),
      email: str(data, 'email').trim(),
    };
    if (!creating) body.active = data.get('active') === 'on';
    await submitting(form, ctx.update, async () => {
      const saved = creating ? await adminApi.createOrganisation(body) : await adminApi.updateOrganisation(id, body);
      const name = localText(saved.name);
      ctx.flash(creating ? t('orgform.created', { name }) : t('orgform.saved', { name }));
      ctx.navigate('/admin/organisations');
    });
  }

  const title = () => (creating ? t('orgform.new_title') : t('orgform.edit_title'));

  return {
    title,
    view: () => html`${backLink('/admin/organisations', t('orgs.title'))}
      ${heading(title())}
      ${org.view(
        (o) => html`<form class="form panel" novalidate @submit=${onSubmit} data-testid="org-form">
          ${formStatus(form)}
          ${selectField(form, {
            name: 'kind',
            label: t('org.kind'),
            options: codes.organisation_kinds.map((k) => ({ value: k, label: codeName('org_kind', k) })),
            value: o.kind,
            required: true,
            testid: 'org-kind',
          })}
          <fieldset class="field-group">
            <legend>${t('org.names')}</legend>
            ${field(form, { name: 'name.en', label: t('org.name_en'), value: o.name.en, lang: 'en', required: true, maxlength: 200, testid: 'org-name-en' })}
            ${field(form, { name: 'name.zh-Hant', label: t('org.name_zh_hant'), value: o.name['zh-Hant'], lang: 'zh-Hant', required: true, maxlength: 200, testid: 'org-name-zh-hant' })}
            ${field(form, { name: 'name.zh-Hans', label: t('org.name_zh_hans'), value: o.name['zh-Hans'], lang: 'zh-Hans', required: true, maxlength: 200, testid: 'org-name-zh-hans' })}
          </fieldset>
          ${selectField(form, {
            name: 'region',
            label: t('org.region'),
            options: codes.regions.map((r) => ({ value: r, label: codeName('region', r) })),
            value: o.region,
            required: true,
            testid: 'org-region',
          })}
          ${field(form, { name: 'address', label: t('org.address'), value: o.address, autocomplete: 'off', maxlength: 500, multiline: true, rows: 2, testid: 'org-address' })}
          ${field(form, { name: 'phone', label: t('field.phone'), type: 'tel', value: o.phone, maxlength: 32, testid: 'org-phone' })}
          ${field(form, { name: 'email', label: t('field.email'), type: 'email', value: o.email, testid: 'org-email' })}
          ${creating
            ? nothing
            : html`<div class="field">
                <label class="check">
                  <input type="checkbox" name="active" ?checked=${o.active} data-testid="org-active" />
                  <span>${t('org.active_label')}</span>
                </label>
                <p class="hint">${t('org.active_hint')}</p>
              </div>`}
          <div class="actions">
            ${submitButton(form, creating ? t('orgform.create') : t('common.save'), 'org-submit')}
            <a class="btn btn-quiet" href="/admin/organisations">${t('common.cancel')}</a>
          </div>
        </form>`,
      )}`,
  };
};
