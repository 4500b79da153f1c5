-- The doctor directory's own table: one narrow row per doctor profile with what a search filters
-- and sorts on, so a search walks an index of 48,000 short rows instead of joining 1.6 million
-- accounts and asking the slots table for every doctor's next free time.
--
-- Rows are derived, never edited by hand: triggers (004_directory.<dialect>.sql) mark a doctor in
-- doctor_directory_marks whenever something the row is made of changes, and
-- scheduling/directory_index.cpp rebuilds marked rows (search keys need OpenCC, so not in SQL).
-- A mark carries a version so a rebuild that raced a newer change leaves the mark in place.

DROP TABLE doctor_search;

CREATE TABLE doctor_directory (
  account_id       TEXT PRIMARY KEY REFERENCES accounts(id),
  -- 1: active account, doctor role at the profile's organisation, active organisation
  listed           INTEGER NOT NULL CHECK (listed IN (0, 1)),
  organisation_id  TEXT NOT NULL,
  region           TEXT NOT NULL,
  sort_name        TEXT NOT NULL,
  -- every name of theirs in Simplified Chinese and lower case (scheduling/search_text.hpp);
  -- doctor_name_tokens are made from it
  search_key       TEXT NOT NULL,
  -- consultation types of the active services on their schedule
  offers_video     INTEGER NOT NULL CHECK (offers_video IN (0, 1)),
  offers_voice     INTEGER NOT NULL CHECK (offers_voice IN (0, 1)),
  offers_in_person INTEGER NOT NULL CHECK (offers_in_person IN (0, 1)),
  -- start of their earliest free slot when the row was built; 9223372036854775807 when none
  -- (a number, not NULL, so both engines sort "none" last straight from the index)
  next_free_at     BIGINT NOT NULL
);
CREATE INDEX doctor_directory_by_name ON doctor_directory (listed, sort_name, account_id);
CREATE INDEX doctor_directory_by_next_free ON doctor_directory (listed, next_free_at, sort_name, account_id);
CREATE INDEX doctor_directory_by_organisation ON doctor_directory (organisation_id, listed, sort_name);

-- The free-text index: a doctor's name tokens (scheduling/search_text.hpp), so a search for a
-- name is an index lookup per query word rather than a scan of every name.
CREATE TABLE doctor_name_tokens (
  token      TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (token, account_id)
);
CREATE INDEX doctor_name_tokens_by_doctor ON doctor_name_tokens (account_id);

CREATE TABLE doctor_directory_marks (
  account_id TEXT PRIMARY KEY,
  version    BIGINT NOT NULL
);

-- Every existing doctor is built on the first pass after this migration.
INSERT INTO doctor_directory_marks (account_id, version) SELECT account_id, 1 FROM doctor_profiles;
