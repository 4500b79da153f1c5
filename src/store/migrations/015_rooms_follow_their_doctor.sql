-- A room's doctor_id is its appointment's doctor, kept so by consult when a booking moves to
-- another doctor's slot (Booking::on_doctor_changed), so that a doctor's room list reads
-- consult's own table alone. Rooms opened before that rule get their appointment's doctor now.
UPDATE consultations
   SET doctor_id = (SELECT a.doctor_id FROM appointments a WHERE a.id = consultations.appointment_id)
 WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.id = consultations.appointment_id);
