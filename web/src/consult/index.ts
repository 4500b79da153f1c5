// What the consultation area offers the others: its addresses, and the "Join" button that opens the
// room of an appointment or a queue visit.
export { joinAppointmentButton, joinQueueButton } from './join_button';
export { consultRoutes } from './routes';
