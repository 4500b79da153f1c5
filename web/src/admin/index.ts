// What the platform admin area offers the others: its addresses.
export { adminRoutes } from './routes';
