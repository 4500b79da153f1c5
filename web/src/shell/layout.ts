// The page frame: skip link, top bar (brand, navigation, language switcher, sign out), notice, footer.
import { html, nothing, type TemplateResult } from 'lit-html';
import { LANGS, lang, t, type Lang } from '../base/i18n';
import type { NavBadge } from '../base/router';
import { currentAccount, fullySignedIn } from '../base/session';

export interface LayoutActions {
  switchLang(l: Lang): void;
  signOut(): void;
}

export function languageSwitcher(onChange: (l: Lang) => void): TemplateResult {
  return html`<label class="lang-switcher">
    <span class="visually-hidden">${t('lang.switcher_label')}</span>
    <span class="lang-icon" aria-hidden="true">文</span>
    <select
      data-testid="lang-switcher"
      aria-label=${t('lang.switcher_label')}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as Lang)}
    >
      ${LANGS.map((l) => html`<option value=${l} lang=${l} ?selected=${l === lang()}>${t(`lang.${l}`)}</option>`)}
    </select>
  </label>`;
}

/** A main-navigation link: label key, test id, address. */
export interface NavEntry {
  href: string;
  label: string;
  testid: string;
  badge?: NavBadge | undefined;
}

/** The count beside a navigation link (`{testid}-badge`), read out as its description. */
function navBadge(n: NavEntry): TemplateResult | typeof nothing {
  const count = n.badge?.count() ?? 0;
  if (!n.badge || count <= 0) return nothing;
  return html` <span class="nav-badge" aria-hidden="true" data-testid=${`${n.testid}-badge`}>${count > 99 ? '99+' : count}</span
    ><span class="visually-hidden">(${n.badge.describe(count)})</span>`;
}

export function layout(
  content: unknown,
  notice: string | null,
  currentPath: string,
  actions: LayoutActions,
  nav: readonly NavEntry[] = [],
): TemplateResult {
  const account = currentAccount();
  const full = fullySignedIn();
  const navLink = (n: NavEntry) =>
    html`<a href=${n.href} data-testid=${n.testid} aria-current=${currentPath === n.href ? 'page' : 'false'}
      >${t(n.label)}${navBadge(n)}</a
    >`;
  // Live counts are announced politely when they change (the region exists before it has text).
  const announcements = full
    ? nav.filter((n) => n.badge && n.badge.count() > 0).map((n) => `${t(n.label)}: ${n.badge!.describe(n.badge!.count())}`)
    : [];
  return html`<a class="skip-link" href="#main">${t('nav.skip')}</a>
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href=${account ? '/home' : '/signin'} data-testid="brand">
          <img src="/icons/icon.svg" alt="" width="28" height="28" />
          <span>${t('app.name')}</span>
        </a>
        ${full
          ? html`<nav class="mainnav" aria-label=${t('nav.label')}>
              ${nav.map((n) => navLink(n))}
            </nav>`
          : nothing}
        <div class="topbar-tools">${languageSwitcher(actions.switchLang)}</div>
        ${account
          ? html`<div class="topbar-user">
              <span class="whoami" data-testid="whoami" title=${account.email}>${account.display_name}</span>
              <button type="button" class="btn btn-quiet" data-testid="signout" @click=${actions.signOut}>
                ${t('nav.sign_out')}
              </button>
            </div>`
          : nothing}
      </div>
    </header>
    <div class="visually-hidden" aria-live="polite" data-testid="nav-live">${announcements.join('; ')}</div>
    <div class="notice-region" role="status" aria-live="polite">
      ${notice ? html`<div class="notice" data-testid="notice">${notice}</div>` : nothing}
    </div>
    <main id="main" class="main" tabindex="-1">${content}</main>
    <footer class="footer">
      <p>${t('footer.text')}</p>
    </footer>`;
}
