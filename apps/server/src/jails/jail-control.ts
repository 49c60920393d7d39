import {
  type Fail2banCliOptions,
  Fail2banError,
  type PyInput,
  type PyValue,
  reloadJail,
  runFail2banClient,
} from '@bangui/fail2ban';

/** The runtime settings BanGUI changes with `set JAIL <setting> <value>`. */
export type NumericSetting = 'bantime' | 'findtime' | 'maxretry';

/**
 * Start, stop and reload jails and change their runtime settings. A port of its own
 * (not part of Fail2banPort) so unit tests can fake it; production builds it from the
 * fail2ban client and the fail2ban config dir.
 */
export interface JailControlPort {
  /** fail2ban's config dir (BANGUI_FAIL2BAN_CONFIG_DIR); start and reload need it. */
  readonly configDir: string | undefined;
  /** The jails fail2ban runs now. */
  runningJails(): Promise<string[]>;
  /** `stop JAIL` over the socket: fail2ban stops the jail and forgets it until a start. */
  stop(jail: string): Promise<void>;
  /** Re-creates a stopped jail from the config files (`fail2ban-client -c DIR reload --if-exists JAIL`). */
  start(jail: string, configDir: string): Promise<void>;
  /** `fail2ban-client -c DIR reload JAIL`: re-reads the jail's config (runtime changes are lost). */
  reload(jail: string, configDir: string): Promise<void>;
  /** `set JAIL setting value`; resolves to fail2ban's read-back value (seconds or a count). */
  setNumber(jail: string, setting: NumericSetting, value: number): Promise<number>;
  /** `set JAIL addignoreip ...`; resolves to the whole ignore list. */
  addIgnoreIp(jail: string, entries: readonly string[]): Promise<string[]>;
  /** `set JAIL delignoreip entry`; resolves to the whole ignore list. */
  removeIgnoreIp(jail: string, entry: string): Promise<string[]>;
}

export interface JailControlOptions {
  fail2ban: {
    request(args: PyInput[], options?: { timeoutMs?: number }): Promise<PyValue>;
    status(): Promise<{ jails: string[] }>;
  };
  socketPath: string;
  configDir: string | undefined;
  /** fail2ban-client binary (tests); default /usr/bin/fail2ban-client */
  binary?: string;
}

// fail2ban runs `set/get NAME ...` for these as server settings (see the client's jail-name.ts).
const SERVER_SETTING_NAMES = new Set([
  'loglevel',
  'logtarget',
  'syslogsocket',
  'allowipv6',
  'thread',
  'dbfile',
  'dbmaxmatches',
  'dbpurgeage',
]);

function assertJail(jail: string): void {
  if (jail === '' || jail.startsWith('-') || SERVER_SETTING_NAMES.has(jail)) {
    throw new Fail2banError('unknown-jail', `fail2ban cannot have a usable jail named '${jail}'`, {
      jail,
    });
  }
}

export function createJailControl(options: JailControlOptions): JailControlPort {
  const { fail2ban, socketPath, configDir } = options;
  const cli = (dir: string): Fail2banCliOptions => ({
    socketPath,
    configDir: dir,
    ...(options.binary === undefined ? {} : { binary: options.binary }),
  });
  const set = async (jail: string, args: PyInput[]): Promise<PyValue> => {
    assertJail(jail);
    return fail2ban.request(['set', jail, ...args]);
  };
  return {
    configDir,
    runningJails: async () => (await fail2ban.status()).jails,
    async stop(jail) {
      assertJail(jail);
      await fail2ban.request(['stop', jail]);
    },
    async start(jail, dir) {
      assertJail(jail);
      // `start JAIL` alone only starts a jail created with `add`; a stopped jail is gone
      // from fail2ban, so it is rebuilt from the config stream. --if-exists: the reload
      // does not require the jail to exist, it adds it.
      await runFail2banClient({ ...cli(dir), args: ['reload', '--if-exists', jail] });
    },
    async reload(jail, dir) {
      await reloadJail(cli(dir), jail);
    },
    async setNumber(jail, setting, value) {
      const reply = await set(jail, [setting, String(value)]);
      return typeof reply === 'number' ? reply : Number(reply);
    },
    async addIgnoreIp(jail, entries) {
      return stringList(await set(jail, ['addignoreip', ...entries]));
    },
    async removeIgnoreIp(jail, entry) {
      return stringList(await set(jail, ['delignoreip', entry]));
    },
  };
}

function stringList(value: PyValue): string[] {
  return Array.isArray(value) ? value.map((item) => String(item)) : [];
}
