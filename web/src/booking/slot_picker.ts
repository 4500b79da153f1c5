// Free slots of one doctor, a week at a time: a row of days (with how many times are free) and the
// times of the chosen day. "Later" / "Earlier" move the week; slots exist up to 60 days ahead.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, isApiError } from '../base/api';
import { localText, t } from '../base/i18n';
import { bookingApi, type Slot } from './api';
import { addDays, consultationType, hkClock, formatDay, formatFee, hkDay, hkToday } from './format';

const WINDOW_DAYS = 7;
/** The server materialises slots this far ahead. */
const HORIZON_DAYS = 60;

export interface SlotPickerOptions {
  doctorId: string;
  /** Only this service's slots (rescheduling keeps the service). */
  serviceId?: string;
  /** First day shown (YYYY-MM-DD, Hong Kong); today when absent or past. */
  from?: string;
  /** The day selected at first, when it is in the window. */
  day?: string;
  /** Slot ids not to offer (the appointment's own slot when rescheduling). */
  exclude?: string;
  /** Called when the window or selected day changed (pages keep them in the address). */
  onMove?: (from: string, day: string | null) => void;
  update: () => void;
}

export class SlotPicker {
  from: string;
  day: string | null;
  serviceId: string | undefined;
  slots: Slot[] = [];
  loading = false;
  error: ApiError | null = null;
  private generation = 0;

  constructor(private readonly o: SlotPickerOptions) {
    const today = hkToday();
    this.from = o.from && o.from >= today && o.from <= addDays(today, HORIZON_DAYS) ? o.from : today;
    this.day = o.day ?? null;
    this.serviceId = o.serviceId;
  }

  get days(): string[] {
    return Array.from({ length: WINDOW_DAYS }, (_, i) => addDays(this.from, i));
  }

  slotsOn(day: string): Slot[] {
    return this.slots.filter((s) => hkDay(s.starts_at) === day);
  }

  async load(): Promise<void> {
    const mine = ++this.generation;
    this.loading = true;
    this.error = null;
    this.o.update();
    try {
      const r = await bookingApi.slots(this.o.doctorId, { from: this.from, days: WINDOW_DAYS, service: this.serviceId });
      if (mine !== this.generation) return;
      this.slots = r.items.filter((s) => s.id !== this.o.exclude);
      // Keep the chosen day when it still has times, else the first day that has some.
      if (!this.day || !this.days.includes(this.day) || this.slotsOn(this.day).length === 0) {
        this.day = this.days.find((d) => this.slotsOn(d).length > 0) ?? null;
      }
    } catch (e) {
      if (mine !== this.generation) return;
      this.error = isApiError(e) ? e : new ApiError({ status: 0, code: 'client', detail: t('error.unexpected') });
    } finally {
      if (mine === this.generation) {
        this.loading = false;
        this.o.onMove?.(this.from, this.day);
        this.o.update();
      }
    }
  }

  /** Shows the week starting at `from`. */
  move(from: string): void {
    this.from = from;
    this.day = null;
    void this.load();
  }

  setService(serviceId: string | undefined): void {
    this.serviceId = serviceId;
    void this.load();
  }

  private pick(day: string): void {
    this.day = day;
    this.o.onMove?.(this.from, day);
    this.o.update();
  }

  view(choose: (slot: Slot) => void, chosen?: string): TemplateResult {
    const today = hkToday();
    const canEarlier = this.from > today;
    const canLater = addDays(this.from, WINDOW_DAYS) <= addDays(today, HORIZON_DAYS);
    const times = this.day ? this.slotsOn(this.day) : [];
    const services = new Set(this.slots.map((s) => s.service_id));
    const status = this.loading
      ? t('common.loading')
      : this.error
        ? ''
        : this.day
          ? t('booking.slots.count_on_day', { count: times.length, day: formatDay(this.day, 'long') })
          : t('booking.slots.none_in_window', { from: formatDay(this.from), to: formatDay(addDays(this.from, WINDOW_DAYS - 1)) });
    return html`<div class="slot-picker" data-testid="slot-picker" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="bk-slot-nav">
        <button type="button" class="btn btn-secondary btn-small" ?disabled=${!canEarlier || this.loading}
          data-testid="slots-earlier" @click=${() => this.move(addDays(this.from, -WINDOW_DAYS) < today ? today : addDays(this.from, -WINDOW_DAYS))}>
          <span aria-hidden="true">←</span> ${t('booking.slots.earlier')}
        </button>
        <span class="bk-slot-range" data-testid="slots-range">${formatDay(this.from)} – ${formatDay(addDays(this.from, WINDOW_DAYS - 1))}</span>
        <button type="button" class="btn btn-secondary btn-small" ?disabled=${!canLater || this.loading}
          data-testid="slots-later" @click=${() => this.move(addDays(this.from, WINDOW_DAYS))}>
          ${t('booking.slots.later')} <span aria-hidden="true">→</span>
        </button>
      </div>
      ${this.error
        ? html`<div class="alert alert-error" role="alert" data-testid="slots-error">
            <p>${this.error.detail}</p>
            <button type="button" class="btn btn-secondary btn-small" @click=${() => void this.load()}>${t('common.retry')}</button>
          </div>`
        : nothing}
      <ul class="bk-day-picker" aria-label=${t('booking.slots.days_label')}>
        ${this.days.map((d) => {
          const n = this.slotsOn(d).length;
          return html`<li>
            <button type="button" class="bk-day-button" aria-pressed=${d === this.day ? 'true' : 'false'} ?disabled=${n === 0 || this.loading}
              data-testid="slot-day" data-day=${d} data-free=${n} @click=${() => this.pick(d)}>
              <span class="bk-day-name">${formatDay(d)}</span>
              <span class="bk-day-count">${this.loading ? '…' : n === 0 ? t('booking.slots.day_full') : t('booking.slots.day_free', { count: n })}</span>
            </button>
          </li>`;
        })}
      </ul>
      <p class="bk-slot-status" role="status" aria-live="polite" data-testid="slots-status">${status}</p>
      ${times.length
        ? html`<ul class="bk-slot-times" aria-label=${this.day ? formatDay(this.day, 'long') : ''}>
            ${times.map(
              (s) => html`<li>
                <button type="button" class="bk-slot-button" aria-pressed=${s.id === chosen ? 'true' : 'false'}
                  data-testid="slot" data-slot-id=${s.id} data-starts-at=${s.starts_at} @click=${() => choose(s)}>
                  <span class="bk-slot-time">${hkClock(s.starts_at)}</span>
                  <span class="bk-slot-meta">${services.size > 1 ? html`${localText(s.service_name)} · ` : nothing}${consultationType(s.consultation_type)}
                    · ${formatFee(s.fee_cents, s.currency)}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }
}
