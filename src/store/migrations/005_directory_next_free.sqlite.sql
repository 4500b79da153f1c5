-- Bookings, cancellations, reschedules and slot changes move a doctor's directory next free time
-- in the statement that causes them, instead of marking the doctor for a full rebuild: at booking
-- rates the keeper's rebuilds took the writer from bookings (bench/README.md, booking). The
-- common case costs one primary-key probe: a booked slot is rarely the doctor's earliest free
-- one. A time that passes into the past is the keeper's (lapsed rows), as before.
DROP TRIGGER doctor_directory_on_slot_insert;
DROP TRIGGER doctor_directory_on_slot_update;
DROP TRIGGER doctor_directory_on_appointment_insert;
DROP TRIGGER doctor_directory_on_appointment_update;

-- A slot becomes free: earlier than the row's next free time, it is the new one.
CREATE TRIGGER doctor_directory_free_on_slot_insert AFTER INSERT ON slots
  WHEN NEW.status = 'open'
BEGIN
  UPDATE doctor_directory SET next_free_at = NEW.starts_at
   WHERE account_id = NEW.doctor_id AND next_free_at > NEW.starts_at;
END;

CREATE TRIGGER doctor_directory_free_on_slot_open AFTER UPDATE OF status ON slots
  WHEN OLD.status IS NOT 'open' AND NEW.status = 'open'
BEGIN
  UPDATE doctor_directory SET next_free_at = NEW.starts_at
   WHERE account_id = NEW.doctor_id AND next_free_at > NEW.starts_at
     AND NOT EXISTS (SELECT 1 FROM appointments a
                      WHERE a.slot_id = NEW.id AND a.status <> 'cancelled');
END;

-- The doctor's next free slot stops being free: the next is the earliest free one at or after it
-- (nothing earlier was free when the row was right), or none. A doctor has one open slot per start.
CREATE TRIGGER doctor_directory_taken_on_slot_close AFTER UPDATE OF status ON slots
  WHEN OLD.status = 'open' AND NEW.status IS NOT 'open'
BEGIN
  UPDATE doctor_directory SET next_free_at = COALESCE(
      (SELECT MIN(s.starts_at) FROM slots s
        WHERE s.doctor_id = NEW.doctor_id AND s.status = 'open' AND s.starts_at >= NEW.starts_at
          AND NOT EXISTS (SELECT 1 FROM appointments a
                           WHERE a.slot_id = s.id AND a.status <> 'cancelled')),
      9223372036854775807)
   WHERE account_id = NEW.doctor_id AND next_free_at = NEW.starts_at;
END;

CREATE TRIGGER doctor_directory_taken_on_appointment_insert AFTER INSERT ON appointments
  WHEN NEW.status <> 'cancelled'
BEGIN
  UPDATE doctor_directory SET next_free_at = COALESCE(
      (SELECT MIN(s.starts_at) FROM slots s
        WHERE s.doctor_id = NEW.doctor_id AND s.status = 'open' AND s.starts_at >= NEW.starts_at
          AND NOT EXISTS (SELECT 1 FROM appointments a
                           WHERE a.slot_id = s.id AND a.status <> 'cancelled')),
      9223372036854775807)
   WHERE account_id = NEW.doctor_id AND next_free_at = NEW.starts_at;
END;

-- A cancellation frees the slot; a reschedule frees the old one and takes the new one, perhaps
-- another doctor's (appointments carry their slot's doctor and start).
CREATE TRIGGER doctor_directory_on_appointment_change AFTER UPDATE OF status, slot_id ON appointments
  WHEN (OLD.status IS NOT NEW.status AND (OLD.status = 'cancelled' OR NEW.status = 'cancelled'))
    OR OLD.slot_id IS NOT NEW.slot_id
BEGIN
  UPDATE doctor_directory SET next_free_at = OLD.starts_at
   WHERE OLD.status <> 'cancelled' AND account_id = OLD.doctor_id
     AND next_free_at > OLD.starts_at
     AND EXISTS (SELECT 1 FROM slots s WHERE s.id = OLD.slot_id AND s.status = 'open')
     AND NOT EXISTS (SELECT 1 FROM appointments a
                      WHERE a.slot_id = OLD.slot_id AND a.status <> 'cancelled');
  UPDATE doctor_directory SET next_free_at = COALESCE(
      (SELECT MIN(s.starts_at) FROM slots s
        WHERE s.doctor_id = NEW.doctor_id AND s.status = 'open' AND s.starts_at >= NEW.starts_at
          AND NOT EXISTS (SELECT 1 FROM appointments a
                           WHERE a.slot_id = s.id AND a.status <> 'cancelled')),
      9223372036854775807)
   WHERE NEW.status <> 'cancelled' AND account_id = NEW.doctor_id
     AND next_free_at = NEW.starts_at;
END;
