// The application shell: finds the page for the address, applies the sign-in guards, renders the frame
// and the page, and keeps the language and the session in step with the server.
import { render } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { accountApi } from '../account';
import { setAuthProblemHandler } from '../base/api';
import { applyDocumentLang, lang, onLangChange, setLang, storedLang, t, type Lang } from '../base/i18n';
import { live } from '../base/live';
import { interceptLinks, matchRoute, safeNext, type Page, type PageContext, type Route } from '../base/router';
import { currentAccount, fullySignedIn, hasRole, setAccount } from '../base/session';
import { layout } from './layout';
import { routes, forbiddenPage, notFoundPage } from './routes';

const root = document.getElementById('app')!;

let active: { page: Page; key: number; path: string } | null = null;
let nextKey = 1;
let pendingNotice: string | null = null;
let notice: string | null = null;

function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  show(true);
}

function flash(message: string): void {
  pendingNotice = message;
}

/** Where the guards send this address, or null to show it. */
function redirectFor(route: Route | null, pathname: string, search: string): string | null {
  const account = currentAccount();
  if (pathname === '/' || pathname === '') return account ? '/home' : '/signin';
  if (!route) return null;
  const here = pathname + search;
  switch (route.access) {
    case 'public':
      return null;
    case 'guest':
      if (!account) return null;
      return account.mfa_enrolment_required ? '/enrol-totp' : '/home';
    case 'account':
      return account ? null : `/signin?next=${encodeURIComponent(here)}`;
    case 'signed_in':
      if (!account) return `/signin?next=${encodeURIComponent(here)}`;
      if (account.mfa_enrolment_required) return `/enrol-totp?next=${encodeURIComponent(here)}`;
      return null;
  }
}

function show(userAction: boolean): void {
  let url = new URL(location.href);
  let match = matchRoute(routes, url.pathname);
  for (let hops = 0; hops < 4; hops++) {
    const target = redirectFor(match?.route ?? null, url.pathname, url.search);
    if (!target) break;
    history.replaceState(null, '', target);
    url = new URL(location.href);
    match = matchRoute(routes, url.pathname);
  }

  active?.page.leave?.();
  const key = nextKey++;
  const ctx: PageContext = {
    params: match?.params ?? {},
    query: url.searchParams,
    update: () => {
      if (active?.key === key) renderApp();
    },
    navigate: (path, options) => {
      if (active?.key === key) navigate(path, options);
    },
    flash,
    afterSignIn,
  };
  let page: Page;
  if (!match) page = notFoundPage(ctx);
  else if (match.route.roles && !hasRole(...match.route.roles)) page = forbiddenPage(ctx);
  else page = match.route.page(ctx);
  active = { page, key, path: url.pathname };
  notice = pendingNotice;
  pendingNotice = null;
  renderApp();

  if (userAction) {
    const target = url.hash ? document.getElementById(url.hash.slice(1)) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
    // Tell screen-reader users the page changed: move focus to the new page's heading.
    (document.querySelector('main h1') as HTMLElement | null)?.focus({ preventScroll: Boolean(target) });
  }
}

function renderApp(): void {
  if (!active) return;
  const { page, key, path } = active;
  document.title = `${page.title()} · ${t('app.name')}`;
  const nav = routes
    .filter((r) => r.nav && (!r.roles || hasRole(...r.roles)))
    .map((r) => ({ href: r.path, label: r.nav!.label, testid: r.nav!.testid, badge: r.nav!.badge }));
  render(layout(keyed(key, page.view()), notice, path, { switchLang, signOut }, nav), root);
}

function switchLang(l: Lang): void {
  setLang(l);
  if (fullySignedIn() && currentAccount()?.preferred_lang !== l) {
    accountApi.updateMe({ preferred_lang: l }).then(
      (account) => {
        setAccount(account);
        renderApp();
      },
      () => {
        // The UI switched anyway; the account keeps its old language until the next change.
      },
    );
  }
}

async function signOut(): Promise<void> {
  try {
    await accountApi.logout();
  } catch {
    // Signed out locally either way; the cookie may already be gone.
  }
  setAccount(null);
  flash(t('signout.done'));
  navigate('/signin');
}

export async function start(): Promise<void> {
  applyDocumentLang();
  onLangChange(() => renderApp());
  setAuthProblemHandler((error, path) => {
    const account = currentAccount();
    if (!account || path.endsWith('/auth/login')) return;
    if (error.status === 401 && error.code === 'unauthenticated') {
      // The session ended (timed out, signed out elsewhere, password changed on another device).
      setAccount(null);
      flash(t('signin.session_ended'));
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    } else if (error.code === 'mfa_enrolment_required' && location.pathname !== '/enrol-totp') {
      setAccount({ ...account, mfa_enrolment_required: true });
      navigate('/enrol-totp', { replace: true });
    }
  });
  live.setSessionCheck(async () => {
    // A 401 here reaches the handler above (signed out); otherwise the account as it is now.
    setAccount(await accountApi.me());
  });
  for (const r of routes) r.nav?.badge?.subscribe(() => renderApp());
  interceptLinks((path) => navigate(path));
  window.addEventListener('popstate', () => show(true));

  try {
    const account = await accountApi.me();
    setAccount(account);
    adoptAccountLang();
  } catch {
    setAccount(null);
  }
  show(false);
}

/** After sign-in: use the account's language unless the user picked one on this device. */
function adoptAccountLang(): void {
  const account = currentAccount();
  if (account && !storedLang() && account.preferred_lang !== lang()) setLang(account.preferred_lang, false);
}

/** Given to the pages as PageContext.afterSignIn (sign-in, register, invitation, enrolment). */
function afterSignIn(next: string | null): void {
  adoptAccountLang();
  const account = currentAccount();
  if (account?.mfa_enrolment_required) {
    const n = safeNext(next);
    navigate(n ? `/enrol-totp?next=${encodeURIComponent(n)}` : '/enrol-totp', { replace: true });
  } else {
    navigate(safeNext(next) ?? '/home', { replace: true });
  }
}
