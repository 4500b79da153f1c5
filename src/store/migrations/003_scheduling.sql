-- Scheduling: services, availability, slots, appointments, dependants, idempotency, on-demand queues,
-- notifications and reminders. Written in the SQL subset SQLite and PostgreSQL share.
-- Times are BIGINT UTC seconds; calendar days are TEXT 'YYYY-MM-DD' in Hong Kong time
-- (Asia/Hong_Kong, UTC+8 all year: no daylight saving), minutes of the day are local minutes.

-- Basic facts about a patient that accounts do not carry: a child's age decides who may manage them.
CREATE TABLE patient_details (
  account_id    TEXT PRIMARY KEY REFERENCES accounts(id),
  date_of_birth TEXT NOT NULL DEFAULT '',   -- 'YYYY-MM-DD' or '' when not given
  sex           TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'female', 'male', 'other')),
  updated_at    BIGINT NOT NULL
);

-- Who may act for whom. A child under 16 is created by their parent (an account without a password
-- that cannot sign in); an adult grants carer access to an existing account and can revoke it.
CREATE TABLE dependants (
  carer_id     TEXT NOT NULL REFERENCES accounts(id),
  patient_id   TEXT NOT NULL REFERENCES accounts(id),
  relationship TEXT NOT NULL CHECK (relationship IN ('child', 'parent', 'spouse', 'relative', 'other')),
  status       TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
  created_at   BIGINT NOT NULL,
  granted_at   BIGINT,
  revoked_at   BIGINT,
  PRIMARY KEY (carer_id, patient_id),
  CHECK (carer_id <> patient_id)
);
CREATE INDEX dependants_by_patient ON dependants (patient_id);

-- What an organisation offers: bookable services and, with queue_enabled, a "see a doctor now" queue.
CREATE TABLE services (
  id                TEXT PRIMARY KEY,
  organisation_id   TEXT NOT NULL REFERENCES organisations(id),
  name_en           TEXT NOT NULL,
  name_zh_hant      TEXT NOT NULL,
  name_zh_hans      TEXT NOT NULL,
  specialty         TEXT NOT NULL,
  consultation_type TEXT NOT NULL CHECK (consultation_type IN ('video', 'voice', 'in_person')),
  slot_minutes      INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  fee_cents         BIGINT NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  currency          TEXT NOT NULL DEFAULT 'HKD',
  queue_enabled     INTEGER NOT NULL DEFAULT 0 CHECK (queue_enabled IN (0, 1)),
  -- '' = open 24x7; otherwise JSON [{"weekday":1..7,"from":minute,"to":minute}, ...] in local time
  queue_hours       TEXT NOT NULL DEFAULT '',
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
CREATE INDEX services_by_org ON services (organisation_id);
CREATE INDEX services_by_specialty ON services (specialty);

-- Weekly availability of a doctor for a service. weekday is ISO (1 = Monday .. 7 = Sunday).
CREATE TABLE availability_templates (
  id           TEXT PRIMARY KEY,
  doctor_id    TEXT NOT NULL REFERENCES accounts(id),
  service_id   TEXT NOT NULL REFERENCES services(id),
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  valid_from   TEXT NOT NULL,               -- first day it applies
  valid_until  TEXT NOT NULL DEFAULT '',    -- last day, '' = open-ended
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  CHECK (start_minute < end_minute)
);
CREATE INDEX availability_templates_by_doctor ON availability_templates (doctor_id);
CREATE INDEX availability_templates_by_service ON availability_templates (service_id);

-- Time a doctor is away (leave, training): no slots inside it.
CREATE TABLE availability_exceptions (
  id         TEXT PRIMARY KEY,
  doctor_id  TEXT NOT NULL REFERENCES accounts(id),
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX availability_exceptions_by_doctor ON availability_exceptions (doctor_id, starts_at);

-- Public holidays per organisation (seeded with Hong Kong's, editable by its admin): templates
-- produce no slots on them; one-off sessions still do.
CREATE TABLE public_holidays (
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  day             TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  name_zh_hant    TEXT NOT NULL,
  name_zh_hans    TEXT NOT NULL,
  PRIMARY KEY (organisation_id, day)
);
-- Organisations whose holiday list was seeded with Hong Kong's (once: a day the admin removed
-- stays removed).
CREATE TABLE holiday_seeds (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
  seeded_at       BIGINT NOT NULL
);

-- The directory's free-text key per doctor: every name of theirs converted to Simplified Chinese
-- and lower case (OpenCC, scheduling/search_text.hpp), so a query in either script finds both.
-- Rebuilt when the profile or account changed after the key was made (the stamps say when).
CREATE TABLE doctor_search (
  account_id         TEXT PRIMARY KEY REFERENCES accounts(id),
  search_key         TEXT NOT NULL,
  profile_updated_at BIGINT NOT NULL,
  account_updated_at BIGINT NOT NULL
);

-- A session outside the weekly pattern (an extra Saturday clinic, say).
CREATE TABLE one_off_sessions (
  id         TEXT PRIMARY KEY,
  doctor_id  TEXT NOT NULL REFERENCES accounts(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX one_off_sessions_by_doctor ON one_off_sessions (doctor_id, starts_at);

-- Bookable times, materialised from templates and sessions over a rolling horizon. A slot whose
-- source went away is withdrawn, never deleted while an appointment points at it.
CREATE TABLE slots (
  id              TEXT PRIMARY KEY,
  doctor_id       TEXT NOT NULL REFERENCES accounts(id),
  service_id      TEXT NOT NULL REFERENCES services(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  starts_at       BIGINT NOT NULL,
  ends_at         BIGINT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('template', 'session')),
  source_id       TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn')),
  created_at      BIGINT NOT NULL,
  CHECK (starts_at < ends_at)
);
-- A doctor is in one place at a time: one open slot per doctor and start.
CREATE UNIQUE INDEX slots_one_open_per_doctor_start ON slots (doctor_id, starts_at) WHERE status = 'open';
CREATE INDEX slots_by_service_time ON slots (service_id, starts_at);
CREATE INDEX slots_by_org_time ON slots (organisation_id, starts_at);
CREATE INDEX slots_by_source ON slots (source_id);

CREATE TABLE appointments (
  id              TEXT PRIMARY KEY,
  slot_id         TEXT NOT NULL REFERENCES slots(id),
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  booked_by       TEXT NOT NULL REFERENCES accounts(id),
  doctor_id       TEXT NOT NULL REFERENCES accounts(id),
  service_id      TEXT NOT NULL REFERENCES services(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  starts_at       BIGINT NOT NULL,
  ends_at         BIGINT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'in_consultation', 'completed',
                                                  'cancelled', 'no_show')),
  -- the pre-consultation questionnaire
  reason          TEXT NOT NULL DEFAULT '',
  symptoms        TEXT NOT NULL DEFAULT '',
  known_allergies TEXT NOT NULL DEFAULT '',
  cancelled_by    TEXT NOT NULL DEFAULT '',
  cancel_reason   TEXT NOT NULL DEFAULT '',
  cancelled_at    BIGINT,
  rescheduled_from TEXT NOT NULL DEFAULT '',  -- the slot it moved from, when rescheduled
  -- set when an admin's change withdrew its slot: the patient was told to rebook
  needs_rebooking INTEGER NOT NULL DEFAULT 0 CHECK (needs_rebooking IN (0, 1)),
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
-- THE invariant: one active booking per slot, held by the database on both engines.
CREATE UNIQUE INDEX appointments_one_active_per_slot ON appointments (slot_id) WHERE status <> 'cancelled';
CREATE INDEX appointments_by_patient ON appointments (patient_id, starts_at);
CREATE INDEX appointments_by_doctor ON appointments (doctor_id, starts_at);
CREATE INDEX appointments_by_org ON appointments (organisation_id, starts_at);

-- A retried create answers with what the first attempt did. Keys are per account and route.
CREATE TABLE idempotency_keys (
  account_id    TEXT NOT NULL REFERENCES accounts(id),
  scope         TEXT NOT NULL,           -- e.g. 'POST /api/v1/appointments'
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,           -- the same key with a different body is refused
  status        INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (account_id, scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- "See a doctor now": one row per patient per visit to a service's queue.
CREATE TABLE queue_entries (
  id            TEXT PRIMARY KEY,
  service_id    TEXT NOT NULL REFERENCES services(id),
  patient_id    TEXT NOT NULL REFERENCES accounts(id),
  joined_by     TEXT NOT NULL REFERENCES accounts(id),
  priority      INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 9),  -- lower is seen first
  triage        TEXT NOT NULL DEFAULT '{}',   -- the answers, JSON
  status        TEXT NOT NULL CHECK (status IN ('waiting', 'taken', 'left', 'dropped', 'completed')),
  joined_at     BIGINT NOT NULL,
  seq           BIGINT NOT NULL,              -- arrival order within the service
  last_seen_at  BIGINT NOT NULL,              -- last sign of the patient's connection
  taken_by      TEXT NOT NULL DEFAULT '',
  taken_at      BIGINT,
  ended_at      BIGINT,
  end_reason    TEXT NOT NULL DEFAULT ''
);
-- One waiting entry per patient per service; a doctor holds at most one patient at a time.
CREATE UNIQUE INDEX queue_entries_one_waiting ON queue_entries (service_id, patient_id) WHERE status = 'waiting';
CREATE UNIQUE INDEX queue_entries_one_per_doctor ON queue_entries (taken_by) WHERE status = 'taken';
CREATE INDEX queue_entries_order ON queue_entries (service_id, status, priority, seq);
-- The recent consultations a wait estimate is taken from, and the sweeper's silent waiting patients.
CREATE INDEX queue_entries_recent_ends ON queue_entries (service_id, status, ended_at);
CREATE INDEX queue_entries_by_last_seen ON queue_entries (status, last_seen_at);
CREATE INDEX queue_entries_by_patient ON queue_entries (patient_id, status);

-- Doctors on duty for a service's queue.
CREATE TABLE queue_duty (
  service_id TEXT NOT NULL REFERENCES services(id),
  doctor_id  TEXT NOT NULL REFERENCES accounts(id),
  since      BIGINT NOT NULL,
  PRIMARY KEY (service_id, doctor_id)
);

-- In-app notifications, pushed live over the WebSocket and listed in the app.
CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  kind       TEXT NOT NULL,              -- message key, e.g. 'appointment.booked'
  params     TEXT NOT NULL DEFAULT '{}', -- JSON for the message template
  link       TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at    BIGINT
);
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);

-- Reminders due at a time. The sender claims a row before sending, so a restart neither loses one
-- (due rows stay until sent) nor repeats one (sent_at is set in the same transaction as the notice).
CREATE TABLE reminders (
  id             TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments(id),
  kind           TEXT NOT NULL CHECK (kind IN ('24h', '1h')),
  due_at         BIGINT NOT NULL,
  sent_at        BIGINT,
  cancelled_at   BIGINT,
  UNIQUE (appointment_id, kind)
);
CREATE INDEX reminders_due ON reminders (sent_at, due_at);

-- The secret behind a per-account calendar feed URL (only its hash is kept), replaceable at will.
CREATE TABLE calendar_feeds (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
