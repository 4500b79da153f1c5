-- Next-free order by specialty or organisation without sorting: the specialty rows carry the
-- doctor's next free time (kept equal to doctor_directory.next_free_at by a trigger), and the
-- organisation has an index in that order. `specialty=general_practice&sort=next_free` sorted
-- 17,735 doctors for a page of 20 (bench/README.md, directory search).
ALTER TABLE doctor_directory_specialties ADD COLUMN next_free_at BIGINT NOT NULL DEFAULT 9223372036854775807;
UPDATE doctor_directory_specialties SET next_free_at = (SELECT d.next_free_at FROM doctor_directory d
  WHERE d.account_id = doctor_directory_specialties.account_id);
CREATE INDEX doctor_directory_specialties_by_next_free
  ON doctor_directory_specialties (specialty, next_free_at, sort_name, account_id);
CREATE INDEX doctor_directory_by_organisation_next_free
  ON doctor_directory (organisation_id, listed, next_free_at, sort_name, account_id);
