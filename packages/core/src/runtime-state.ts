/**
 * Port: small JSON values shared by every worker (fail2ban connectivity,
 * sync cursors, maintenance flags). Revisions increase on every write so
 * compare-and-set can detect lost updates.
 *
 * Contract details (checked by runtimeStateContract):
 * - Revisions are never reused for a key, even after delete + recreate (a
 *   store-wide counter or sequence does it), so a stale revision always fails.
 * - An expired entry is absent: get returns undefined, setIfAbsent succeeds
 *   over it, compareAndSet with its old revision fails.
 * - Values are JSON; callers get copies, never a live reference to storage.
 * - Listeners hear changes made through any instance on the same backend,
 *   possibly asynchronously. Shared adapters should start listening (e.g. one
 *   LISTEN per process at construction) before `subscribe` returns, so no
 *   change made after subscribing is missed. Expiry itself is not a change.
 */
export interface RuntimeEntry<T = unknown> {
  value: T;
  revision: number;
  /** ms epoch, or null when the entry never expires */
  expiresAt: number | null;
}

export interface RuntimeSetOptions {
  ttlMs?: number;
}

export interface RuntimeState {
  get<T = unknown>(key: string): Promise<RuntimeEntry<T> | undefined>;
  set<T = unknown>(key: string, value: T, options?: RuntimeSetOptions): Promise<RuntimeEntry<T>>;
  /** Returns the new entry, or undefined when a live entry already exists. */
  setIfAbsent<T = unknown>(
    key: string,
    value: T,
    options?: RuntimeSetOptions,
  ): Promise<RuntimeEntry<T> | undefined>;
  /** Writes only when the current revision equals `expectedRevision`; undefined otherwise. */
  compareAndSet<T = unknown>(
    key: string,
    expectedRevision: number,
    value: T,
    options?: RuntimeSetOptions,
  ): Promise<RuntimeEntry<T> | undefined>;
  delete(key: string): Promise<boolean>;
  /** Called with the key after every change (set, CAS, delete). Returns an unsubscribe function. */
  subscribe(listener: (key: string) => void): () => void;
}
