import * as v from 'valibot';

/**
 * Account names: short, lowercase, and plain enough to sit unquoted in a log
 * line, a stream name and a URL path segment.
 */
export const usernameSchema = v.pipe(
  v.string('username must be a string'),
  v.regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    "a username is 1-64 characters of a-z, 0-9, '.', '_', '-' and starts with a letter or digit",
  ),
);

/** Login accepts any case (the stored names are lowercase). */
export function normalizeUsername(input: string): string {
  return input.toLowerCase();
}
