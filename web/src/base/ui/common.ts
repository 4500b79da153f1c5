// Pieces most pages share: the heading, loading and load-failure states, back links.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, isApiError } from '../api';
import { t } from '../i18n';

export function heading(title: string, lead?: string): TemplateResult {
  return html`<div class="page-head">
    <h1 tabindex="-1" data-testid="page-title">${title}</h1>
    ${lead ? html`<p class="lead" data-testid="page-lead">${lead}</p>` : nothing}
  </div>`;
}

export function backLink(href: string, label: string): TemplateResult {
  return html`<p class="back"><a href=${href}><span aria-hidden="true">←</span> ${label}</a></p>`;
}

/** Data a page loads from the server, with its loading and failure states. */
export class Loaded<T> {
  value: T | null = null;
  error: ApiError | null = null;
  loading = false;

  constructor(private readonly fetcher: () => Promise<T>, private readonly update: () => void) {}

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    this.update();
    try {
      this.value = await this.fetcher();
    } catch (e) {
      this.error = isApiError(e) ? e : new ApiError({ status: 0, code: 'client', detail: t('error.unexpected') });
    } finally {
      this.loading = false;
      this.update();
    }
  }

  /** Renders `ready(value)` once loaded, else a loading line or the failure with a retry button. */
  view(ready: (value: T) => TemplateResult): TemplateResult {
    if (this.error) {
      return html`<div class="alert alert-error" role="alert" data-testid="load-error">
        <p>${this.error.detail}</p>
        <button type="button" class="btn btn-secondary" @click=${() => void this.load()}>${t('common.retry')}</button>
      </div>`;
    }
    if (this.value === null) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    return ready(this.value);
  }
}
