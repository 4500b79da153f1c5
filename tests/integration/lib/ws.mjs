// WebSocket helpers: a client (the `ws` package) that queues what arrives, and a raw client that
// completes the handshake and then never reads, to play a stalled consumer.
import WebSocket from 'ws';
import { randomBytes } from 'node:crypto';
import { connect } from './raw.mjs';

export function wsUrl(srv) {
  return srv.url.replace(/^http/, 'ws') + '/ws';
}

/**
 * Opens /ws. Resolves with { ws, next(), closed, messages } once open, or rejects with
 * { status, body } when the upgrade is refused.
 * @param {object} srv
 * @param {object} [o]
 * @param {string} [o.cookie]  session token sent as the yq_session cookie
 * @param {string} [o.bearer]  session token sent as Authorization: Bearer
 * @param {string|null} [o.origin]  Origin header (default: the server's own; null: none)
 */
export function openWs(srv, o = {}) {
  const headers = {};
  if (o.cookie) headers.Cookie = `yq_session=${o.cookie}`;
  if (o.bearer) headers.Authorization = `Bearer ${o.bearer}`;
  const origin = o.origin === undefined ? srv.url : o.origin;
  if (origin !== null) headers.Origin = origin;
  const ws = new WebSocket(wsUrl(srv), { headers });
  const messages = [];
  const waiters = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    const w = waiters.shift();
    if (w) w(m);
    else messages.push(m);
  });
  const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        /** The next message (waits up to `ms`). */
        next(ms = 5000) {
          if (messages.length) return Promise.resolve(messages.shift());
          return new Promise((res, rej) => {
            const waiter = (m) => {
              clearTimeout(timer);
              res(m);
            };
            // A waiter that timed out must not swallow the next message.
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              rej(new Error('no WebSocket message'));
            }, ms);
            waiters.push(waiter);
          });
        },
        send(obj) {
          ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj));
        },
      }),
    );
    ws.once('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body, headers: res.headers })));
    });
    ws.once('error', (e) => reject(e));
  });
}

/** One masked client text frame (RFC 6455 5.2). */
export function clientFrame(text) {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  let head;
  if (payload.length < 126) head = Buffer.from([0x81, 0x80 | payload.length]);
  else if (payload.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x81;
    head[1] = 0x80 | 126;
    head.writeUInt16BE(payload.length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x81;
    head[1] = 0x80 | 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([head, mask, masked]);
}

/**
 * A WebSocket connection over a raw socket: performs the handshake, then stops reading (the
 * kernel buffers fill and the server's writes stall). Resolves with the paused socket.
 */
export async function stalledWs(srv, cookie) {
  const socket = await connect(srv);
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${srv.url}\r\nCookie: yq_session=${cookie}\r\n\r\n`,
  );
  await new Promise((resolve, reject) => {
    let head = '';
    const onData = (d) => {
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData);
        socket.pause();
        if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
        else resolve();
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return socket;
}

/** Every message that arrives on an openWs() connection within `ms`. */
export async function drain(conn, ms) {
  const got = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return got;
    try {
      got.push(await conn.next(left));
    } catch {
      return got;
    }
  }
}
