import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateSessionToken,
  hashSessionSecret,
  parseSessionToken,
  verifySessionSecret,
} from '../src/session-token.ts';

describe('session tokens', () => {
  it('generates id.secret tokens that parse back, with at least 20 random bytes of secret', () => {
    const { id, secret, token } = generateSessionToken();
    expect(token).toBe(`${id}.${secret}`);
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(20);
    expect(parseSessionToken(token)).toEqual({ id, secret });
    expect(generateSessionToken().token).not.toBe(token);
  });

  it('rejects anything else', () => {
    const { token } = generateSessionToken();
    for (const bad of [
      undefined,
      42,
      '',
      token.slice(1),
      `${token}=`,
      token.replace('.', '!'),
      `a${token.slice(1, -1)}/`,
    ]) {
      expect(parseSessionToken(bad)).toBeUndefined();
    }
  });

  it('hashes the secret with SHA-256 hex', () => {
    expect(hashSessionSecret('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('verifies a secret against its hash and rejects others, including malformed hashes', () => {
    const hash = hashSessionSecret('right');
    expect(verifySessionSecret('right', hash)).toBe(true);
    expect(verifySessionSecret('wrong', hash)).toBe(false);
    expect(verifySessionSecret('right', hash.slice(2))).toBe(false);
    expect(verifySessionSecret('right', '')).toBe(false);
  });
});
