// What the doctor area offers the others: its addresses.
export { doctorRoutes } from './routes';
