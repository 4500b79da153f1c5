-- A doctor's languages are part of their directory rows now: a change marks the doctor.
CREATE TRIGGER doctor_directory_on_language_insert AFTER INSERT ON doctor_languages
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_language_delete AFTER DELETE ON doctor_languages
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (OLD.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;
