-- Proven e-mail addresses and staff invitations (issue 12, finding 1).
-- Registering no longer proves an address; a link e-mailed at registration does. Staff roles are no
-- longer given to whatever account holds an address: an invitation names the address, and the roles
-- attach when the holder of that mailbox accepts it. Only SHA-256 hashes of the e-mailed tokens are
-- stored, so a copy of these tables verifies nothing and accepts nothing.

ALTER TABLE accounts ADD COLUMN email_verified_at BIGINT;  -- NULL until a link sent to the address is used

-- Someone who already used a link sent to their address (a password reset or the old staff
-- invitation) has proved it.
UPDATE accounts SET email_verified_at = (
  SELECT MIN(t.used_at) FROM password_reset_tokens t
  WHERE t.account_id = accounts.id AND t.used_at IS NOT NULL);

CREATE TABLE email_verification_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  email      TEXT NOT NULL,     -- the address the link went to; it verifies only that one
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX email_verification_tokens_by_account ON email_verification_tokens (account_id, created_at);

CREATE TABLE staff_invitations (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  email           TEXT NOT NULL,
  display_name    TEXT NOT NULL,   -- the name the admin typed, used when the invitee registers
  roles           TEXT NOT NULL,   -- comma-separated staff roles of this organisation
  preferred_lang  TEXT NOT NULL DEFAULT 'en',
  token_hash      TEXT NOT NULL UNIQUE,  -- replaced when the invitation is sent again
  invited_by      TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  sent_at         BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  accepted_at     BIGINT,
  accepted_by     TEXT,
  withdrawn_at    BIGINT
);
CREATE INDEX staff_invitations_by_org ON staff_invitations (organisation_id, created_at);
CREATE INDEX staff_invitations_by_email ON staff_invitations (email);

-- Every e-mail an invitation sent (first and again), so an admin cannot flood a mailbox with them.
CREATE TABLE invitation_sends (
  invitation_id   TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  at              BIGINT NOT NULL
);
CREATE INDEX invitation_sends_by_invitation ON invitation_sends (invitation_id, at);
CREATE INDEX invitation_sends_by_org ON invitation_sends (organisation_id, at);
