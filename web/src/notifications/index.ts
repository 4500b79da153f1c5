// What the notifications area offers the others: its address, whose navigation link carries the
// unread badge the shell shows.
export { notificationsRoutes } from './routes';
