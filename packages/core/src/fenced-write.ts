import { FencedOutError } from './fenced-out-error.ts';
import type { Lease } from './leases.ts';
import type { RuntimeEntry, RuntimeState } from './runtime-state.ts';

/** What a fenced key stores: the value plus the acquisition that wrote it. */
export interface FencedValue<T> {
  value: T;
  fencingToken: number;
  /** the lease name the token belongs to (tokens are only ordered per name) */
  lease: string;
}

export interface FencedWriteOptions {
  /**
   * Lost compare-and-sets tolerated before giving up (default 50). Each loss
   * means another writer succeeded, so this only bounds a pathological pile-up.
   */
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 50;

function isFencedValue(value: unknown): value is FencedValue<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fencingToken === 'number' && typeof v.lease === 'string' && 'value' in v;
}

/**
 * Writes `value` under `key` on behalf of a lease holder, refusing with
 * FencedOutError when the key already carries a higher fencing token.
 *
 * Why storage-side: a holder cannot know it lost its lease (a GC pause, a
 * frozen VM, a slow network) between checking and writing, so the check must
 * happen where the write lands. Read + compare-and-set on the revision makes
 * "check token, then write" one atomic step: if anyone wrote in between, the
 * CAS fails and we re-read, now seeing their token.
 *
 * Limits, by construction: the fence only knows tokens that were written. A
 * new holder should do its first fenced write before trusting the key; until
 * then a late old holder can still write (but is fenced out from B's first
 * write on). Deleting the key, or a value set without this helper, drops the
 * fence; no TTL is applied for the same reason.
 */
export async function fencedWrite<T>(
  state: RuntimeState,
  key: string,
  value: T,
  lease: Pick<Lease, 'name' | 'token'>,
  options: FencedWriteOptions = {},
): Promise<RuntimeEntry<FencedValue<T>>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const record: FencedValue<T> = { value, fencingToken: lease.token, lease: lease.name };
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await state.get<unknown>(key);
    if (!current) {
      // Absent: setIfAbsent so a racer creating the key concurrently is not overwritten unchecked.
      const created = await state.setIfAbsent(key, record);
      if (created) return created;
      continue;
    }
    const stored = current.value;
    if (!isFencedValue(stored)) {
      // Refuse rather than clobber a value that carries no fence at all.
      throw new Error(`fencedWrite: '${key}' holds a value not written by fencedWrite`);
    }
    if (stored.lease !== lease.name) {
      // Tokens of different lease names are not ordered: comparing them would be meaningless.
      throw new Error(
        `fencedWrite: '${key}' is fenced by lease '${stored.lease}', not '${lease.name}'`,
      );
    }
    if (stored.fencingToken > lease.token) {
      throw new FencedOutError(key, lease.name, lease.token, stored.fencingToken);
    }
    const written = await state.compareAndSet(key, current.revision, record);
    if (written) return written;
    // Lost the CAS: someone wrote between our read and our write. Re-read and re-check.
  }
  throw new Error(`fencedWrite: lost compare-and-set on '${key}' ${maxAttempts} times`);
}
