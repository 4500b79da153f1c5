// Editor of a queue's opening hours: around the clock, or windows of Hong Kong time on weekdays
// (several a day allowed, at most 64 in all as the server takes).
import { html, nothing, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';
import { clock, parseClock, weekdayName } from '../base/time';
import type { HoursWindow } from '../queue';

const MAX_WINDOWS = 64;

interface Row {
  key: number;
  weekday: number;
  from: string;
  to: string;
}

export class HoursEditor {
  always: boolean;
  rows: Row[];
  private nextKey = 1;

  constructor(hours: HoursWindow[] | null, private readonly update: () => void) {
    this.always = !hours || hours.length === 0;
    this.rows = (hours ?? []).map((w) => ({ key: this.nextKey++, weekday: w.weekday, from: clock(w.from), to: clock(w.to) }));
  }

  /** The windows entered, null for around the clock, or a message when one is not a valid time span. */
  read(): { hours: HoursWindow[] | null } | { error: string } {
    if (this.always) return { hours: null };
    if (this.rows.length === 0) return { error: t('orgsvc.hours.need_one') };
    const out: HoursWindow[] = [];
    for (const r of this.rows) {
      const from = parseClock(r.from);
      // "24:00" is the end of the day.
      const to = r.to.trim() === '24:00' ? 1440 : parseClock(r.to);
      if (from === null || to === null || from >= to) return { error: t('orgsvc.hours.invalid_row', { day: weekdayName(r.weekday) }) };
      out.push({ weekday: r.weekday, from, to });
    }
    return { hours: out };
  }

  private addRow(): void {
    if (this.rows.length >= MAX_WINDOWS) return;
    const last = this.rows[this.rows.length - 1];
    this.rows = [
      ...this.rows,
      { key: this.nextKey++, weekday: last ? (last.weekday % 7) + 1 : 1, from: last?.from ?? '09:00', to: last?.to ?? '17:00' },
    ];
    this.update();
  }

  view(id: string, error: string | undefined): TemplateResult {
    const set = (r: Row, change: Partial<Row>) => Object.assign(r, change);
    return html`<fieldset class="field hours-editor ${error ? 'has-error' : ''}" data-testid=${`${id}-hours`} aria-describedby=${error ? `${id}-hours-error` : nothing}>
      <legend>${t('orgsvc.hours.legend')}</legend>
      <label class="check">
        <input type="radio" name=${`${id}-hours-mode`} .checked=${this.always} data-testid=${`${id}-hours-always`} @change=${() => { this.always = true; this.update(); }} />
        <span>${t('orgsvc.hours.always')}</span>
      </label>
      <label class="check">
        <input type="radio" name=${`${id}-hours-mode`} .checked=${!this.always} data-testid=${`${id}-hours-set`} @change=${() => { this.always = false; if (!this.rows.length) this.addRow(); this.update(); }} />
        <span>${t('orgsvc.hours.set')}</span>
      </label>
      ${this.always
        ? nothing
        : html`<p class="hint">${t('orgsvc.hours.hint')}</p>
            <ul class="hours-rows">
              ${this.rows.map(
                (r, i) => html`<li class="hours-row" data-testid=${`${id}-hours-row`}>
                  <label class="visually-hidden" for=${`${id}-wd-${r.key}`}>${t('orgsvc.hours.weekday_n', { n: i + 1 })}</label>
                  <select id=${`${id}-wd-${r.key}`} @change=${(e: Event) => set(r, { weekday: Number((e.target as HTMLSelectElement).value) })}>
                    ${[1, 2, 3, 4, 5, 6, 7].map((d) => html`<option value=${d} ?selected=${d === r.weekday}>${weekdayName(d)}</option>`)}
                  </select>
                  <label class="visually-hidden" for=${`${id}-from-${r.key}`}>${t('orgsvc.hours.from_n', { n: i + 1 })}</label>
                  <input id=${`${id}-from-${r.key}`} type="time" .value=${r.from} @input=${(e: Event) => set(r, { from: (e.target as HTMLInputElement).value })} />
                  <span aria-hidden="true">–</span>
                  <label class="visually-hidden" for=${`${id}-to-${r.key}`}>${t('orgsvc.hours.to_n', { n: i + 1 })}</label>
                  <input id=${`${id}-to-${r.key}`} type="time" .value=${r.to} @input=${(e: Event) => set(r, { to: (e.target as HTMLInputElement).value })} />
                  <button type="button" class="btn btn-quiet btn-small" @click=${() => { this.rows = this.rows.filter((x) => x !== r); this.update(); }}>
                    ${t('orgsvc.hours.remove')}<span class="visually-hidden"> ${t('orgsvc.hours.weekday_n', { n: i + 1 })}</span>
                  </button>
                </li>`,
              )}
            </ul>
            <button type="button" class="btn btn-secondary btn-small" ?disabled=${this.rows.length >= MAX_WINDOWS} data-testid=${`${id}-hours-add`} @click=${() => this.addRow()}>${t('orgsvc.hours.add')}</button>`}
      ${error ? html`<p class="field-error" id=${`${id}-hours-error`}>${error}</p>` : nothing}
    </fieldset>`;
  }
}
