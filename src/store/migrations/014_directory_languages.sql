-- The directory's own copy of the languages each doctor speaks, so that a search filters on the
-- directory's tables alone and never on identity's (one owner per table: docs/architecture.md,
-- "Module map"). Derived like doctor_directory_specialties: scheduling/directory/index.cpp
-- writes a doctor's rows with their directory row, from identity's answer.
CREATE TABLE doctor_directory_languages (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  language   TEXT NOT NULL,
  PRIMARY KEY (account_id, language)
);
INSERT INTO doctor_directory_languages (account_id, language)
  SELECT x.account_id, x.language
    FROM doctor_languages x JOIN doctor_directory d ON d.account_id = x.account_id;
