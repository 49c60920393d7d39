import {
  type Clock,
  type EventStore,
  hashSessionSecret,
  type RuntimeState,
  verifySessionSecret,
} from '@bangui/core';
import { lesserRole, type Role } from '../auth/roles.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { generateApiToken, parseApiToken } from './api-token.ts';
import { foldToken, type TokenState, tokenStream } from './token-events.ts';

export interface AuthenticatedToken {
  token: TokenState;
  /** the token's role, lowered to its owner's current role */
  role: Role;
}

export interface TokenService {
  /** Returns the token text, which exists only in this answer. */
  create(input: {
    name: string;
    owner: string;
    role: Role;
    expiresAt: number | null;
  }): Promise<{ token: string; state: TokenState }>;
  get(id: string): Promise<TokenState | undefined>;
  revoke(id: string, by: string): Promise<void>;
  /**
   * The token's record and effective role, or undefined when it is malformed,
   * unknown, revoked, expired, has a wrong secret, or its owner is gone or disabled.
   */
  authenticate(raw: string): Promise<AuthenticatedToken | undefined>;
  /** when each token was last used (ms epoch), as far as it was written down */
  lastUsed(ids: readonly string[]): Promise<Map<string, number>>;
}

const LAST_USE_WRITE_MS = 60_000;
// A token unused this long shows as never used; the entry does not outlive it forever.
const LAST_USE_KEEP_MS = 400 * 24 * 60 * 60_000;
const lastUseKey = (id: string) => `token-last-used:${id}`;

/**
 * API tokens. Validation reads the token's stream and its owner's (not a read
 * model), so a revocation or a disabled owner takes effect on every worker at
 * once. Last use goes to the shared runtime state at most once a minute per
 * token and worker: a write per request would cap the API at the database's
 * write rate (design.md).
 */
export function createTokenService(deps: {
  eventStore: EventStore;
  runtimeState: RuntimeState;
  users: UserDirectory;
  clock: Clock;
}): TokenService {
  const { eventStore, runtimeState, users, clock } = deps;
  const lastWritten = new Map<string, number>();
  const read = async (id: string) => foldToken(await eventStore.readStream(tokenStream(id)));

  const noteUse = async (id: string) => {
    const now = clock.now();
    if (now - (lastWritten.get(id) ?? Number.NEGATIVE_INFINITY) < LAST_USE_WRITE_MS) return;
    lastWritten.set(id, now);
    await runtimeState.set(lastUseKey(id), now, { ttlMs: LAST_USE_KEEP_MS });
  };

  return {
    async create({ name, owner, role, expiresAt }) {
      const { id, secret, token } = generateApiToken();
      const data = { id, name, owner, role, secretHash: hashSessionSecret(secret), expiresAt };
      await eventStore.append(tokenStream(id), [{ type: 'TokenCreated', data }], {
        expectedVersion: 'no-stream',
      });
      return { token, state: { ...data, createdAt: clock.now(), revoked: false } };
    },
    get: read,
    async revoke(id, by) {
      await eventStore.append(tokenStream(id), [{ type: 'TokenRevoked', data: { id, by } }], {
        expectedVersion: 'stream-exists',
      });
      lastWritten.delete(id);
    },
    async authenticate(raw) {
      const parsed = parseApiToken(raw);
      if (!parsed) return undefined;
      const token = await read(parsed.id);
      if (!token || !verifySessionSecret(parsed.secret, token.secretHash)) return undefined;
      if (token.revoked || (token.expiresAt !== null && clock.now() >= token.expiresAt)) {
        return undefined;
      }
      const owner = await users.get(token.owner);
      if (!owner || owner.disabled) return undefined;
      await noteUse(token.id);
      return { token, role: lesserRole(token.role, owner.role) };
    },
    async lastUsed(ids) {
      const entries = await Promise.all(ids.map((id) => runtimeState.get<number>(lastUseKey(id))));
      const result = new Map<string, number>();
      ids.forEach((id, i) => {
        const value = entries[i]?.value;
        if (typeof value === 'number') result.set(id, value);
      });
      return result;
    },
  };
}
