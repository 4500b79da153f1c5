// Platform admin: every organisation, active or not, with links to edit it and to its staff.
import { html } from 'lit-html';
import { codeName, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { Loaded, backLink, heading } from '../base/ui/common';
import { adminApi } from './api';

export const adminOrganisationsPage: PageFactory = (ctx) => {
  const orgs = new Loaded(() => adminApi.adminOrganisations(), ctx.update);
  void orgs.load();

  return {
    title: () => t('orgs.title'),
    view: () => html`${backLink('/home', t('nav.home'))}
      ${heading(t('orgs.title'), t('orgs.lead'))}
      <p class="toolbar">
        <a class="btn btn-primary" href="/admin/organisations/new" data-testid="org-new">${t('orgs.new')}</a>
      </p>
      ${orgs.view((items) =>
        items.length === 0
          ? html`<p class="empty">${t('orgs.none')}</p>`
          : html`<table class="table responsive" data-testid="org-table">
              <caption class="visually-hidden">${t('orgs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('org.name')}</th>
                  <th scope="col">${t('org.kind')}</th>
                  <th scope="col">${t('org.region')}</th>
                  <th scope="col">${t('org.status')}</th>
                  <th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (o) => html`<tr data-testid="org-row" data-org-id=${o.id}>
                    <th scope="row" data-label=${t('org.name')} data-testid="org-row-name">${localText(o.name)}</th>
                    <td data-label=${t('org.kind')} data-testid="org-row-kind">${codeName('org_kind', o.kind)}</td>
                    <td data-label=${t('org.region')} data-testid="org-row-region">${codeName('region', o.region)}</td>
                    <td data-label=${t('org.status')} data-testid="org-row-status">
                      <span class="badge ${o.active ? 'badge-ok' : 'badge-off'}">${o.active ? t('org.active') : t('org.inactive')}</span>
                    </td>
                    <td class="row-actions">
                      <a href=${`/admin/organisations/${encodeURIComponent(o.id)}/edit`} data-testid="org-edit"
                        >${t('common.edit')}<span class="visually-hidden"> ${localText(o.name)}</span></a
                      >
                      <a href=${`/org/${encodeURIComponent(o.id)}/staff`} data-testid="org-staff"
                        >${t('orgs.staff')}<span class="visually-hidden"> ${localText(o.name)}</span></a
                      >
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`,
      )}`,
  };
};
