// What the shell offers the entry point: starting the app (the frame that routes addresses to the
// areas' pages).
export { start } from './app';
