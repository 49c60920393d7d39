import { Fail2banError, invalidArgument } from '../errors.ts';

/**
 * Names fail2ban's Transmitter checks BEFORE jail names in `set NAME ...` / `get NAME ...`
 * (transmitter.py, `__commandSet`/`__commandGet`): a command for a jail with one of these
 * names is executed as a server setting instead. `set logtarget banip 192.0.2.9` moves
 * fail2ban's log to a file named `banip`. fail2ban cannot have a usable jail with such a
 * name, so the client treats it as unknown and never sends anything.
 */
const SERVER_SETTING_NAMES: ReadonlySet<string> = new Set([
  'loglevel',
  'logtarget',
  'syslogsocket',
  'allowipv6',
  'thread',
  'dbfile',
  'dbmaxmatches',
  'dbpurgeage',
]);

/**
 * Checks a jail name before any jail-scoped command is sent. A leading dash is refused
 * because jail names also go into fail2ban-client's argv (and `--all` means every jail).
 */
export function assertJail(jail: string): void {
  if (typeof jail !== 'string' || jail === '' || jail.startsWith('-')) {
    throw invalidArgument(`invalid jail name ${JSON.stringify(jail)}`);
  }
  // fail2ban compares these names exactly (case-sensitive), so only exact matches collide.
  if (SERVER_SETTING_NAMES.has(jail)) {
    throw new Fail2banError(
      'unknown-jail',
      `fail2ban cannot have a usable jail named '${jail}': it is a server setting, so commands for it would change fail2ban's ${jail} instead`,
      { jail },
    );
  }
}
