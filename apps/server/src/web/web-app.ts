import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const NOT_BUILT = `<!doctype html>
<meta charset="utf-8">
<title>BanGUI</title>
<h1>BanGUI</h1>
<p>The web app is not built. Run <code>npm run demo</code>, or build <code>apps/web</code>
(or point BANGUI_WEB_DIR at a build). The API under <code>/api</code> works regardless.</p>
`;

/**
 * Serves the built browser app for non-/api GET requests, with the SPA
 * fallback to index.html for client-side routes. The fallback answers only
 * navigations (Accept: text/html): a missing script or image must be a 404,
 * not an HTML page the browser would try to run; a file-name test would not
 * do, because jail names contain dots. Without a build, a short note replaces
 * the app rather than a 500.
 */
export function webApp(webDir: string): MiddlewareHandler {
  if (!existsSync(join(webDir, 'index.html'))) {
    return async function webAppNotBuilt(c, next) {
      if (isApi(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
      return c.html(NOT_BUILT);
    };
  }
  const files = serveStatic({ root: webDir });
  const index = serveStatic({ root: webDir, path: 'index.html' });
  const nothing = async () => {};
  return async function webAppHandler(c, next) {
    if (isApi(c.req.path)) return next();
    const file = await files(c, nothing);
    if (file) return file;
    if (!(c.req.header('accept') ?? '').includes('text/html')) return next();
    // The shell must be revalidated so a new build's asset names are picked up.
    c.header('Cache-Control', 'no-cache');
    return (await index(c, nothing)) ?? next();
  };
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
