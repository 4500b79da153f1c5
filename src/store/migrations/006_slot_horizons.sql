-- How far each doctor's slots have been materialised, so the pass at start and after midnight
-- skips doctors already done (a restart at pandemic scale re-materialised 48,000 doctors, 20–90
-- s of writes competing with traffic: bench/README.md). Every edit that changes a doctor's slots
-- re-materialises them at once and writes this row; `version` is the materialiser's rules
-- (scheduling::kMaterialiserVersion), so new rules in a release redo everyone. A derived cache:
-- deleting rows only makes the next pass do more.
CREATE TABLE slot_horizons (
  doctor_id TEXT PRIMARY KEY,
  through_day BIGINT NOT NULL,  -- the last Hong Kong day number (days since 1970-01-01) with slots
  version INTEGER NOT NULL,
  materialised_at BIGINT NOT NULL
);
