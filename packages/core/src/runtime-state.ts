/**
 * Port: small JSON values shared by every worker (fail2ban connectivity,
 * sync cursors, maintenance flags). Revisions increase on every write so
 * compare-and-set can detect lost updates.
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
