// Addresses of finding a doctor, booking, appointments, family members and notifications.
import { unreadBadge } from '../notifications/unread';
import { appointmentPage } from './appointment';
import { reschedulePage } from './appointment_reschedule';
import { appointmentsPage } from './appointments';
import { bookPage } from './book';
import { doctorProfilePage } from './doctor_profile';
import { doctorsPage } from './doctors';
import { familyPage } from '../family/family';
import { notificationsPage } from '../notifications/notifications';
import type { Route } from '../base/router';

const patient = ['patient'];

export const bookingRoutes: readonly Route[] = [
  // First, so its unread count stays in view where the navigation scrolls (phones).
  {
    path: '/notifications',
    access: 'signed_in',
    page: notificationsPage,
    nav: { label: 'notif.nav', testid: 'nav-notifications', badge: unreadBadge },
  },
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
  { path: '/family', access: 'signed_in', roles: patient, page: familyPage, nav: { label: 'family.nav', testid: 'nav-family' } },
];
