// Finding: SMTP sent in the clear. The sender asked for STARTTLS only when the relay offered it, so
// a relay without it, or anyone between us and the relay who strips the offer, read every
// password-reset and invitation link. Now TLS is required (STARTTLS or implicit TLS) with the
// relay's certificate verified, unless the operator writes smtp_tls = off. The peer is a small
// SMTP server on loopback (lib/smtp_peer.mjs); the server sends to it the password-reset mail of
// a demo patient.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { anonymous, expectStatus } from './lib/client.mjs';
import { demoEmail } from './lib/auth.mjs';
import { makeCertificate, startSmtpPeer } from './lib/smtp_peer.mjs';

const PATIENT = demoEmail('patient');

async function withServer(peer, args, fn) {
  const srv = await startServer({ args: ['--smtp-host', '127.0.0.1', '--smtp-port', String(peer.port), ...args] });
  try {
    await fn(srv);
  } finally {
    await srv.stop();
  }
}

async function requestReset(srv) {
  expectStatus(await anonymous(srv).post('/api/v1/auth/password-reset', { email: PATIENT }), 202);
}

const resetMailTo = (peer) => peer.messages.find((m) => m.to.includes(`<${PATIENT}>`));

describe('SMTP requires TLS unless explicitly turned off', () => {
  let certificate;
  before(() => {
    certificate = makeCertificate();
  });
  after(() => certificate?.remove());

  test('by default nothing is sent to a relay that offers no STARTTLS', async () => {
    const peer = await startSmtpPeer({ tls: 'none' });
    try {
      await withServer(peer, [], async (srv) => {
        await requestReset(srv);
        // The sender connects, reads the EHLO answer without STARTTLS, and gives up.
        assert.ok(
          await peer.waitFor(() => peer.sessions.some((s) => s.closed && s.commands.some((c) => /^EHLO /i.test(c.line)))),
          'the sender tried the relay',
        );
        await new Promise((r) => setTimeout(r, 300));
        const said = peer.sessions.flatMap((s) => s.commands.map((c) => c.line.split(' ')[0].toUpperCase()));
        assert.ok(!said.includes('MAIL') && !said.includes('RCPT') && !said.includes('DATA'), `sent: ${said}`);
        assert.equal(peer.messages.length, 0);
        assert.match(srv.logs(), /smtp_send_failed/);
        assert.doesNotMatch(srv.logs(), /smtp_tls_off/);
      });
    } finally {
      await peer.close();
    }
  });

  test('with smtp_tls = off it sends in the clear, and the server warns at start', async () => {
    const peer = await startSmtpPeer({ tls: 'none' });
    try {
      await withServer(peer, ['--smtp-tls', 'off'], async (srv) => {
        assert.match(srv.logs(), /smtp_tls_off/);
        await requestReset(srv);
        assert.ok(await peer.waitFor(() => resetMailTo(peer)), 'the reset mail arrived');
        const mail = resetMailTo(peer);
        assert.equal(mail.secure, false);
        assert.match(mail.data, /reset-password\?token=/);
      });
    } finally {
      await peer.close();
    }
  });

  test('STARTTLS to a relay whose certificate chains to smtp_ca_file delivers, with AUTH inside TLS', async () => {
    const peer = await startSmtpPeer({ tls: 'starttls', certificate });
    try {
      const args = ['--smtp-ca-file', certificate.certFile, '--smtp-user', 'yiqiao', '--smtp-password', 'relay-secret'];
      await withServer(peer, args, async (srv) => {
        await requestReset(srv);
        assert.ok(await peer.waitFor(() => resetMailTo(peer)), `the reset mail arrived:\n${srv.logs()}`);
        const mail = resetMailTo(peer);
        assert.equal(mail.secure, true);
        assert.deepEqual(mail.auth, { user: 'yiqiao', password: 'relay-secret', secure: true });
        assert.match(mail.data, /reset-password\?token=/);
        const clear = peer.sessions.flatMap((s) => s.commands).filter((c) => !c.secure).map((c) => c.line.split(' ')[0].toUpperCase());
        assert.ok(clear.every((v) => v === 'EHLO' || v === 'STARTTLS'), `said in the clear: ${clear}`);
      });
    } finally {
      await peer.close();
    }
  });

  test('a relay whose certificate does not verify gets nothing', async () => {
    const peer = await startSmtpPeer({ tls: 'starttls', certificate });
    try {
      await withServer(peer, [], async (srv) => {
        await requestReset(srv);
        assert.ok(await peer.waitFor(() => peer.sessions.some((s) => s.commands.some((c) => c.line.toUpperCase() === 'STARTTLS'))));
        await new Promise((r) => setTimeout(r, 1000));
        assert.equal(peer.messages.length, 0);
        assert.ok(peer.sessions.flatMap((s) => s.commands).every((c) => !c.secure), 'no TLS session was set up');
        assert.match(srv.logs(), /smtp_send_failed/);
      });
    } finally {
      await peer.close();
    }
  });

  test('smtp_tls = implicit speaks TLS from the first byte', async () => {
    const peer = await startSmtpPeer({ tls: 'implicit', certificate });
    try {
      await withServer(peer, ['--smtp-tls', 'implicit', '--smtp-ca-file', certificate.certFile], async (srv) => {
        await requestReset(srv);
        assert.ok(await peer.waitFor(() => resetMailTo(peer)), `the reset mail arrived:\n${srv.logs()}`);
        assert.equal(resetMailTo(peer).secure, true);
      });
    } finally {
      await peer.close();
    }
  });

  test('a relay password without TLS, or a bad smtp_tls, stops the server at start', async () => {
    await assert.rejects(
      startServer({ args: ['--smtp-host', '127.0.0.1', '--smtp-tls', 'off', '--smtp-user', 'u', '--smtp-password', 'p'] }),
      /smtp_user and smtp_password need smtp_tls starttls or implicit/,
    );
    await assert.rejects(startServer({ args: ['--smtp-tls', 'maybe'] }), /smtp_tls: expected starttls, implicit or off/);
  });
});
