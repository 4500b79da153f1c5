// What the booking area offers the others: its addresses, and the shapes of an appointment and a
// doctor's public profile (the doctor's day lists appointments; the profile editor edits the profile).
export type { Appointment, AppointmentStatus, Doctor } from './api';
export { bookingRoutes } from './routes';
