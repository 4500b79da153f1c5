// Addresses of finding a doctor, booking and appointments.
import type { Route } from '../base/router';
import { appointmentPage } from './appointment';
import { reschedulePage } from './appointment_reschedule';
import { appointmentsPage } from './appointments';
import { bookPage } from './book';
import { doctorProfilePage } from './doctor_profile';
import { doctorsPage } from './doctors';

const patient = ['patient'];

export const bookingRoutes: readonly Route[] = [
  // The directory and profiles are public (a shared link opens without signing in); booking is not.
  { path: '/doctors', access: 'public', page: doctorsPage, nav: { label: 'doctors.nav', testid: 'nav-doctors' } },
  { path: '/doctors/:id', access: 'public', page: doctorProfilePage },
  { path: '/doctors/:id/book/:slot', access: 'signed_in', roles: patient, page: bookPage },
  {
    path: '/appointments',
    access: 'signed_in',
    roles: patient,
    page: appointmentsPage,
    nav: { label: 'appt.nav', testid: 'nav-appointments' },
  },
  // Notices to doctors link here too.
  { path: '/appointments/:id', access: 'signed_in', roles: ['patient', 'doctor', 'org_admin'], page: appointmentPage },
  { path: '/appointments/:id/reschedule', access: 'signed_in', roles: patient, page: reschedulePage },
];
