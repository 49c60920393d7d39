import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens are `${id}.${secret}` (Lucia's 2025 guide): the id finds the
 * record, the secret proves possession. Only SHA-256 of the secret is stored,
 * so a leaked session table cannot be replayed as cookies.
 */

// 18 bytes -> 24 base64url chars; 24 bytes of secret (192 bits, above the 20-byte floor) -> 32 chars.
const ID_BYTES = 18;
const SECRET_BYTES = 24;
const ID_LENGTH = 24;
const SECRET_LENGTH = 32;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{32})$/;

export interface ParsedSessionToken {
  id: string;
  secret: string;
}

export function generateSessionToken(): ParsedSessionToken & { token: string } {
  const id = randomBytes(ID_BYTES).toString('base64url');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, secret, token: `${id}.${secret}` };
}

/** Returns undefined for anything that is not exactly a token we could have issued. */
export function parseSessionToken(token: unknown): ParsedSessionToken | undefined {
  // Length check first so an attacker's megabyte string never reaches the regex.
  if (typeof token !== 'string' || token.length !== ID_LENGTH + 1 + SECRET_LENGTH) return undefined;
  const match = TOKEN_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], secret: match[2] };
}

// crypto.hash is ~4x faster than createHash for one-shot digests (design.md)
// but only exists from Node 20.12 / 21.7; fall back where it is missing.
const oneShotHash = (nodeCrypto as { hash?: unknown }).hash;
const sha256Hex: (input: string) => string =
  typeof oneShotHash === 'function'
    ? (input) => (oneShotHash as typeof nodeCrypto.hash)('sha256', input, 'hex')
    : (input) => createHash('sha256').update(input).digest('hex');

export function hashSessionSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Constant-time comparison of a presented secret against a stored SHA-256 hex digest. */
export function verifySessionSecret(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = Buffer.from(sha256Hex(secret), 'hex');
  // Lengths are public (always 32 for a well-formed hash); timingSafeEqual throws on mismatch.
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(expected, actual);
}
