// A small HTTP client for the integration tests: keeps the session cookie the server sets (or
// carries a bearer token), adds the CSRF header the web app sends, and reads JSON and
// problem+json answers. Everything goes over real HTTP to the real server.
import assert from 'node:assert/strict';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The parsed answer of one request. */
export class Answer {
  constructor(response, bytes) {
    this.status = response.status;
    this.headers = response.headers;
    this.bytes = bytes;
    this.text = bytes.toString('utf8');
    const type = response.headers.get('content-type') ?? '';
    this.json = null;
    if (/^application\/(problem\+)?json/.test(type) && this.text !== '') {
      this.json = JSON.parse(this.text);
    }
  }

  get contentType() {
    return this.headers.get('content-type') ?? '';
  }

  get isProblem() {
    return this.contentType.startsWith('application/problem+json');
  }

  /** The problem's stable code ("csrf_rejected", ...) or undefined for a non-problem answer. */
  get code() {
    return this.isProblem ? this.json?.code : undefined;
  }

  /** Short text for assertion messages. */
  describe() {
    return `${this.status} ${this.text.slice(0, 400)}`;
  }
}

export class Client {
  /**
   * @param {string} base  server URL (srv.url)
   * @param {object} [o]
   * @param {string} [o.cookie]   a yq_session token sent as the cookie
   * @param {string} [o.bearer]   a token sent as Authorization: Bearer
   * @param {boolean} [o.fixed]   never replace the session from Set-Cookie answers
   * @param {string} [o.lang]     Accept-Language for every request
   */
  constructor(base, o = {}) {
    this.base = base;
    this.cookie = o.cookie ?? null;
    this.bearer = o.bearer ?? null;
    this.fixed = o.fixed ?? false;
    this.lang = o.lang ?? null;
    this.account = null; // filled in by the sign-in helpers
    this.email = null;
  }

  /** The session token this client uses, cookie or bearer. */
  get token() {
    return this.bearer ?? this.cookie;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {object} [o]
   * @param {any} [o.json]              a body sent as application/json
   * @param {Buffer|string} [o.body]    a raw body (set content-type in headers)
   * @param {Record<string,string>} [o.headers]
   * @param {boolean} [o.csrf]          send X-Requested-With: yiqiao on unsafe methods (default true)
   * @param {boolean} [o.auth]          send the session (default true)
   */
  async request(method, path, o = {}) {
    const headers = {};
    if (this.lang) headers['Accept-Language'] = this.lang;
    let body;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.body !== undefined) {
      body = o.body;
    }
    if (o.auth !== false) {
      if (this.bearer) headers.Authorization = `Bearer ${this.bearer}`;
      else if (this.cookie) headers.Cookie = `yq_session=${this.cookie}`;
    }
    if (UNSAFE.has(method) && o.csrf !== false) headers['X-Requested-With'] = 'yiqiao';
    Object.assign(headers, o.headers ?? {});
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const answer = new Answer(response, bytes);
    if (!this.fixed) {
      for (const line of response.headers.getSetCookie()) {
        const m = /^yq_session=([^;]*)/.exec(line);
        if (m) this.cookie = m[1] === '' ? null : m[1];
      }
    }
    return answer;
  }

  get(path, o) {
    return this.request('GET', path, o);
  }
  post(path, json, o = {}) {
    return this.request('POST', path, { json, ...o });
  }
  patch(path, json, o = {}) {
    return this.request('PATCH', path, { json, ...o });
  }
  put(path, json, o = {}) {
    return this.request('PUT', path, { json, ...o });
  }
}

/** A client with no session, which stays without one whatever the server answers. */
export function anonymous(srv, o = {}) {
  return new Client(srv.url, { fixed: true, ...o });
}

/** Asserts the status (one number or a list) and returns the answer, with the body in the message. */
export function expectStatus(answer, status, what = '') {
  const ok = Array.isArray(status) ? status.includes(answer.status) : answer.status === status;
  assert.ok(ok, `${what ? what + ': ' : ''}expected ${status}, got ${answer.describe()}`);
  return answer;
}

/** Asserts a problem+json answer with this status and code. */
export function expectProblem(answer, status, code, what = '') {
  expectStatus(answer, status, what);
  assert.ok(answer.isProblem, `${what}: expected application/problem+json, got ${answer.contentType}`);
  assert.equal(answer.json.code, code, `${what}: problem code (${answer.describe()})`);
  assert.equal(answer.json.status, status);
  assert.equal(answer.json.type, `urn:yiqiao:problem:${code}`);
  assert.ok(answer.json.title && answer.json.detail, 'a problem has a title and a detail');
  return answer;
}

/** The field errors of a 422 answer as { field: message_key }. */
export function fieldErrors(answer) {
  return Object.fromEntries((answer.json?.errors ?? []).map((e) => [e.field, e.message_key]));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every 150 ms until it returns something truthy (which it resolves with), or fails. */
export async function waitFor(what, fn, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}
