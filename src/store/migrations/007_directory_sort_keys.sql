-- A common surname or specialty names thousands of doctors, and sorting them all for a page of
-- 20 took 30–60 ms (general practice: 17,735 of 48,000 doctors). With the sort name beside each
-- token and each specialty, a page is an index range read in page order (bench/README.md,
-- directory search). Both tables are derived like doctor_directory: directory_index writes them
-- with the row, from the same sort name.
ALTER TABLE doctor_name_tokens ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE doctor_name_tokens SET sort_name =
  (SELECT d.sort_name FROM doctor_directory d WHERE d.account_id = doctor_name_tokens.account_id);
CREATE INDEX doctor_name_tokens_in_order ON doctor_name_tokens (token, sort_name, account_id);

CREATE TABLE doctor_directory_specialties (
  specialty  TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  sort_name  TEXT NOT NULL,
  PRIMARY KEY (specialty, account_id)
);
CREATE INDEX doctor_directory_specialties_in_order
  ON doctor_directory_specialties (specialty, sort_name, account_id);
CREATE INDEX doctor_directory_specialties_by_doctor ON doctor_directory_specialties (account_id);
INSERT INTO doctor_directory_specialties (specialty, account_id, sort_name)
  SELECT x.specialty, x.account_id, d.sort_name
    FROM doctor_specialties x JOIN doctor_directory d ON d.account_id = x.account_id;
