import { generateSessionToken, parseSessionToken } from '@bangui/core';

/**
 * API tokens are `bgt_<id>.<secret>`: the session token format behind a prefix
 * that says what it is (and lets secret scanners find leaked ones). As with
 * sessions only SHA-256 of the secret is stored and compared in constant time.
 */
export const TOKEN_PREFIX = 'bgt_';

export function generateApiToken(): { id: string; secret: string; token: string } {
  const { id, secret, token } = generateSessionToken();
  return { id, secret, token: `${TOKEN_PREFIX}${token}` };
}

/** undefined for anything we could not have issued */
export function parseApiToken(token: string): { id: string; secret: string } | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  return parseSessionToken(token.slice(TOKEN_PREFIX.length));
}
