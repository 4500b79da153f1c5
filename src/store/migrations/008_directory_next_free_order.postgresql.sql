CREATE FUNCTION doctor_directory_specialties_follow_next_free() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_directory_specialties SET next_free_at = NEW.next_free_at
   WHERE account_id = NEW.account_id;
  RETURN NULL;
END $$;

CREATE TRIGGER doctor_directory_specialties_follow_next_free AFTER UPDATE OF next_free_at ON doctor_directory
  FOR EACH ROW WHEN (OLD.next_free_at IS DISTINCT FROM NEW.next_free_at)
  EXECUTE FUNCTION doctor_directory_specialties_follow_next_free();
