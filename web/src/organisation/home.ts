// /org: where the main navigation's "Organisation" entry leads. An admin of one organisation goes
// straight to its services; an admin of several picks one.
import { html } from 'lit-html';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { rolesNamed } from '../base/session';
import { heading } from '../base/ui/common';

export const orgHomePage: PageFactory = (ctx) => {
  const orgs = rolesNamed('org_admin').filter((r) => r.organisation_id);
  if (orgs.length === 1) queueMicrotask(() => ctx.navigate(`/org/${encodeURIComponent(orgs[0]!.organisation_id!)}/services`, { replace: true }));
  return {
    title: () => t('orgnav.title'),
    view: () => html`${heading(t('orgnav.title'), t('orgnav.lead'))}
      <ul class="cards" data-testid="org-choose">
        ${orgs.map(
          (r) => html`<li class="card">
            <a class="card-link" href=${`/org/${encodeURIComponent(r.organisation_id!)}/services`} data-testid="org-choose-link">
              <span class="card-title">${localText(r.organisation_name)}</span>
              <span class="card-text">${t('orgnav.choose_text')}</span>
            </a>
          </li>`,
        )}
      </ul>`,
  };
};
