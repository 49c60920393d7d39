import * as v from 'valibot';

/** `limit` as a query parameter: an integer from 1 to `max`. */
export function limitParam(max: number, fallback: number) {
  return v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, `limit must be an integer from 1 to ${max}`),
      v.transform(Number),
      v.minValue(1, `limit must be an integer from 1 to ${max}`),
      v.maxValue(max, `limit must be an integer from 1 to ${max}`),
    ),
    String(fallback),
  );
}

/** An opaque cursor from an earlier page (its content is checked by the read model). */
export const cursorParam = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor must be the nextCursor of an earlier page'),
  ),
);

/** A short free-text filter such as an actor's name. */
export function textParam(name: string) {
  return v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, `${name} must not be empty`),
      v.maxLength(256, `${name} is at most 256 characters`),
    ),
  );
}
