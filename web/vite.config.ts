// Builds the web app from web/ into web/dist. The C++ server serves web/dist (hashed files under
// /assets/, SPA fallback to index.html). `vite preview` sends the server's Content-Security-Policy so
// layout checks also prove the built app needs no inline script or style.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// `YQ_API=http://127.0.0.1:8080 npx vite --config web/vite.config.ts` forwards API calls to a running server.
const api = process.env.YQ_API;

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
  },
  server: api ? { proxy: { '/api': api, '/ws': { target: api, ws: true } } } : {},
  preview: { headers: { 'Content-Security-Policy': csp } },
});
