// Raw TCP helpers for what fetch cannot do: pipelined requests, half-sent headers (slowloris),
// chunked bodies, requests left in flight, and a WebSocket client that never reads.
import http from 'node:http';
import net from 'node:net';

/** Connects to srv and resolves with the socket once connected. */
export function connect(srv) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(srv.port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Collects everything the peer sends until it closes the connection (or `timeoutMs` passes).
 * Resolves with { data: Buffer, closed: boolean, ms }.
 */
export function readUntilClose(socket, timeoutMs = 10_000) {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/**
 * Splits a byte stream into HTTP/1.1 responses (Content-Length or chunked bodies).
 * Returns [{ status, headers: {lower-case name: value}, body: Buffer }].
 */
export function parseResponses(data) {
  const out = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`incomplete response head: ${data.subarray(at).toString()}`);
    const head = data.subarray(at, end).toString('latin1').split('\r\n');
    const status = Number(head[0].split(' ')[1]);
    const headers = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    at = end + 4;
    let body;
    if (headers['transfer-encoding']?.includes('chunked')) {
      const parts = [];
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        at = lineEnd + 2;
        if (size === 0) {
          at = data.indexOf('\r\n', at) + 2;
          break;
        }
        parts.push(data.subarray(at, at + size));
        at += size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      body = data.subarray(at, at + length);
      at += length;
    }
    out.push({ status, headers, body });
  }
  return out;
}

/** One request as bytes. `body` may be a string or Buffer; Content-Length is added for it. */
export function rawRequest(method, path, { host = 'localhost', headers = {}, body } = {}) {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  if (body !== undefined) lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), bytes]);
}

/**
 * One request through node:http, which (unlike fetch) adds no headers of its own such as
 * `Accept-Language: *`. Resolves with { status, headers, text, json }.
 */
export function bareRequest(srv, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        if (/json/.test(res.headers['content-type'] ?? '') && text) json = JSON.parse(text);
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
