// The trend of a repeated test or measurement (GET /patients/{p}/record/trends?code=system|code),
// drawn with uPlot: the values over time, the reference range shaded with its limits as dashed lines,
// values outside it marked H or L. The same points are listed in a table under the chart (what a
// screen reader reads; the canvas is hidden from it). uPlot is loaded the first time a chart is drawn,
// so it stays out of the app's main bundle.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import type uPlot from 'uplot';
import { lang, localText, t } from '../base/i18n';
import { Loaded } from '../base/ui/common';
import { recordsApi, type Code, type Trend } from './api';
import { rangeText, recordDate } from './format';

const HEIGHT = 240;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const num = (v: number): string => new Intl.NumberFormat(lang(), { maximumFractionDigits: 2 }).format(v);

function shortDate(seconds: number): string {
  return new Intl.DateTimeFormat(lang(), { timeZone: 'Asia/Hong_Kong', month: 'short', day: 'numeric', year: '2-digit' }).format(new Date(seconds * 1000));
}

export class TrendPanel {
  code: Code | null = null;
  private trend: Loaded<Trend> | null = null;
  private host: HTMLElement | null = null;
  private plot: uPlot | null = null;
  private drawn: Trend | null = null;
  private resize: ResizeObserver | null = null;
  private static library: Promise<typeof uPlot> | null = null;

  constructor(
    private readonly patient: string,
    private readonly as: () => string | null,
    private readonly update: () => void,
  ) {}

  show(code: Code): void {
    this.dispose();
    this.code = code;
    this.trend = new Loaded(() => recordsApi.trend(this.patient, code, this.as()), () => {
      this.update();
      this.schedule();
    });
    void this.trend.load();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#record-trend-heading')?.focus());
  }

  close(): void {
    this.dispose();
    this.code = null;
    this.trend = null;
    this.update();
  }

  dispose(): void {
    this.plot?.destroy();
    this.plot = null;
    this.drawn = null;
    this.resize?.disconnect();
    this.resize = null;
  }

  private readonly setHost = (el?: Element): void => {
    if (el === this.host) return;
    this.dispose();
    this.host = (el as HTMLElement | undefined) ?? null;
    this.schedule();
  };

  private schedule(): void {
    requestAnimationFrame(() => void this.draw());
  }

  private async draw(): Promise<void> {
    const trend = this.trend?.value;
    const host = this.host;
    if (!trend || !host || !host.isConnected || this.drawn === trend || trend.points.length === 0) return;
    this.dispose();
    this.drawn = trend;
    TrendPanel.library ??= import('uplot').then((m) => m.default);
    const UPlot = await TrendPanel.library;
    if (this.drawn !== trend || this.host !== host || !host.isConnected) return;
    const points = trend.points;
    const low = typeof trend.reference_range?.low === 'number' ? trend.reference_range.low : null;
    const high = typeof trend.reference_range?.high === 'number' ? trend.reference_range.high : null;
    const primary = cssVar('--c-primary', '#0f766e');
    const danger = cssVar('--c-danger', '#b42318');
    const band = cssVar('--c-ok-soft', '#e6f4ea');
    const line = cssVar('--c-ok', '#1d7a43');
    const muted = cssVar('--c-muted', '#566573');
    const flagged = (i: number) => points[i]?.flag === 'H' || points[i]?.flag === 'L';

    const opts: uPlot.Options = {
      width: Math.max(260, host.clientWidth),
      height: HEIGHT,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Asia/Hong_Kong'),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: {
          range: (_u, min, max) => {
            const lo = Math.min(min, low ?? min);
            const hi = Math.max(max, high ?? max);
            const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.1 || 1;
            return [lo - pad, hi + pad];
          },
        },
      },
      axes: [
        { stroke: muted, space: 90, values: (_u, splits) => splits.map((s) => shortDate(s)) },
        { stroke: muted, label: trend.unit, size: 56 },
      ],
      series: [
        {},
        {
          label: localText(trend.code?.name ?? this.code?.name),
          stroke: primary,
          width: 2,
          points: { show: true, size: 8, fill: primary },
        },
      ],
      hooks: {
        // The reference range under the line: a shaded band with dashed limits.
        drawClear: [
          (u) => {
            const { ctx, bbox } = u;
            if (low === null && high === null) return;
            const top = high !== null ? u.valToPos(high, 'y', true) : bbox.top;
            const bottom = low !== null ? u.valToPos(low, 'y', true) : bbox.top + bbox.height;
            ctx.save();
            ctx.fillStyle = band;
            ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
            ctx.strokeStyle = line;
            ctx.setLineDash([6, 4]);
            ctx.lineWidth = 1;
            for (const v of [low, high]) {
              if (v === null) continue;
              const y = Math.round(u.valToPos(v, 'y', true)) + 0.5;
              ctx.beginPath();
              ctx.moveTo(bbox.left, y);
              ctx.lineTo(bbox.left + bbox.width, y);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
        // Values outside the range: a red dot with its flag above it.
        draw: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.font = `bold ${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.textAlign = 'center';
            points.forEach((p, i) => {
              if (!flagged(i)) return;
              const x = u.valToPos(p.at, 'x', true);
              const y = u.valToPos(p.value, 'y', true);
              ctx.fillStyle = danger;
              ctx.beginPath();
              ctx.arc(x, y, 5 * devicePixelRatio, 0, 2 * Math.PI);
              ctx.fill();
              ctx.fillText(p.flag ?? '', x, y - 9 * devicePixelRatio);
            });
            ctx.restore();
          },
        ],
      },
    };
    const pair = points.some((p) => typeof p.value2 === 'number');
    if (pair) opts.series.push({ label: t('records.field.diastolic'), stroke: primary, width: 2, dash: [4, 3], points: { show: true, size: 6, fill: '#ffffff' } });
    const data: uPlot.AlignedData = pair
      ? [points.map((p) => p.at), points.map((p) => p.value), points.map((p) => p.value2 ?? null)]
      : [points.map((p) => p.at), points.map((p) => p.value)];
    this.plot = new UPlot(opts, data, host);
    this.resize = new ResizeObserver(() => {
      if (this.plot && host.clientWidth) this.plot.setSize({ width: Math.max(260, host.clientWidth), height: HEIGHT });
    });
    this.resize.observe(host);
  }

  view(): TemplateResult | typeof nothing {
    const code = this.code;
    const trend = this.trend;
    if (!code || !trend) return nothing;
    return html`<section class="panel record-trend" aria-labelledby="record-trend-heading" data-testid="record-trend">
      <div class="record-trend-head">
        <h2 id="record-trend-heading" tabindex="-1">${t('records.trend.title', { name: localText(code.name) })}</h2>
        <button type="button" class="btn btn-quiet btn-small" data-testid="record-trend-close" @click=${() => this.close()}>${t('records.trend.close')}</button>
      </div>
      ${trend.view((tr) => {
        const r = tr.reference_range;
        const name = localText(tr.code?.name ?? code.name);
        const pair = tr.points.some((p) => typeof p.value2 === 'number');
        const hasRange = typeof r?.low === 'number' || typeof r?.high === 'number';
        return html`${hasRange
            ? html`<p class="muted" data-testid="record-trend-range">${t('records.trend.range', { range: rangeText(r, tr.unit) })}</p>`
            : nothing}
          ${tr.points.length
            ? html`<div class="record-chart" aria-hidden="true" data-testid="record-trend-chart" ${ref(this.setHost)}></div>
                <div class="table-scroll">
                  <table class="table record-trend-table" data-testid="record-trend-table">
                    <caption class="visually-hidden">${t('records.trend.table', { name })}</caption>
                    <thead><tr><th scope="col">${t('records.field.date')}</th><th scope="col">${t('records.field.value')}</th><th scope="col">${t('records.trend.flag')}</th></tr></thead>
                    <tbody>
                      ${[...tr.points].reverse().map(
                        (p) => html`<tr data-testid="record-trend-point" data-flag=${p.flag ?? ''}>
                          <td>${recordDate(p.at)}</td>
                          <td class="num">${num(p.value)}${pair && typeof p.value2 === 'number' ? `/${num(p.value2)}` : ''} ${tr.unit}</td>
                          <td>${p.flag === 'H' || p.flag === 'L'
                            ? html`<span class="badge badge-warn record-flag" data-testid="record-trend-flag">${p.flag} · ${t(`records.trend.flag_${p.flag}`)}</span>`
                            : html`<span class="muted">${t('records.trend.flag_N')}</span>`}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
            : html`<p class="empty" data-testid="record-trend-empty">${t('records.trend.empty')}</p>`}`;
      })}
    </section>`;
  }
}
