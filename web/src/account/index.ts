// What the account area offers the others: its addresses, and the calls the shell makes about the
// session (who is signed in, the language kept with the account, signing out).
export { accountApi } from './api';
export { profileRoutes, signInRoutes } from './routes';
