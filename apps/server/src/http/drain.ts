import type { MiddlewareHandler } from 'hono';

/**
 * Once shutdown has begun, every response still being answered carries
 * `Connection: close`: the client opens a new connection for its next request
 * (which a peer worker or the restarted server accepts) instead of sending it
 * on a keep-alive connection the server is about to close under it.
 */
export function closeConnectionsWhenDraining(shutdown: AbortSignal): MiddlewareHandler {
  return async function closeConnectionsWhenDraining(c, next) {
    await next();
    if (shutdown.aborted) c.header('Connection', 'close');
  };
}
