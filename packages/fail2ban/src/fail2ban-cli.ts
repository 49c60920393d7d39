import { execFile } from 'node:child_process';
import { Fail2banError, invalidArgument } from './errors.ts';

export interface Fail2banCliOptions {
  /** Default `/usr/bin/fail2ban-client`. */
  binary?: string;
  /** Always passed as `-s`: without it fail2ban-client talks to the system socket. */
  socketPath: string;
  /**
   * Passed as `-c` when given. Needed for reload/restart of a non-system fail2ban: without
   * it fail2ban-client rebuilds the jails from /etc/fail2ban.
   */
  configDir?: string;
  /** Default 60 s (a reload re-reads every jail's config). */
  timeoutMs?: number;
}

export interface Fail2banCliResult {
  stdout: string;
  stderr: string;
}

const DEFAULT_BINARY = '/usr/bin/fail2ban-client';
const DEFAULT_CLI_TIMEOUT_MS = 60_000;

/**
 * Runs fail2ban-client (argv array, never a shell). Only for operations fail2ban implements
 * client-side, such as reload: everything else is ~1000x cheaper over the socket.
 */
export function runFail2banClient(
  options: Fail2banCliOptions & { args: string[] },
): Promise<Fail2banCliResult> {
  const argv = [
    ...(options.configDir === undefined ? [] : ['-c', options.configDir]),
    '-s',
    options.socketPath,
    ...options.args,
  ];
  const binary = options.binary ?? DEFAULT_BINARY;
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      argv,
      { timeout: options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const detail = cliMessage(stdout, stderr) || error.message;
        reject(
          new Fail2banError(
            'command-failed',
            `fail2ban-client ${options.args.join(' ')} failed: ${detail}`,
            {
              fail2banMessage: detail,
              socketPath: options.socketPath,
              cause: error,
            },
          ),
        );
      },
    );
  });
}

/** fail2ban-client prints errors on stderr, often prefixed with `ERROR` or `NOK: `. */
function cliMessage(stdout: string, stderr: string): string {
  const text = (stderr.trim() || stdout.trim()).split('\n').filter((l) => l.trim() !== '');
  return text.join('; ');
}

/** Reloads one jail, or every jail when none is given, from the config files. */
export async function reloadJail(options: Fail2banCliOptions, jail?: string): Promise<void> {
  if (jail !== undefined) assertCliJail(jail);
  await runFail2banClient({ ...options, args: jail === undefined ? ['reload'] : ['reload', jail] });
}

/** Restarts one jail (stop + start from the config files). */
export async function restartJail(options: Fail2banCliOptions, jail: string): Promise<void> {
  assertCliJail(jail);
  await runFail2banClient({ ...options, args: ['restart', jail] });
}

function assertCliJail(jail: string): void {
  // A leading dash would be read as an option (e.g. --unban) by fail2ban-client.
  if (jail === '' || jail.startsWith('-')) {
    throw invalidArgument(`invalid jail name ${JSON.stringify(jail)}`);
  }
}
