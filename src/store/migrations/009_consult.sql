-- Video and voice consultations (src/consult) and their clinical notes (src/records).
-- Written in the SQL subset SQLite and PostgreSQL share. Times are BIGINT UTC seconds.

-- One room per booked appointment or per queue visit, made when someone first joins it.
CREATE TABLE consultations (
  id              TEXT PRIMARY KEY,
  appointment_id  TEXT UNIQUE REFERENCES appointments(id),
  queue_entry_id  TEXT UNIQUE REFERENCES queue_entries(id),
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  doctor_id       TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  service_id      TEXT NOT NULL REFERENCES services(id),
  media           TEXT NOT NULL CHECK (media IN ('video', 'voice')),
  -- psychological support: starts with cameras off and never shows anyone a self-view
  psych           INTEGER NOT NULL DEFAULT 0 CHECK (psych IN (0, 1)),
  opens_at        BIGINT NOT NULL,   -- joining is possible from ...
  closes_at       BIGINT NOT NULL,   -- ... until (a live room stays open until it is ended)
  status          TEXT NOT NULL CHECK (status IN ('open', 'live', 'ended')),
  started_at      BIGINT,            -- the doctor first admitted the patient
  ended_at        BIGINT,
  ended_by        TEXT NOT NULL DEFAULT '',
  -- the patient may send follow-up messages until then (set when the doctor ends the visit)
  follow_up_until BIGINT,
  follow_up_appointment_id TEXT REFERENCES appointments(id),  -- booked by the doctor at the visit
  created_at      BIGINT NOT NULL,
  CHECK ((appointment_id IS NULL) <> (queue_entry_id IS NULL))
);
CREATE INDEX consultations_by_patient ON consultations (patient_id, created_at);
CREATE INDEX consultations_by_doctor ON consultations (doctor_id, created_at);

-- Who belongs to a room. The patient, their proxy and the doctor are entitled by the appointment;
-- anyone else only by the doctor's invitation. Everyone but the doctor waits to be admitted.
CREATE TABLE consultation_participants (
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  role            TEXT NOT NULL CHECK (role IN ('patient', 'proxy', 'doctor', 'invitee')),
  invited_by      TEXT NOT NULL DEFAULT '',
  -- absent: has a seat but has not joined yet; invited: the doctor invited them, not joined yet
  state           TEXT NOT NULL CHECK (state IN ('absent', 'invited', 'waiting', 'admitted', 'left',
                                                 'removed')),
  joined_at       BIGINT,
  admitted_at     BIGINT,
  left_at         BIGINT,
  -- chat receipts: the newest message id this participant's device received / read
  delivered_up_to TEXT NOT NULL DEFAULT '',
  read_up_to      TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, account_id)
);
CREATE INDEX consultation_participants_by_account ON consultation_participants (account_id);

-- Short-lived secrets that bind one WebSocket to one room (only the hash is kept).
CREATE TABLE room_tokens (
  token_hash      TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  expires_at      BIGINT NOT NULL
);
CREATE INDEX room_tokens_by_expiry ON room_tokens (expires_at);

-- Chat, kept for the participants after the call. Ids are time-ordered, so "up to id" is a
-- position in the conversation. An attachment is a content-addressed blob named by its SHA-256.
CREATE TABLE consultation_messages (
  id                TEXT PRIMARY KEY,
  consultation_id   TEXT NOT NULL REFERENCES consultations(id),
  sender_id         TEXT NOT NULL REFERENCES accounts(id),
  client_key        TEXT NOT NULL DEFAULT '',  -- the sender's retry key: a resend is stored once
  body              TEXT NOT NULL DEFAULT '',
  attachment_sha256 TEXT NOT NULL DEFAULT '',
  attachment_name   TEXT NOT NULL DEFAULT '',
  attachment_type   TEXT NOT NULL DEFAULT '',
  attachment_size   BIGINT NOT NULL DEFAULT 0,
  created_at        BIGINT NOT NULL
);
CREATE INDEX consultation_messages_by_room ON consultation_messages (consultation_id, id);
CREATE UNIQUE INDEX consultation_messages_one_per_key
  ON consultation_messages (consultation_id, sender_id, client_key) WHERE client_key <> '';

CREATE TABLE consultation_ratings (
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  stars           INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment         TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, account_id)
);

-- The consultation note (SOAP). A draft is edited in place; signing freezes it as version 1;
-- every amendment adds a version. The note row always holds the newest text.
CREATE TABLE clinical_notes (
  id              TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL UNIQUE REFERENCES consultations(id),
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  author_id       TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  status          TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'amended')),
  version         INTEGER NOT NULL DEFAULT 0,  -- 0 while a draft
  subjective      TEXT NOT NULL DEFAULT '',
  objective       TEXT NOT NULL DEFAULT '',
  assessment      TEXT NOT NULL DEFAULT '',
  plan            TEXT NOT NULL DEFAULT '',
  diagnoses       TEXT NOT NULL DEFAULT '[]',  -- JSON array of diagnosis codes
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX clinical_notes_by_patient ON clinical_notes (patient_id, created_at);

-- Every signed text, never changed or deleted.
CREATE TABLE clinical_note_versions (
  note_id     TEXT NOT NULL REFERENCES clinical_notes(id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  subjective  TEXT NOT NULL,
  objective   TEXT NOT NULL,
  assessment  TEXT NOT NULL,
  plan        TEXT NOT NULL,
  diagnoses   TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',  -- why it was amended ('' for the first signature)
  signed_by   TEXT NOT NULL REFERENCES accounts(id),
  signed_at   BIGINT NOT NULL,
  PRIMARY KEY (note_id, version)
);
