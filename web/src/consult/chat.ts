// The chat beside the call (and on the visit summary for follow-up messages): history, live
// messages, photos and PDFs, and ticks for my messages (sent, delivered, read by the others). The
// page reports what it has received and, while visible, read.
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import { live, type LiveMessage } from '../base/live';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { consultApi, type ChatMessage, type Receipt } from './api';

const MAX_BYTES = 10 * 1024 * 1024;

function newKey(): string {
  return crypto.randomUUID();
}

export class ChatPanel {
  messages: ChatMessage[] = [];
  receipts = new Map<string, Receipt>();
  canWrite = true;
  loaded = false;
  private readonly form = new FormState('chat');
  private draft = '';
  private unsubscribe: (() => void)[] = [];
  private reported = { delivered: '', read: '' };

  constructor(
    private readonly roomId: string,
    private readonly me: string,
    private readonly update: () => void,
  ) {
    this.unsubscribe = [
      live.subscribe('chat.message', (m) => this.onMessage(m)),
      live.subscribe('chat.receipts', (m) => {
        if (m.consultation_id !== this.roomId) return;
        const r = m.receipt as Receipt;
        this.receipts.set(r.account_id, r);
        this.update();
      }),
      live.onConnect(() => void this.load()),
    ];
    document.addEventListener('visibilitychange', this.onVisible);
    void this.load();
  }

  private onVisible = (): void => this.report();

  async load(): Promise<void> {
    try {
      const r = await consultApi.messages(this.roomId);
      this.messages = r.items;
      this.receipts = new Map(r.receipts.map((x) => [x.account_id, x]));
      this.canWrite = r.can_write;
      this.loaded = true;
      this.update();
      this.report();
    } catch {
      // The page shows the room's own error; the chat just stays empty.
    }
  }

  private onMessage(m: LiveMessage): void {
    if (m.consultation_id !== this.roomId) return;
    const message = m.message as ChatMessage;
    if (this.messages.some((x) => x.id === message.id)) return;
    this.messages = [...this.messages, message].sort((a, b) => (a.id < b.id ? -1 : 1));
    this.update();
    this.report();
    requestAnimationFrame(() => {
      const list = document.querySelector('[data-testid="chat-list"]');
      if (list) list.scrollTop = list.scrollHeight;
    });
  }

  /** Tells the room how far this page has received and (when visible) read. */
  private report(): void {
    const last = this.messages.at(-1)?.id ?? '';
    if (!last) return;
    const read = document.visibilityState === 'visible' ? last : this.reported.read;
    if (last === this.reported.delivered && read === this.reported.read) return;
    this.reported = { delivered: last, read };
    void consultApi.receipts(this.roomId, { delivered_up_to: last, read_up_to: read || undefined }).catch(() => undefined);
  }

  /** sent / delivered / read, as far as every other participant is concerned. */
  private tick(m: ChatMessage): 'sent' | 'delivered' | 'read' {
    const others = [...this.receipts.values()].filter((r) => r.account_id !== this.me);
    if (others.length === 0) return 'sent';
    if (others.every((r) => r.read_up_to >= m.id)) return 'read';
    if (others.some((r) => r.delivered_up_to >= m.id)) return 'delivered';
    return 'sent';
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const body = this.draft;
    if (!body.trim()) return;
    const key = newKey();
    await submitting(this.form, this.update, async () => {
      const message = await consultApi.send(this.roomId, body, key);
      this.draft = '';
      (event.target as HTMLFormElement).reset();
      this.onMessage({ type: 'chat.message', consultation_id: this.roomId, message });
    });
  }

  private async attach(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.form.reset();
      this.form.failField('file', t('consult.chat.too_big'));
      this.update();
      return;
    }
    await submitting(this.form, this.update, async () => {
      const message = await consultApi.attach(this.roomId, file, newKey());
      this.onMessage({ type: 'chat.message', consultation_id: this.roomId, message });
    });
  }

  private attachmentView(m: ChatMessage): TemplateResult {
    const a = m.attachment!;
    const url = consultApi.attachmentUrl(this.roomId, m.id);
    const size = a.size >= 1024 * 1024 ? `${(a.size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(a.size / 1024)} KB`;
    return html`<a class="chat-file" href=${url} target="_blank" rel="noopener" data-testid="chat-attachment">
      ${a.content_type.startsWith('image/') ? html`<img src=${url} alt=${a.name} class="chat-thumb" loading="lazy" />` : nothing}
      <span>${a.name}</span> <span class="muted">(${size})</span>
    </a>`;
  }

  view(): TemplateResult {
    return html`<section class="panel chat" aria-labelledby="chat-heading" data-testid="chat">
      <h2 id="chat-heading">${t('consult.chat.title')}</h2>
      <ol class="chat-list" data-testid="chat-list" aria-live="polite">
        ${this.loaded && this.messages.length === 0 ? html`<li class="muted">${t('consult.chat.empty')}</li>` : nothing}
        ${this.messages.map((m) => {
          const mine = m.sender.id === this.me;
          return html`<li class="chat-msg ${mine ? 'mine' : ''}" data-testid="chat-message" data-message-id=${m.id}>
            <p class="chat-meta"><strong>${mine ? t('consult.chat.me') : localText(m.sender.name)}</strong>
              <time>${formatTime(m.created_at)}</time>
              ${mine ? html`<span class="chat-tick" data-testid="chat-tick" data-state=${this.tick(m)}>${t(`consult.chat.${this.tick(m)}`)}</span>` : nothing}
            </p>
            ${m.body ? html`<p class="chat-body">${m.body}</p>` : nothing}
            ${m.attachment ? this.attachmentView(m) : nothing}
          </li>`;
        })}
      </ol>
      ${this.canWrite
        ? html`<form class="chat-form" @submit=${(e: SubmitEvent) => void this.send(e)}>
            <label class="visually-hidden" for="chat-input">${t('consult.chat.label')}</label>
            <textarea id="chat-input" data-testid="chat-input" rows="2" maxlength="4000" placeholder=${t('consult.chat.placeholder')}
              @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                  e.preventDefault();
                  (e.target as HTMLTextAreaElement).form?.requestSubmit();
                }
              }}></textarea>
            <div class="chat-actions">
              <label class="btn btn-quiet btn-small file-button">
                ${t('consult.chat.attach')}
                <input type="file" accept="image/jpeg,image/png,application/pdf" class="visually-hidden" data-testid="chat-file" @change=${(e: Event) => void this.attach(e)} />
              </label>
              <button type="submit" class="btn btn-primary btn-small" data-testid="chat-send" ?disabled=${this.form.busy}>${t('consult.chat.send')}</button>
            </div>
            ${formStatus(this.form)}
          </form>`
        : html`<p class="muted" data-testid="chat-closed">${t('consult.chat.closed')}</p>`}
    </section>`;
  }

  stop(): void {
    for (const u of this.unsubscribe) u();
    document.removeEventListener('visibilitychange', this.onVisible);
  }
}
