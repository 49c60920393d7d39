/**
 * Stream naming. Each ban gets its own stream, keyed by the deterministic
 * idempotency key (jail, ID, time of ban): whichever channel (poll, backfill,
 * push) records it first appends BanObserved with expectedVersion 'no-stream';
 * the others get WrongExpectedVersionError and know it is already recorded.
 * BanEnded is appended to the same stream with expectedVersion 1, so it too is
 * recorded once. Bans that fail2ban restores after its own restart keep their
 * time of ban, hence their key, so they are not new bans.
 */
export function banKey(jail: string, id: string, bannedAtMs: number): string {
  return JSON.stringify([jail, id, Math.floor(bannedAtMs / 1000)]);
}

export function banStream(jail: string, id: string, bannedAtMs: number): string {
  return `ban-${banKey(jail, id, bannedAtMs)}`;
}

/** Admin actions go to one stream per UTC day with expectedVersion 'any'. */
export function auditStream(atMs: number): string {
  return `audit-${new Date(atMs).toISOString().slice(0, 10)}`;
}
