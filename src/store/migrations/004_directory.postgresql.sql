-- Marks a doctor's directory row for rebuilding when something it is made of changes (see
-- 004_directory.sql). The upsert bumps the mark's version under the row lock, so a rebuild that
-- read an older version leaves the newer mark for the next pass (READ COMMITTED re-checks it).

CREATE FUNCTION doctor_directory_mark(doctor TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO doctor_directory_marks (account_id, version) VALUES (doctor, 1)
  ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1
$$;

-- For tables that name the doctor in a column: TG_ARGV[0] is that column.
CREATE FUNCTION doctor_directory_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM doctor_directory_mark(to_jsonb(NEW) ->> TG_ARGV[0]);
  ELSE
    PERFORM doctor_directory_mark(to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION doctor_directory_mark_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM doctor_profiles p WHERE p.account_id = NEW.id) THEN
    PERFORM doctor_directory_mark(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION doctor_directory_mark_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version)
    SELECT p.account_id, 1 FROM doctor_profiles p WHERE p.organisation_id = NEW.id
  ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION doctor_directory_mark_service() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO doctor_directory_marks (account_id, version)
    SELECT t.doctor_id, 1 FROM availability_templates t WHERE t.service_id = NEW.id
    UNION SELECT x.doctor_id, 1 FROM one_off_sessions x WHERE x.service_id = NEW.id
  ON CONFLICT (account_id) DO UPDATE SET version = doctor_directory_marks.version + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION doctor_directory_mark_appointment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM doctor_directory_mark(NEW.doctor_id);
  IF OLD.doctor_id IS DISTINCT FROM NEW.doctor_id THEN
    PERFORM doctor_directory_mark(OLD.doctor_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER doctor_directory_on_account AFTER UPDATE OF display_name, status ON accounts
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name
                     OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION doctor_directory_mark_account();
CREATE TRIGGER doctor_directory_on_profile AFTER INSERT OR DELETE OR UPDATE OF organisation_id, name_zh
  ON doctor_profiles FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('account_id');
CREATE TRIGGER doctor_directory_on_role_insert AFTER INSERT ON account_roles
  FOR EACH ROW WHEN (NEW.role = 'doctor') EXECUTE FUNCTION doctor_directory_mark_row('account_id');
CREATE TRIGGER doctor_directory_on_role_delete AFTER DELETE ON account_roles
  FOR EACH ROW WHEN (OLD.role = 'doctor') EXECUTE FUNCTION doctor_directory_mark_row('account_id');
CREATE TRIGGER doctor_directory_on_organisation AFTER UPDATE OF region, active ON organisations
  FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION doctor_directory_mark_organisation();
CREATE TRIGGER doctor_directory_on_service AFTER UPDATE OF consultation_type, active ON services
  FOR EACH ROW WHEN (OLD.consultation_type IS DISTINCT FROM NEW.consultation_type
                     OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION doctor_directory_mark_service();
CREATE TRIGGER doctor_directory_on_template AFTER INSERT OR UPDATE OR DELETE ON availability_templates
  FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('doctor_id');
CREATE TRIGGER doctor_directory_on_session AFTER INSERT OR UPDATE OR DELETE ON one_off_sessions
  FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('doctor_id');
CREATE TRIGGER doctor_directory_on_slot_insert AFTER INSERT ON slots
  FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION doctor_directory_mark_row('doctor_id');
CREATE TRIGGER doctor_directory_on_slot_update AFTER UPDATE OF status ON slots
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION doctor_directory_mark_row('doctor_id');
CREATE TRIGGER doctor_directory_on_appointment_insert AFTER INSERT ON appointments
  FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('doctor_id');
-- A reschedule moves a booking between slots, perhaps between doctors: both rows change.
CREATE TRIGGER doctor_directory_on_appointment_update AFTER UPDATE OF status, slot_id, doctor_id
  ON appointments FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.slot_id IS DISTINCT FROM NEW.slot_id)
  EXECUTE FUNCTION doctor_directory_mark_appointment();
