import { type Clock, systemClock } from './clock.ts';
import type { SessionRecord, SessionStore } from './session-store.ts';
import {
  generateSessionToken,
  hashSessionSecret,
  parseSessionToken,
  verifySessionSecret,
} from './session-token.ts';

export interface SessionManagerOptions {
  store: SessionStore;
  clock?: Clock;
  /** Session ends after this long without a validated request. Default 30 min. */
  inactivityMs?: number;
  /** Session ends this long after creation whatever the activity. Default 12 h. */
  absoluteMs?: number;
  /**
   * lastSeenAt is written at most this often (a write per request would cap a
   * PostgreSQL store at its fsync rate). Because of it, inactivity expiry may
   * happen up to touchIntervalMs earlier than inactivityMs after the last
   * request. Default 5 min; must be smaller than inactivityMs.
   */
  touchIntervalMs?: number;
}

export interface SessionManager {
  create(
    userId: string,
    data?: Record<string, unknown>,
  ): Promise<{ token: string; session: SessionRecord }>;
  /** The live session for a token, or undefined (malformed, unknown, wrong secret, expired). */
  validate(token: string): Promise<SessionRecord | undefined>;
  /** Ends the session the token belongs to; a token with a wrong secret changes nothing. */
  revoke(token: string): Promise<void>;
  /** Ends a session by id (an admin acting on an entry from `list`). */
  revokeById(id: string): Promise<boolean>;
  revokeAllForUser(userId: string): Promise<number>;
  /** The user's live sessions. */
  list(userId: string): Promise<SessionRecord[]>;
}

const MINUTE = 60_000;

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const inactivityMs = options.inactivityMs ?? 30 * MINUTE;
  const absoluteMs = options.absoluteMs ?? 12 * 60 * MINUTE;
  const touchIntervalMs = options.touchIntervalMs ?? 5 * MINUTE;
  if (!(inactivityMs > 0) || !(absoluteMs > 0) || !(touchIntervalMs >= 0)) {
    throw new RangeError('session durations must be positive');
  }
  if (touchIntervalMs >= inactivityMs) {
    throw new RangeError('touchIntervalMs must be smaller than inactivityMs');
  }

  const isExpired = (record: SessionRecord, now: number): boolean =>
    now >= record.expiresAt || now >= record.lastSeenAt + inactivityMs;

  return {
    async create(userId, data) {
      const { id, secret, token } = generateSessionToken();
      const now = clock.now();
      const session: SessionRecord = {
        id,
        secretHash: hashSessionSecret(secret),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + absoluteMs,
        ...(data === undefined ? {} : { data }),
      };
      await store.create(session);
      return { token, session };
    },

    async validate(token) {
      const parsed = parseSessionToken(token);
      if (!parsed) return undefined;
      const record = await store.get(parsed.id);
      // The secret is checked before expiry so someone holding only an id
      // cannot make us delete (or learn anything about) a session.
      if (!record || !verifySessionSecret(parsed.secret, record.secretHash)) return undefined;
      const now = clock.now();
      if (isExpired(record, now)) {
        await store.delete(record.id);
        return undefined;
      }
      if (now - record.lastSeenAt >= touchIntervalMs) {
        await store.touch(record.id, now);
        return { ...record, lastSeenAt: now };
      }
      return record;
    },

    async revoke(token) {
      const parsed = parseSessionToken(token);
      if (!parsed) return;
      const record = await store.get(parsed.id);
      if (record && verifySessionSecret(parsed.secret, record.secretHash)) {
        await store.delete(record.id);
      }
    },

    revokeById: (id) => store.delete(id),

    revokeAllForUser: (userId) => store.deleteByUser(userId),

    async list(userId) {
      const now = clock.now();
      const records = await store.listByUser(userId);
      return records.filter((record) => !isExpired(record, now));
    },
  };
}
