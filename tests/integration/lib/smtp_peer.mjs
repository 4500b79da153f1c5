// A small SMTP server on loopback for the sender's tests: it speaks enough of RFC 5321 (EHLO,
// STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT) to receive what the server sends, and records
// every command with whether it came over TLS. Certificates are made at test time with openssl.
import { createServer } from 'node:net';
import { createSecureContext, createServer as createTlsServer, TLSSocket } from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for 127.0.0.1: { certFile, key, cert, remove() }. */
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'yq-smtp-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return {
    certFile,
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * @param {object} o
 * @param {'none'|'starttls'|'implicit'} o.tls  what the peer offers
 * @param {{key: Buffer, cert: Buffer}} [o.certificate]  for starttls and implicit
 * Returns { port, sessions, messages, waitFor(pred, ms), close() }: sessions are
 * [{ commands: [{ line, secure }], closed }], messages [{ from, to, data, secure, auth }].
 */
export async function startSmtpPeer({ tls = 'none', certificate } = {}) {
  const sessions = [];
  const messages = [];
  const context = certificate ? createSecureContext({ key: certificate.key, cert: certificate.cert }) : null;

  function serve(socket, secure) {
    const session = { commands: [], closed: false };
    sessions.push(session);
    const stream = socket;
    let buffer = '';
    let inData = false;
    let data = '';
    let envelope = { from: null, to: [], auth: null };
    let pendingAuth = null; // 'plain' | 'login-user' | 'login-password'
    let handedToTls = false;
    const reply = (text) => stream.write(text + '\r\n');

    function onLine(line) {
      if (inData) {
        if (line === '.') {
          inData = false;
          messages.push({ ...envelope, data, secure });
          data = '';
          envelope = { from: null, to: [], auth: envelope.auth };
          reply('250 2.0.0 queued');
        } else {
          data += (line.startsWith('..') ? line.slice(1) : line) + '\r\n';
        }
        return;
      }
      session.commands.push({ line, secure });
      if (pendingAuth) {
        const text = Buffer.from(line, 'base64').toString('utf8');
        if (pendingAuth === 'plain') {
          const [, user, password] = text.split('\0');
          envelope.auth = { user, password, secure };
          pendingAuth = null;
          reply('235 2.7.0 accepted');
        } else if (pendingAuth === 'login-user') {
          envelope.auth = { user: text, password: null, secure };
          pendingAuth = 'login-password';
          reply('334 UGFzc3dvcmQ6');
        } else {
          envelope.auth.password = text;
          pendingAuth = null;
          reply('235 2.7.0 accepted');
        }
        return;
      }
      const verb = line.split(' ')[0].toUpperCase();
      if (verb === 'EHLO') {
        const offers = ['250-peer.test'];
        if (tls === 'starttls' && !secure) offers.push('250-STARTTLS');
        if (secure) offers.push('250-AUTH PLAIN LOGIN');
        offers.push('250 8BITMIME');
        stream.write(offers.join('\r\n') + '\r\n');
      } else if (verb === 'HELO') {
        reply('250 peer.test');
      } else if (verb === 'STARTTLS' && tls === 'starttls' && !secure) {
        reply('220 2.0.0 ready to start TLS');
        handedToTls = true;
        socket.removeAllListeners('data');
        const upgraded = new TLSSocket(socket, { isServer: true, secureContext: context });
        upgraded.on('error', () => {});
        upgraded.on('secure', () => serve(upgraded, true));
        session.closed = true; // the clear part ends here; the TLS part is a session of its own
        return;
      } else if (verb === 'AUTH') {
        const [, mech, initial] = line.split(' ');
        if (!secure) return reply('538 5.7.11 encryption required');
        if (mech.toUpperCase() === 'PLAIN') {
          if (initial) {
            pendingAuth = 'plain';
            return onLine(initial);
          }
          pendingAuth = 'plain';
          reply('334 ');
        } else {
          pendingAuth = 'login-user';
          if (initial) return onLine(initial);
          reply('334 VXNlcm5hbWU6');
        }
      } else if (verb === 'MAIL') {
        envelope.from = line.slice(line.indexOf(':') + 1).trim();
        reply('250 2.1.0 ok');
      } else if (verb === 'RCPT') {
        envelope.to.push(line.slice(line.indexOf(':') + 1).trim());
        reply('250 2.1.5 ok');
      } else if (verb === 'DATA') {
        inData = true;
        reply('354 end with .');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 bye');
        stream.end();
      } else {
        reply('250 ok');
      }
    }

    function listen(s) {
      s.setEncoding('utf8');
      s.on('data', (chunk) => {
        buffer += chunk;
        let at;
        while ((at = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          onLine(line);
          if (handedToTls) return; // the rest is read by the TLS session
        }
      });
      s.on('error', () => {});
      s.on('close', () => (session.closed = true));
    }

    listen(socket);
    if (!(tls === 'starttls' && secure)) reply('220 peer.test ESMTP');
  }

  const server =
    tls === 'implicit'
      ? createTlsServer({ key: certificate.key, cert: certificate.cert }, (s) => serve(s, true))
      : createServer((s) => serve(s, false));
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: server.address().port,
    sessions,
    messages,
    /** Waits until pred() holds, up to ms; returns whether it did. */
    async waitFor(pred, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (pred()) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return pred();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
