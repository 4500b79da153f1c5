// A tiny history router: path patterns with :params, same-origin link interception, back/forward.
import type { TemplateResult } from 'lit-html';

/**
 * public: anyone. guest: only signed out (signed-in users go home). account: any session, even one
 * still to enrol TOTP. signed_in: a complete session.
 */
export type Access = 'public' | 'guest' | 'account' | 'signed_in';

export interface PageContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Re-render after the page's state changed. */
  update(): void;
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Shows a message on the next page rendered (e.g. after a redirect). */
  flash(message: string): void;
  /**
   * For the sign-in, registration, invitation and enrolment pages once the session is (more) complete:
   * adopts the account's language and goes on to `next` (or home), through enrolment when it is due.
   */
  afterSignIn(next: string | null): void;
}

export interface Page {
  title(): string;
  view(): TemplateResult;
  leave?(): void;
}

export type PageFactory = (ctx: PageContext) => Page;

export interface Route {
  path: string;
  access: Access;
  /** When set, the account must hold one of these roles. */
  roles?: string[];
  page: PageFactory;
  /** Shown in the main navigation (to those the route admits) with this label key and test id. */
  nav?: { label: string; testid: string; badge?: NavBadge };
}

/** A live count on a navigation link (e.g. unread notifications); the shell re-renders when it changes. */
export interface NavBadge {
  /** The number shown; 0 hides the badge. */
  count(): number;
  /** What a screen reader hears for the count (also announced politely when it changes). */
  describe(count: number): string;
  subscribe(onChange: () => void): void;
}

export function matchRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: Record<string, string> } | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i]!;
      const v = parts[i]!;
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(v);
        } catch {
          ok = false;
        }
      } else if (p !== v) {
        ok = false;
      }
      if (!ok) break;
    }
    if (ok) return { route, params };
  }
  return null;
}

/** A path inside the app, safe to navigate to after sign-in (no scheme, no other host). */
export function safeNext(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

/** Follows clicks on same-origin links without reloading the page. */
export function interceptLinks(navigate: (path: string) => void): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
