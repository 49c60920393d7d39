import type { Context } from 'hono';
import { HttpError } from './http-error.ts';

/**
 * The query string as one value per parameter. Why refuse repeats: every
 * filter of these routes takes one value, and keeping only the first of
 * `?jail=a&jail=b` would answer a narrower question than the one asked.
 */
export function singleQuery(c: Context): Record<string, string> {
  const all = c.req.queries();
  const repeated = Object.keys(all).filter((name) => (all[name]?.length ?? 0) > 1);
  if (repeated.length > 0) {
    throw new HttpError(
      400,
      'invalid-request',
      `Invalid query: ${repeated.join(', ')} ${repeated.length > 1 ? 'are' : 'is'} given more than once; each takes one value.`,
    );
  }
  return c.req.query();
}
