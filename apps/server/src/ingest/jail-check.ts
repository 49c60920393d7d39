import type { Clock } from '@bangui/core';

export type JailCheck = 'known' | 'unknown' | 'unverifiable';

export interface JailCheckOptions {
  /** fail2ban's jail names (`status`) */
  list: () => Promise<readonly string[]>;
  clock: Clock;
  /** a list younger than this is trusted as is; default 5 s */
  ttlMs?: number;
  /** how long a check waits for fail2ban when the list is not good enough; default 500 ms */
  waitMs?: number;
}

/**
 * Whether a jail named by a push exists in fail2ban, from a briefly cached
 * list. Why never wait long: fail2ban runs the push action inside `banip` and
 * `unbanip` on its single socket thread, so while a push from such a command
 * is being answered, fail2ban cannot answer `status`; waiting for it would
 * hold the command until the action's curl gives up. A jail that is in the
 * list (fresh or not) is known at once; otherwise one refresh is awaited for
 * at most `waitMs`, and a check that still cannot tell says so.
 */
export function createJailCheck(options: JailCheckOptions): (jail: string) => Promise<JailCheck> {
  const { list, clock } = options;
  const ttlMs = options.ttlMs ?? 5_000;
  const waitMs = options.waitMs ?? 500;
  let cached: { jails: ReadonlySet<string>; at: number } | undefined;
  let refreshing: Promise<void> | undefined;

  function refresh(): Promise<void> {
    refreshing ??= list()
      .then((jails) => {
        cached = { jails: new Set(jails), at: clock.now() };
      })
      .catch(() => {
        // Unreachable: the check reports 'unverifiable' and a later one retries.
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  // Loaded at once: the first push may come from inside a `banip` of the ban
  // route, when fail2ban cannot answer.
  void refresh();
  return async (jail) => {
    if (cached?.jails.has(jail)) {
      if (clock.now() - cached.at >= ttlMs) void refresh();
      return 'known';
    }
    if (cached && clock.now() - cached.at < ttlMs) return 'unknown';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), waitMs);
    });
    const outcome = await Promise.race([refresh().then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout' || !cached || clock.now() - cached.at >= ttlMs) {
      return 'unverifiable';
    }
    return cached.jails.has(jail) ? 'known' : 'unknown';
  };
}
