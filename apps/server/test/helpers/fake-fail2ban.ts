import { Fail2banError } from '@bangui/fail2ban';
import type { BanEntry, Fail2banPort, JailCounts } from '../../src/fail2ban-port.ts';

export interface FakeFail2ban {
  port: Fail2banPort;
  /** Every call made through the port, by method name. */
  calls: Record<string, number>;
  /** The arguments of the latest unban call. */
  lastUnban(): readonly [string, readonly string[]] | undefined;
  /** While set, every call rejects with this error. */
  failWith(error: Error | undefined): void;
  addBan(jail: string, entry: BanEntry): void;
}

/** An in-memory stand-in for the fail2ban client (unit tests only). */
export function createFakeFail2ban(jailNames: string[], now: () => number): FakeFail2ban {
  const jails = new Map(jailNames.map((name) => [name, new Map<string, BanEntry>()]));
  const calls: Record<string, number> = {};
  let failure: Error | undefined;
  let lastUnban: readonly [string, readonly string[]] | undefined;

  const enter = (method: string) => {
    calls[method] = (calls[method] ?? 0) + 1;
    if (failure) throw failure;
  };
  const jail = (name: string) => {
    const bans = jails.get(name);
    if (!bans) {
      throw new Fail2banError('unknown-jail', `no jail ${name}`, {
        jail: name,
        pythonType: 'UnknownJailException',
      });
    }
    return bans;
  };
  const counts = (bans: Map<string, BanEntry>): JailCounts => ({
    currentlyFailed: 0,
    totalFailed: 0,
    currentlyBanned: bans.size,
    totalBanned: bans.size,
  });

  const port: Fail2banPort = {
    async ping() {
      enter('ping');
    },
    async status() {
      enter('status');
      return { jails: [...jails.keys()] };
    },
    async jailStatus(name) {
      enter('jailStatus');
      return counts(jail(name));
    },
    async jailSettings(name) {
      enter('jailSettings');
      jail(name);
      return {
        bantime: 600,
        findtime: 600,
        maxretry: 3,
        maxlines: 1,
        maxmatches: 5,
        ignoreip: ['127.0.0.1/8'],
        ignoreself: true,
        ignorecommand: null,
        logpath: [`/var/log/${name}.log`],
        actions: ['noop'],
        usedns: 'no',
        logencoding: 'UTF-8',
        failregex: [],
        datepattern: { pattern: null, name: 'Default Detectors' },
        bantimeIncrement: {
          enabled: false,
          factor: null,
          formula: null,
          multipliers: null,
          maxtime: null,
          rndtime: null,
          overalljails: null,
        },
      };
    },
    async bans(name) {
      enter('bans');
      return [...jail(name).values()];
    },
    async ban(name, ids) {
      enter('ban');
      const bans = jail(name);
      let banned = 0;
      for (const id of ids) {
        if (bans.has(id)) continue;
        bans.set(id, {
          id,
          startedAt: now(),
          bantimeSeconds: 600,
          endsAt: now() + 600_000,
          permanent: false,
        });
        banned++;
      }
      return { banned };
    },
    async unban(name, ids) {
      enter('unban');
      lastUnban = [name, [...ids]];
      const bans = jail(name);
      return { unbanned: ids.filter((id) => bans.delete(id)).length };
    },
    async bannedIn(ids) {
      enter('bannedIn');
      return new Map(
        ids.map((id) => [id, [...jails].filter(([, bans]) => bans.has(id)).map(([name]) => name)]),
      );
    },
  };
  return {
    port,
    calls,
    lastUnban: () => lastUnban,
    failWith: (error) => {
      failure = error;
    },
    addBan: (name, entry) => {
      jail(name).set(entry.id, entry);
    },
  };
}
