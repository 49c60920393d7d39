import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id hashing, injectable so tests can count the work done. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); also @node-rs/argon2's
// defaults, spelled out so a library upgrade cannot silently weaken them.
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2_OPTIONS),
  verify: (passwordHash, password) => verify(passwordHash, password),
};

/**
 * A hash of a random password nobody knows. Checking a password against it
 * costs the same argon2 work as checking a real account, so an unknown or
 * disabled user cannot be told apart from a wrong password by timing.
 */
export function createDummyHash(hasher: PasswordHasher): Promise<string> {
  return hasher.hash(randomBytes(16).toString('base64url'));
}
