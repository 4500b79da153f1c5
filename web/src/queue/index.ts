// What the queue area offers the others: its addresses, the shapes of a queue entry and its service
// (the doctor's queue shows them), and queue opening hours with their text (a service's settings hold them).
export type { HoursWindow, QueueEntry, QueueService } from './api';
export { queueRoutes } from './routes';
export { hoursText } from './texts';
