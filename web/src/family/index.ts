// What the family area offers the others: its address, and the list of people I manage (booking asks
// for whom an appointment is).
export { familyApi, type ManagedPerson } from './api';
export { familyRoutes } from './routes';
