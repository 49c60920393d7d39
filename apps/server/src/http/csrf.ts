import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../auth/authenticate.ts';
import type { ProxyTrust } from '../net/proxy-trust.ts';
import { HttpError } from './http-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mutations must be JSON (a cross-site HTML form cannot send
 * `application/json` without a CORS preflight) and same-origin: `Origin` must
 * equal our own origin; without `Origin`, Sec-Fetch-Site must be absent (a
 * non-browser client) or `same-origin`. Requests with an API token skip the
 * origin part: a browser only attaches cookies by itself, never an
 * Authorization header (a cross-site page cannot set one without a CORS
 * preflight we never grant), and authenticate judges such requests by the
 * token alone.
 */
export function csrfProtection(proxy: ProxyTrust): MiddlewareHandler {
  return async function csrfProtection(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      throw new HttpError(
        415,
        'unsupported-media-type',
        'This request must have Content-Type: application/json.',
      );
    }
    if (bearerToken(c.req.header('authorization')) !== undefined) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== proxy.origin(c)) {
        throw new HttpError(403, 'cross-origin', 'Cross-origin requests are not allowed.');
      }
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin') {
        throw new HttpError(403, 'cross-origin', 'Cross-site requests are not allowed.');
      }
    }
    return next();
  };
}
