// The device check before joining: camera (a preview), microphone (a live level), speaker (a test
// tone the user confirms) and connection (the server's round trip and the live channel). Nothing
// blocks joining except having neither microphone nor camera: a patient whose camera is broken can
// still consult by voice, and is told so.
import { html, nothing, type TemplateResult } from 'lit-html';
import { t } from '../base/i18n';
import { live } from '../base/live';
import { bindStream } from './video';

type Check = 'pending' | 'ok' | 'failed' | 'skipped';

export interface ApprovedDevices {
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
}

export class DeviceCheck {
  camera: Check = 'pending';
  mic: Check = 'pending';
  speaker: Check = 'pending';
  connection: Check = 'pending';
  roundTripMs: number | null = null;
  level = 0;
  private stream: MediaStream | null = null;
  private audio: AudioContext | null = null;
  private meterTimer: number | undefined;
  private stopped = false;

  constructor(
    private readonly wantVideo: boolean,
    private readonly update: () => void,
  ) {}

  async run(): Promise<void> {
    await Promise.all([this.checkDevices(), this.checkConnection()]);
  }

  private async checkDevices(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.camera = this.mic = 'failed';
      this.update();
      return;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: this.wantVideo ? { width: { ideal: 640 }, height: { ideal: 480 } } : false,
      });
    } catch {
      // Perhaps only the camera is missing or refused: try the microphone alone.
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch {
        this.stream = null;
      }
    }
    if (this.stopped) {
      // The page left while the browser was asking: let go of what arrived late.
      for (const track of this.stream?.getTracks() ?? []) track.stop();
      this.stream = null;
      return;
    }
    this.mic = this.stream?.getAudioTracks().length ? 'ok' : 'failed';
    this.camera = !this.wantVideo ? 'skipped' : this.stream?.getVideoTracks().length ? 'ok' : 'failed';
    if (this.mic === 'ok') this.meter();
    this.update();
  }

  private meter(): void {
    try {
      this.audio = new AudioContext();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 512;
      this.audio.createMediaStreamSource(new MediaStream(this.stream!.getAudioTracks())).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      this.meterTimer = window.setInterval(() => {
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
        const level = Math.min(100, Math.round((peak / 128) * 100));
        if (level !== this.level) {
          this.level = level;
          this.update();
        }
      }, 150);
    } catch {
      // No Web Audio: the microphone still works, only the meter is missing.
    }
  }

  private async checkConnection(): Promise<void> {
    try {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const res = await fetch('/healthz', { cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        times.push(performance.now() - start);
      }
      this.roundTripMs = Math.round(Math.min(...times));
      this.connection = 'ok';
    } catch {
      this.connection = 'failed';
    }
    this.update();
  }

  /** Plays a short tone; the user says whether they heard it. */
  playTone(): void {
    const ctx = this.audio ?? new AudioContext();
    this.audio = ctx;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    gain.gain.value = 0.1;
    osc.frequency.value = 660;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.8);
  }

  heard(yes: boolean): void {
    this.speaker = yes ? 'ok' : 'failed';
    this.update();
  }

  canJoin(): boolean {
    return this.mic === 'ok' || this.camera === 'ok';
  }

  /** Hands the tracks over to the call (the check stops watching them). */
  take(): ApprovedDevices {
    this.stopMeter();
    const mic = this.stream?.getAudioTracks()[0] ?? null;
    const camera = this.stream?.getVideoTracks()[0] ?? null;
    this.stream = null;
    return { mic, camera };
  }

  private stopMeter(): void {
    window.clearInterval(this.meterTimer);
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  /** The page is leaving without joining. */
  stop(): void {
    this.stopped = true;
    this.stopMeter();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  private row(name: string, state: Check, detail: TemplateResult | string = ''): TemplateResult {
    return html`<li class="check check-${state}" data-testid=${`check-${name}`} data-state=${state}>
      <span class="check-mark" aria-hidden="true">${state === 'ok' ? '✓' : state === 'failed' ? '!' : state === 'skipped' ? '–' : '…'}</span>
      <span class="check-name">${t(`consult.check.${name}`)}</span>
      <span class="check-state">${t(`consult.check.state_${state}`)}</span>
      ${detail ? html`<span class="check-detail">${detail}</span>` : nothing}
    </li>`;
  }

  view(onJoin: () => void, busy: boolean): TemplateResult {
    // The stream itself (the element is muted): a new one per render would restart the preview.
    const preview = this.stream?.getVideoTracks().length ? this.stream : null;
    return html`<section class="panel device-check" aria-labelledby="check-heading" data-testid="device-check">
      <h2 id="check-heading">${t('consult.check.title')}</h2>
      <div class="check-grid">
        <div class="check-preview">
          ${preview
            ? html`<video class="self-preview" autoplay playsinline muted aria-label=${t('consult.check.preview')}
                ${bindStream(preview)}></video>`
            : html`<p class="muted">${this.wantVideo ? t('consult.check.no_preview') : t('consult.check.voice_only')}</p>`}
        </div>
        <ul class="checks" aria-live="polite">
          ${this.row('camera', this.camera)}
          ${this.row(
            'mic',
            this.mic,
            this.mic === 'ok'
              ? html`<meter min="0" max="100" low="5" value=${this.level} aria-label=${t('consult.check.level')} data-testid="mic-level"></meter>`
              : '',
          )}
          ${this.row(
            'speaker',
            this.speaker,
            html`<button type="button" class="btn btn-quiet btn-small" data-testid="check-tone" @click=${() => this.playTone()}>${t('consult.check.play')}</button>
              <button type="button" class="btn btn-quiet btn-small" data-testid="check-heard" @click=${() => this.heard(true)}>${t('consult.check.heard')}</button>
              <button type="button" class="btn btn-quiet btn-small" @click=${() => this.heard(false)}>${t('consult.check.not_heard')}</button>`,
          )}
          ${this.row(
            'connection',
            this.connection === 'ok' && live.state !== 'open' ? 'pending' : this.connection,
            this.roundTripMs !== null ? t('consult.check.round_trip', { ms: this.roundTripMs }) : '',
          )}
        </ul>
      </div>
      ${this.camera === 'failed' && this.mic === 'ok' ? html`<p class="alert alert-info" data-testid="check-voice-fallback">${t('consult.check.camera_failed')}</p>` : nothing}
      ${this.mic === 'failed' && this.camera !== 'ok' ? html`<p class="alert alert-error" role="alert" data-testid="check-blocked">${t('consult.check.blocked')}</p>` : nothing}
      <div class="actions">
        <button type="button" class="btn btn-primary" data-testid="consult-join" ?disabled=${!this.canJoin() || busy} @click=${onJoin}>${t('consult.join')}</button>
      </div>
    </section>`;
  }
}
