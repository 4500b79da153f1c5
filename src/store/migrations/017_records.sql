-- The shared health record (src/records/entries.hpp), stored as FHIR R4 resources the way Medplum
-- and HAPI FHIR store them: the current version of each resource as JSON with index columns for
-- what search, the summary and the consent filter need, and every version in an insert-only table.
-- Nothing is ever deleted: a correction is a new version, a wrong entry is marked entered-in-error.

CREATE TABLE record_entries (
  id               TEXT PRIMARY KEY,      -- also the FHIR resource id
  patient_id       TEXT NOT NULL REFERENCES accounts(id),
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),  -- who recorded it
  resource_type    TEXT NOT NULL,         -- AllergyIntolerance, Condition, Observation, ...
  category         TEXT NOT NULL,         -- encounters, conditions, labs, ... (consent's list)
  sensitivity      TEXT NOT NULL DEFAULT '',  -- 'mental_health' or ''
  code_system      TEXT NOT NULL DEFAULT '',
  code             TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL,         -- the resource's FHIR status
  effective_at     BIGINT NOT NULL,       -- when it happened (onset, date given, sample taken)
  value_num        DOUBLE PRECISION,      -- a numeric result, for trends
  value_num2       DOUBLE PRECISION,      -- a second one (diastolic of a blood pressure)
  parent_id        TEXT,                  -- a note (Composition): its Encounter
  source_ref       TEXT,                  -- what it was made from, e.g. 'consultation:<id>'
  document_sha256  TEXT,                  -- a DocumentReference's PDF in the blob store
  care_until       BIGINT,                -- an Encounter: the end of its follow-up period
  version          INTEGER NOT NULL CHECK (version >= 1),
  recorded_at      BIGINT NOT NULL,       -- first version
  recorded_by      TEXT NOT NULL REFERENCES accounts(id),
  updated_at       BIGINT NOT NULL,
  updated_by       TEXT NOT NULL REFERENCES accounts(id),
  error_at         BIGINT,                -- entered in error: when, by whom, why
  error_by         TEXT REFERENCES accounts(id),
  error_reason     TEXT,
  details          TEXT NOT NULL,         -- what the app shows, read off the resource (JSON)
  resource         TEXT NOT NULL          -- the current FHIR R4 JSON
);
CREATE INDEX record_entries_by_category ON record_entries (patient_id, category, effective_at, id);
CREATE INDEX record_entries_by_code ON record_entries (patient_id, code_system, code, effective_at);
CREATE INDEX record_entries_by_organisation ON record_entries (organisation_id, recorded_at);
-- Care relationships the record itself makes: a follow-up period, an open referral.
CREATE INDEX record_entries_by_care ON record_entries (patient_id, category, status, code);
CREATE UNIQUE INDEX record_entries_by_source ON record_entries (source_ref, resource_type)
  WHERE source_ref IS NOT NULL;

-- Every version, never changed or deleted.
CREATE TABLE record_entry_versions (
  entry_id    TEXT NOT NULL REFERENCES record_entries(id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  status      TEXT NOT NULL,
  sensitivity TEXT NOT NULL DEFAULT '',   -- as at that version: a corrected diagnosis may have been one
  resource    TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES accounts(id),
  reason      TEXT NOT NULL DEFAULT '',   -- why it was corrected ('' for the first version)
  details     TEXT NOT NULL,
  PRIMARY KEY (entry_id, version)
);

-- The coded terms entries carry besides ICD-10 diagnoses (diagnosis_codes): laboratory tests and
-- vital signs (LOINC), vaccines, allergy substances, procedures and medications, each named in
-- three languages. Later migrations add codes or correct names, never delete one.
CREATE TABLE record_codes (
  code_set     TEXT NOT NULL CHECK (code_set IN ('lab', 'vital', 'vaccine', 'allergen',
                                                 'procedure', 'medication')),
  system       TEXT NOT NULL,             -- a FHIR code system URI, e.g. 'http://loinc.org'
  code         TEXT NOT NULL,
  name_en      TEXT NOT NULL,
  name_zh_hant TEXT NOT NULL,
  name_zh_hans TEXT NOT NULL,
  unit         TEXT NOT NULL DEFAULT '',  -- UCUM, for lab and vital codes
  ref_low      DOUBLE PRECISION,          -- adult reference range, where one applies
  ref_high     DOUBLE PRECISION,
  PRIMARY KEY (system, code)
);
CREATE INDEX record_codes_by_set ON record_codes (code_set, code);

-- One "your record was read" notice per reader (as one organisation) per patient per Hong Kong day.
CREATE TABLE record_access_notices (
  patient_id      TEXT NOT NULL REFERENCES accounts(id),
  reader_id       TEXT NOT NULL REFERENCES accounts(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),  -- the reader read as
  day             TEXT NOT NULL,              -- YYYY-MM-DD, Hong Kong time
  PRIMARY KEY (patient_id, reader_id, organisation_id, day)
);

-- The patient's access log reads record.read events about them (audit_events_by_patient); an
-- organisation's export reads one action over a date range.
CREATE INDEX audit_events_by_action ON audit_events (action, at);
