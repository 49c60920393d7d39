import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares `Authorization: Bearer <token>` with the shared secret in constant
 * time. The header must be exactly the scheme, one space and the secret: a
 * trailing space or a second token is a different credential. Both sides are
 * hashed first so the comparison does not leak the secret's length either.
 */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  const presented = match?.[1] ?? '';
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b) && presented.length > 0;
}
