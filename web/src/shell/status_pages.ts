// Pages for addresses that do not exist and for pages this account may not open.
import { html } from 'lit-html';
import { t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount } from '../base/session';
import { heading } from '../base/ui/common';

export const notFoundPage: PageFactory = () => ({
  title: () => t('notfound.title'),
  view: () => html`<section class="narrow" data-testid="not-found">
    ${heading(t('notfound.title'), t('notfound.text'))}
    <p><a class="btn btn-primary" href=${currentAccount() ? '/home' : '/signin'}>${t('notfound.back')}</a></p>
  </section>`,
});

export const forbiddenPage: PageFactory = () => ({
  title: () => t('forbidden.title'),
  view: () => html`<section class="narrow" data-testid="forbidden">
    ${heading(t('forbidden.title'), t('forbidden.text'))}
    <p><a class="btn btn-primary" href="/home">${t('nav.home')}</a></p>
  </section>`,
});
