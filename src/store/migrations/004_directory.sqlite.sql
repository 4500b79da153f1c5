-- Marks a doctor's directory row for rebuilding when something it is made of changes (see
-- 004_directory.sql). SQLite runs one writer at a time, so a plain upsert of the mark is enough.

CREATE TRIGGER doctor_directory_on_account AFTER UPDATE OF display_name, status ON accounts
  WHEN (OLD.display_name IS NOT NEW.display_name OR OLD.status IS NOT NEW.status) AND EXISTS (SELECT 1 FROM doctor_profiles p WHERE p.account_id = NEW.id)
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_profile_insert AFTER INSERT ON doctor_profiles
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_profile_update AFTER UPDATE OF organisation_id, name_zh ON doctor_profiles
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_profile_delete AFTER DELETE ON doctor_profiles
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (OLD.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_role_insert AFTER INSERT ON account_roles
  WHEN NEW.role = 'doctor'
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_role_delete AFTER DELETE ON account_roles
  WHEN OLD.role = 'doctor'
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (OLD.account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_organisation AFTER UPDATE OF region, active ON organisations
  WHEN OLD.region IS NOT NEW.region OR OLD.active IS NOT NEW.active
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) SELECT p.account_id, 1 FROM doctor_profiles p WHERE p.organisation_id = NEW.id
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_service AFTER UPDATE OF consultation_type, active ON services
  WHEN OLD.consultation_type IS NOT NEW.consultation_type OR OLD.active IS NOT NEW.active
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) SELECT t.doctor_id, 1 FROM availability_templates t WHERE t.service_id = NEW.id
    UNION SELECT x.doctor_id, 1 FROM one_off_sessions x WHERE x.service_id = NEW.id
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_template_insert AFTER INSERT ON availability_templates
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_template_update AFTER UPDATE ON availability_templates
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_template_delete AFTER DELETE ON availability_templates
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (OLD.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_session_insert AFTER INSERT ON one_off_sessions
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_session_update AFTER UPDATE ON one_off_sessions
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_session_delete AFTER DELETE ON one_off_sessions
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (OLD.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_slot_insert AFTER INSERT ON slots
  WHEN NEW.status = 'open'
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_slot_update AFTER UPDATE OF status ON slots
  WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

CREATE TRIGGER doctor_directory_on_appointment_insert AFTER INSERT ON appointments
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;

-- A reschedule moves a booking between slots, perhaps between doctors: both rows change.
CREATE TRIGGER doctor_directory_on_appointment_update AFTER UPDATE OF status, slot_id, doctor_id ON appointments
  WHEN OLD.status IS NOT NEW.status OR OLD.slot_id IS NOT NEW.slot_id
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (NEW.doctor_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
  INSERT INTO doctor_directory_marks (account_id, version) SELECT OLD.doctor_id, 1
    WHERE OLD.doctor_id IS NOT NEW.doctor_id
    ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
END;
