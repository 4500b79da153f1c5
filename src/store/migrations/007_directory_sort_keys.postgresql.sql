-- A doctor's specialties are part of their directory rows now: a change marks the doctor.
CREATE TRIGGER doctor_directory_on_specialty AFTER INSERT OR DELETE OR UPDATE ON doctor_specialties
  FOR EACH ROW EXECUTE FUNCTION doctor_directory_mark_row('account_id');
