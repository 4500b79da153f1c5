// What the records area offers the others: its addresses, and the "Record" link to a patient's record
// (the doctor's day, the queue and the consultation room show it).
export { recordHref, recordLink } from './link';
export { recordsRoutes } from './routes';
