/**
 * Port: a typed key/value cache with TTL. Values must be JSON-serialisable;
 * `null` is a value, only `undefined` means a miss. A value expires when the
 * clock reaches set time + ttlMs; `set` without ttlMs stores it until evicted
 * or deleted (a bounded adapter may evict early: it is a cache).
 */
export interface Cache {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set<T = unknown>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}
