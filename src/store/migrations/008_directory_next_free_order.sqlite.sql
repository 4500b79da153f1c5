CREATE TRIGGER doctor_directory_specialties_follow_next_free AFTER UPDATE OF next_free_at ON doctor_directory
  WHEN OLD.next_free_at IS NOT NEW.next_free_at
BEGIN
  UPDATE doctor_directory_specialties SET next_free_at = NEW.next_free_at
   WHERE account_id = NEW.account_id;
END;
