// Addresses of finding a doctor, booking, appointments, family members and notifications.
import type { Route } from './router';

export const bookingRoutes: readonly Route[] = [];
