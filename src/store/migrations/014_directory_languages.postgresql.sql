-- A doctor's languages are part of their directory rows now: a change marks the doctor.
CREATE TRIGGER doctor_directory_on_language AFTER INSERT OR DELETE OR UPDATE ON doctor_languages
  FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('account_id');
