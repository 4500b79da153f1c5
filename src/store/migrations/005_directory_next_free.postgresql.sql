-- Bookings, cancellations, reschedules and slot changes move a doctor's directory next free time
-- in the statement that causes them, instead of marking the doctor for a full rebuild: at booking
-- rates the keeper's rebuilds took the writer from bookings (bench/README.md, booking). The
-- common case costs one primary-key probe: a booked slot is rarely the doctor's earliest free
-- one. A time that passes into the past is the keeper's (lapsed rows), as before.
DROP TRIGGER doctor_directory_on_slot_insert ON slots;
DROP TRIGGER doctor_directory_on_slot_update ON slots;
DROP TRIGGER doctor_directory_on_appointment_insert ON appointments;
DROP TRIGGER doctor_directory_on_appointment_update ON appointments;
DROP FUNCTION doctor_directory_mark_appointment();

-- A slot at `starts` became free: earlier than the row's next free time, it is the new one.
CREATE FUNCTION doctor_directory_free(doctor TEXT, starts BIGINT) RETURNS void LANGUAGE sql AS $$
  UPDATE doctor_directory SET next_free_at = starts
   WHERE account_id = doctor AND next_free_at > starts
$$;

-- The slot at `starts` stopped being free: if it was the doctor's next free one, the next is the
-- earliest free one at or after it (nothing earlier was free when the row was right), or none. A
-- doctor has one open slot per start.
CREATE FUNCTION doctor_directory_taken(doctor TEXT, starts BIGINT) RETURNS void LANGUAGE sql AS $$
  UPDATE doctor_directory SET next_free_at = COALESCE(
      (SELECT MIN(s.starts_at) FROM slots s
        WHERE s.doctor_id = doctor AND s.status = 'open' AND s.starts_at >= starts
          AND NOT EXISTS (SELECT 1 FROM appointments a
                           WHERE a.slot_id = s.id AND a.status <> 'cancelled')),
      9223372036854775807)
   WHERE account_id = doctor AND next_free_at = starts
$$;

CREATE FUNCTION doctor_directory_slot_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'open' THEN
    IF NOT EXISTS (SELECT 1 FROM appointments a
                    WHERE a.slot_id = NEW.id AND a.status <> 'cancelled') THEN
      PERFORM doctor_directory_free(NEW.doctor_id, NEW.starts_at);
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'open' THEN
      PERFORM doctor_directory_taken(NEW.doctor_id, NEW.starts_at);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- A booking takes its slot; a cancellation frees it; a reschedule frees the old one and takes the
-- new one, perhaps another doctor's (appointments carry their slot's doctor and start).
CREATE FUNCTION doctor_directory_appointment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM doctor_directory_taken(NEW.doctor_id, NEW.starts_at);
    RETURN NULL;
  END IF;
  IF OLD.status <> 'cancelled' AND (NEW.status = 'cancelled' OR OLD.slot_id <> NEW.slot_id) THEN
    IF EXISTS (SELECT 1 FROM slots s WHERE s.id = OLD.slot_id AND s.status = 'open')
       AND NOT EXISTS (SELECT 1 FROM appointments a
                        WHERE a.slot_id = OLD.slot_id AND a.status <> 'cancelled') THEN
      PERFORM doctor_directory_free(OLD.doctor_id, OLD.starts_at);
    END IF;
  END IF;
  IF NEW.status <> 'cancelled' AND (OLD.status = 'cancelled' OR OLD.slot_id <> NEW.slot_id) THEN
    PERFORM doctor_directory_taken(NEW.doctor_id, NEW.starts_at);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER doctor_directory_on_slot_insert AFTER INSERT ON slots
  FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION doctor_directory_slot_changed();
CREATE TRIGGER doctor_directory_on_slot_update AFTER UPDATE OF status ON slots
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION doctor_directory_slot_changed();
CREATE TRIGGER doctor_directory_on_appointment_insert AFTER INSERT ON appointments
  FOR EACH ROW WHEN (NEW.status <> 'cancelled')
  EXECUTE FUNCTION doctor_directory_appointment_changed();
CREATE TRIGGER doctor_directory_on_appointment_update AFTER UPDATE OF status, slot_id ON appointments
  FOR EACH ROW WHEN ((OLD.status IS DISTINCT FROM NEW.status
                      AND (OLD.status = 'cancelled' OR NEW.status = 'cancelled'))
                     OR OLD.slot_id IS DISTINCT FROM NEW.slot_id)
  EXECUTE FUNCTION doctor_directory_appointment_changed();
