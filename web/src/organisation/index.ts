// What the organisation area offers the others: its addresses, and the shapes of an organisation
// and of a service (the platform admin edits organisations; patients book services).
export type { Organisation, Service } from './api';
export { organisationRoutes } from './routes';
