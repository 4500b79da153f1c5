// The outcome of a schedule change: slots added and withdrawn, and (unmissably) how many booked
// appointments now need rebooking; their patients were notified by the server.
import { html, nothing, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';
import type { SlotChange } from './api';

export function slotChangeView(what: string, slots: SlotChange, prefix: string): TemplateResult {
  return html`<div class="slot-change" tabindex="-1" role="status" data-testid=${`${prefix}-result`}
      data-added=${String(slots.added)} data-withdrawn=${String(slots.withdrawn)} data-rebook=${String(slots.needs_rebooking)}>
    <div class="alert alert-success"><p>${what} ${slotChangeText(slots)}</p></div>
    ${slots.needs_rebooking > 0
      ? html`<div class="alert alert-error" data-testid=${`${prefix}-rebook`}>
          <p><strong>${t('avail.rebook_title', { count: slots.needs_rebooking })}</strong></p>
          <p>${t('avail.rebook_text')}</p>
        </div>`
      : nothing}
  </div>`;
}

/** What a schedule change did to the slots, e.g. "3 new times, 1 removed". */
function slotChangeText(s: SlotChange): string {
  return t('avail.slots_changed', { added: s.added, withdrawn: s.withdrawn });
}
