export const SESSION_COOKIE = 'bangui_session';

const PREFIX = `${SESSION_COOKIE}=`;

/**
 * Finds our cookie in a raw Cookie header. Deliberately not Hono's getCookie:
 * this runs on every API request and parsing every cookie costs about a third
 * of the throughput (see design.md). Tokens are `id.secret` in base64url, so
 * no decoding is needed.
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let start = header.startsWith(PREFIX) ? 0 : header.indexOf(`; ${PREFIX}`);
  if (start === -1) start = header.indexOf(`;${PREFIX}`);
  if (start === -1) return undefined;
  const valueStart = header.indexOf('=', start) + 1;
  const end = header.indexOf(';', valueStart);
  const value = header.slice(valueStart, end === -1 ? undefined : end).trim();
  return value.length > 0 ? value : undefined;
}

export function sessionCookie(
  token: string,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  return [
    `${PREFIX}${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return [
    `${PREFIX}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
