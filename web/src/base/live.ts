// The one WebSocket of the app (`/ws`, docs/api.md): pages subscribe to message types; the socket is
// open while anyone listens, reconnects with backoff (1 s doubling to 30 s, with jitter) after a drop,
// and tells `onConnect` listeners after every (re)connection so they can re-read what they show
// (messages sent while the socket was down are lost). A close with code 4001 means the session ended
// or what it may do changed: the socket comes back only after the app has re-read the session
// (`setSessionCheck`), so a signed-out or half-signed-in page does not knock with stale credentials.

export interface LiveMessage {
  type: string;
  [key: string]: unknown;
}

export type LiveState = 'connecting' | 'open' | 'offline';
type Handler = (message: LiveMessage) => void;

const MIN_DELAY = 1000;
const MAX_DELAY = 30_000;
/** A quiet socket is pinged this often, so a dead connection is noticed (and replaced). */
const PING_EVERY = 25_000;
/** The server's close code for "your session changed" (docs/api.md). */
const SESSION_CHANGED = 4001;

class LiveClient {
  private socket: WebSocket | null = null;
  private handlers = new Map<string, Set<Handler>>();
  private connectListeners = new Set<() => void>();
  private stateListeners = new Set<(s: LiveState) => void>();
  private users = 0;
  private attempts = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastHeard = 0;
  private current: LiveState = 'offline';
  private sessionCheck: () => Promise<void> = async () => {};

  constructor() {
    window.addEventListener('online', () => {
      if (this.users > 0 && !this.socket) this.reconnectNow();
    });
    // The network went away: the socket is as good as dead, say so now rather than at the next ping.
    window.addEventListener('offline', () => this.drop());
  }

  get state(): LiveState {
    return this.current;
  }

  /** Calls `handler` for every message of `type`; returns the unsubscribe function. */
  subscribe(type: string, handler: Handler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    this.retain();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set!.delete(handler);
      this.release();
    };
  }

  /** Called after each successful (re)connection; returns the unsubscribe function. */
  onConnect(fn: () => void): () => void {
    this.connectListeners.add(fn);
    return () => this.connectListeners.delete(fn);
  }

  onState(fn: (s: LiveState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  /** How the app re-reads its session after the server said it changed (close 4001). */
  setSessionCheck(fn: () => Promise<void>): void {
    this.sessionCheck = fn;
  }

  /** Sends a message when the socket is open; false when it is not (it is not queued). */
  send(message: LiveMessage): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private retain(): void {
    this.users++;
    if (this.users === 1) this.connect();
  }

  private release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0) return;
    // Nobody listens: close, and do not come back until someone subscribes again.
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const s = this.socket;
    this.socket = null;
    s?.close(1000);
    this.stopPing();
    this.setState('offline');
  }

  private setState(s: LiveState): void {
    if (s === this.current) return;
    this.current = s;
    for (const fn of this.stateListeners) fn(s);
  }

  private reconnectNow(): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempts = 0;
    this.connect();
  }

  private connect(): void {
    if (this.socket) return;
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.setState('connecting');
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.attempts = 0;
      this.lastHeard = Date.now();
      this.setState('open');
      this.startPing();
      for (const fn of [...this.connectListeners]) fn();
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      let message: LiveMessage;
      try {
        const parsed: unknown = JSON.parse(String(event.data));
        if (!parsed || typeof parsed !== 'object' || typeof (parsed as LiveMessage).type !== 'string') return;
        message = parsed as LiveMessage;
      } catch {
        return;
      }
      for (const h of [...(this.handlers.get(message.type) ?? [])]) h(message);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      this.setState('offline');
      if (event.code === SESSION_CHANGED) {
        // Whoever still listens once the session is known again (subscribers follow the account)
        // gets a fresh socket at once.
        void this.sessionCheck()
          .catch(() => undefined)
          .finally(() => {
            if (this.users > 0 && !this.socket) this.reconnectNow();
          });
        return;
      }
      if (this.users > 0) this.scheduleRetry();
    });
  }

  /** Gives up the current socket (dead or about to be) and tries again later. */
  private drop(): void {
    const s = this.socket;
    if (!s) return;
    this.socket = null;
    s.close();
    this.stopPing();
    this.setState('offline');
    if (this.users > 0) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** this.attempts);
    this.attempts++;
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.users > 0) this.connect();
    }, delay);
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = window.setInterval(() => {
      const s = this.socket;
      if (!s || s.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastHeard > 2 * PING_EVERY + 5000) {
        // No answer to two pings: the connection is dead even if the browser has not noticed.
        this.drop();
        return;
      }
      s.send(JSON.stringify({ type: 'ping' }));
    }, PING_EVERY);
  }

  private stopPing(): void {
    window.clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}

export const live = new LiveClient();
