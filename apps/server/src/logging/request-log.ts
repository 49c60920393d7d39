import type { MiddlewareHandler } from 'hono';
import type { Logger as PinoLogger } from 'pino';
import { routeLabel } from '../http/route-label.ts';
import { requestContext } from './request-context.ts';
import { pickRequestId } from './request-id.ts';

/**
 * Gives every request an id (echoed as X-Request-Id, attached to every log
 * line written while it runs) and logs one line when it ends: method, route
 * pattern, path, status, duration. Only these fields: never headers, cookies
 * or bodies, so credentials cannot reach the log. Health probes and scrapes
 * log at debug: they would otherwise drown everything else.
 */
export function requestLog(log: PinoLogger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const reqId = pickRequestId(c.req.header('x-request-id'));
    const started = performance.now();
    c.header('X-Request-Id', reqId);
    await requestContext.run({ reqId }, async () => {
      log.debug({ method: c.req.method, path: c.req.path }, 'request started');
      await next();
      // Set again: a handler that builds its own Response drops earlier headers.
      c.res.headers.set('X-Request-Id', reqId);
    });
    const fields = {
      reqId,
      method: c.req.method,
      route: routeLabel(c),
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (QUIET_PATHS.has(c.req.path)) log.debug(fields, 'request');
    else log.info(fields, 'request');
  };
}

const QUIET_PATHS = new Set(['/livez', '/readyz', '/metrics']);
