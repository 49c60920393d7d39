/**
 * Port: where session records live. The browser holds `id.secret`; the store
 * keeps only `secretHash` (SHA-256 hex of the secret). Expiry logic lives in
 * the session manager, not in adapters; adapters may drop records whose
 * `expiresAt` has passed.
 */
export interface SessionRecord {
  id: string;
  secretHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute expiry (ms epoch); inactivity expiry is computed from lastSeenAt. */
  expiresAt: number;
  data?: Record<string, unknown>;
}

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /** Records activity; callers throttle how often they call it. */
  touch(id: string, lastSeenAt: number): Promise<void>;
  delete(id: string): Promise<boolean>;
  deleteByUser(userId: string): Promise<number>;
  listByUser(userId: string): Promise<SessionRecord[]>;
}
