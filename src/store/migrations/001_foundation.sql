-- Organisations, accounts, roles, sessions, sign-in throttling, password reset, mail outbox.
-- Written in the SQL subset SQLite and PostgreSQL share (see store/database.hpp).

CREATE TABLE organisations (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('public_hospital', 'private_hospital', 'clinic', 'pharmacy')),
  name_en       TEXT NOT NULL,
  name_zh_hant  TEXT NOT NULL,
  name_zh_hans  TEXT NOT NULL,
  region        TEXT NOT NULL,
  address       TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

CREATE TABLE accounts (
  id                  TEXT PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE,
  password_hash       TEXT,              -- NULL until an invited staff member sets one
  display_name        TEXT NOT NULL,
  phone               TEXT NOT NULL DEFAULT '',
  preferred_lang      TEXT NOT NULL DEFAULT 'en' CHECK (preferred_lang IN ('en', 'zh-Hant', 'zh-Hans')),
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  totp_secret         TEXT,              -- base32; set at enrolment, confirmed by totp_enabled
  totp_enabled        INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  totp_last_step      BIGINT NOT NULL DEFAULT 0,  -- refuses replay of an accepted code
  password_changed_at BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL
);

-- Global roles (patient, platform_admin) carry organisation_id = ''; staff roles name their organisation.
CREATE TABLE account_roles (
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  role            TEXT NOT NULL CHECK (role IN ('patient', 'doctor', 'nurse', 'pharmacist', 'org_admin', 'platform_admin')),
  organisation_id TEXT NOT NULL DEFAULT '',
  granted_at      BIGINT NOT NULL,
  PRIMARY KEY (account_id, role, organisation_id)
);
CREATE INDEX account_roles_by_org ON account_roles (organisation_id, role);

CREATE TABLE doctor_profiles (
  account_id      TEXT PRIMARY KEY REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  title           TEXT NOT NULL DEFAULT '',
  name_zh         TEXT NOT NULL DEFAULT '',
  registration_no TEXT NOT NULL DEFAULT '',
  qualifications  TEXT NOT NULL DEFAULT '',
  bio_en          TEXT NOT NULL DEFAULT '',
  bio_zh_hant     TEXT NOT NULL DEFAULT '',
  bio_zh_hans     TEXT NOT NULL DEFAULT '',
  photo_sha256    TEXT,
  fee_cents       BIGINT NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  currency        TEXT NOT NULL DEFAULT 'HKD',
  updated_at      BIGINT NOT NULL
);

CREATE TABLE doctor_specialties (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  specialty  TEXT NOT NULL,
  PRIMARY KEY (account_id, specialty)
);
CREATE INDEX doctor_specialties_by_specialty ON doctor_specialties (specialty);

CREATE TABLE doctor_languages (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  language   TEXT NOT NULL,
  PRIMARY KEY (account_id, language)
);

-- Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts(id),
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  mfa_done     INTEGER NOT NULL DEFAULT 0 CHECK (mfa_done IN (0, 1)),
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT '',
  revoked_at   BIGINT
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Failed sign-ins per subject ('account:<email>' or 'ip:<address>'), for throttling.
CREATE TABLE sign_in_failures (
  subject TEXT NOT NULL,
  at      BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at);

CREATE TABLE password_reset_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX password_reset_tokens_by_account ON password_reset_tokens (account_id);

-- Every e-mail is written here first; a sender delivers it over SMTP when one is configured.
CREATE TABLE outbox (
  id         TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at    BIGINT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox (sent_at, created_at);
