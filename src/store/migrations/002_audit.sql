-- Append-only, hash-chained audit trail. hash = SHA-256(prev_hash | canonical event fields);
-- `yiqiao audit verify` recomputes the chain. The triggers in 002_audit.<dialect>.sql refuse
-- UPDATE and DELETE so even the application cannot rewrite history.
CREATE TABLE audit_events (
  seq          BIGINT PRIMARY KEY,
  at           BIGINT NOT NULL,
  actor_id     TEXT NOT NULL DEFAULT '',
  actor_role   TEXT NOT NULL DEFAULT '',
  on_behalf_of TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  patient_id   TEXT NOT NULL DEFAULT '',
  target_type  TEXT NOT NULL DEFAULT '',
  target_id    TEXT NOT NULL DEFAULT '',
  ip           TEXT NOT NULL DEFAULT '',
  outcome      TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  detail       TEXT NOT NULL DEFAULT '',
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE INDEX audit_events_by_patient ON audit_events (patient_id, at);
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, at);

-- The head of the chain. Updating this single row serialises writers on both engines (a row lock
-- in PostgreSQL, the write lock in SQLite), and verify() checks the last event against it, so
-- cutting events off the end is noticed too.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
