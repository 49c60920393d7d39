/**
 * Stream naming.
 *
 * Each (jail, ID) has one stream holding that ID's successive bans in the jail
 * and their ends. Why not one stream per (jail, ID, time of ban): fail2ban does
 * not report a ban's time identically on every channel (its database keeps the
 * time rounded, the socket listing and the push action floor it), so a key that
 * includes the time splits one ban in two. Writers instead read the stream,
 * decide whether an observation is the open ban seen again (its time of ban
 * within a tolerance), a new ban (ending the older one in the same append) or a
 * ban already recorded, and append with the exact version they read: a racing
 * writer gets WrongExpectedVersionError, reads again and decides again.
 */
export function banStream(jail: string, id: string): string {
  return `ban-${JSON.stringify([jail, id])}`;
}

/**
 * The identity of one ban inside its stream, for maps and sets: (jail, ID, time
 * of ban in whole seconds). Two channels' times of the same ban can differ by a
 * second; only the stream's writer decides that they are one ban.
 */
export function banKey(jail: string, id: string, bannedAtMs: number): string {
  return JSON.stringify([jail, id, Math.floor(bannedAtMs / 1000)]);
}

/** Admin actions go to one stream per UTC day with expectedVersion 'any'. */
export function auditStream(atMs: number): string {
  return `audit-${new Date(atMs).toISOString().slice(0, 10)}`;
}
