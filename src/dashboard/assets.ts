/**
 * @module dashboard/assets
 * The dashboard's stylesheet and script, read once from ./assets beside this module (the build copies them into
 * dist/dashboard/assets) and served with their hash as ETag: nothing is fetched from the internet.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const ASSETS = {
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
} as const;

export function assetsRoutes() {
  const dir = fileURLToPath(new URL('./assets/', import.meta.url));
  const files = Object.entries(ASSETS).map(([name, type]) => {
    const body = readFileSync(`${dir}${name}`, 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    return { name, type, body, etag };
  });
  const router = new Hono();
  for (const file of files) {
    router.get(`/${file.name}`, (c) => {
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
      return c.body(file.body, 200, {
        'Content-Type': file.type,
        ETag: file.etag,
        'Cache-Control': 'no-cache',
      });
    });
  }
  return router;
}
