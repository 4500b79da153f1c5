-- Sharing of the health record between organisations (src/consent/sharing.hpp), as Hong Kong's
-- eHRSS works: the patient joins the sharing, then consents organisation by organisation; beyond
-- eHRSS, the patient may restrict an entry or a category from every other organisation. Emergency
-- accesses and a clinician's requests for consent are data too. No row is deleted; a consent or an
-- enrolment row holds its latest period (given again, it is overwritten), and the audit events
-- (sharing.*) keep every earlier one.

CREATE TABLE sharing_enrolments (
  patient_id   TEXT PRIMARY KEY REFERENCES accounts(id),
  joined_at    BIGINT,                -- NULL: not joined now
  withdrawn_at BIGINT,
  decided_by   TEXT NOT NULL REFERENCES accounts(id),
  updated_at   BIGINT NOT NULL
);

CREATE TABLE sharing_consents (
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  given_at        BIGINT NOT NULL,
  revoked_at      BIGINT,             -- NULL: active
  decided_by      TEXT NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (patient_id, organisation_id)
);

CREATE TABLE sharing_restrictions (
  id         TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES accounts(id),
  kind       TEXT NOT NULL CHECK (kind IN ('entry', 'category')),
  target     TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES accounts(id),
  lifted_at  BIGINT
);
CREATE INDEX sharing_restrictions_by_patient ON sharing_restrictions (patient_id, lifted_at);

CREATE TABLE sharing_requests (
  id              TEXT PRIMARY KEY,
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  clinician_id    TEXT NOT NULL REFERENCES accounts(id),
  created_at      BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  answered_at     BIGINT,
  answer          TEXT CHECK (answer IN ('approved', 'declined')),
  answered_by     TEXT REFERENCES accounts(id)
);
CREATE INDEX sharing_requests_by_patient ON sharing_requests (patient_id, answered_at, expires_at);

CREATE TABLE emergency_accesses (
  id              TEXT PRIMARY KEY,
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  clinician_id    TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  reason          TEXT NOT NULL,
  started_at      BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  reviewed_at     BIGINT,
  reviewed_by     TEXT REFERENCES accounts(id),
  review_note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX emergency_accesses_by_reader ON emergency_accesses (clinician_id, patient_id, expires_at);
CREATE INDEX emergency_accesses_by_patient ON emergency_accesses (patient_id, started_at);
CREATE INDEX emergency_accesses_by_organisation ON emergency_accesses (organisation_id, started_at);
