// The organisation admin's pages of one organisation, as tabs: staff, services, availability,
// holidays (and the record's emergency-access review, a page of the records area). Shown on each of them (and linked from the main navigation through /org).
import { html, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';

const TABS = [
  { page: 'staff', label: 'orgnav.staff' },
  { page: 'services', label: 'orgnav.services' },
  { page: 'availability', label: 'orgnav.availability' },
  { page: 'holidays', label: 'orgnav.holidays' },
] as const;

export type OrgPage = (typeof TABS)[number]['page'];

export function orgTabs(org: string, current: OrgPage): TemplateResult {
  return html`<nav class="org-tabs" aria-label=${t('orgnav.label')} data-testid="org-tabs">
    ${TABS.map(
      (tab) => html`<a
        href=${`/org/${encodeURIComponent(org)}/${tab.page}`}
        aria-current=${tab.page === current ? 'page' : 'false'}
        data-testid=${`org-tab-${tab.page}`}
        >${t(tab.label)}</a
      >`,
    )}
    <a href=${`/org/emergency-accesses?org=${encodeURIComponent(org)}`} aria-current="false" data-testid="org-tab-emergency">${t('orgnav.emergency')}</a>
  </nav>`;
}
