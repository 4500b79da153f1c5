// Addresses of the "see a doctor now" queue, the doctor's day and queue, and the organisation
// admin's services and availability.
import type { Route } from './router';

export const queueRoutes: readonly Route[] = [];
