import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

export interface EnsureFail2banOptions {
  fail2banServer?: string;
  /** Output of apt-get as it arrives (default: inherited stdout/stderr). */
  onOutput?: (chunk: string) => void;
  /** For unit tests: the command runner and the uid check. */
  run?: (command: string, args: readonly string[]) => Promise<void>;
  isRoot?: () => boolean;
  exists?: (file: string) => Promise<boolean>;
}

/**
 * Installs Debian's fail2ban package when `fail2ban-server` is missing.
 * Returns true when it installed it.
 *
 * Note: on a host with systemd, installing the package starts the system
 * `fail2ban.service` (jail [sshd] with a real firewall action). That service
 * is the host's business and the sandbox never talks to it (its socket lives
 * in /run/fail2ban, ours in the sandbox dir). On this project's dev/CI
 * containers there is no init system, so nothing is started. Stop it with
 * `systemctl disable --now fail2ban` if it is unwanted.
 */
export async function ensureFail2banInstalled(
  options: EnsureFail2banOptions = {},
): Promise<boolean> {
  const server = options.fail2banServer ?? '/usr/bin/fail2ban-server';
  const exists = options.exists ?? isExecutable;
  if (await exists(server)) return false;
  const isRoot = options.isRoot ?? (() => process.getuid?.() === 0);
  if (!isRoot()) {
    throw new Error(
      `${server} is missing and installing it needs root: run \`apt-get install -y fail2ban\` as root`,
    );
  }
  const run = options.run ?? ((command, args) => runStreaming(command, args, options.onOutput));
  await run('apt-get', ['update']);
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'fail2ban']);
  if (!(await exists(server))) {
    throw new Error(`apt-get installed fail2ban but ${server} is still missing`);
  }
  return true;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function runStreaming(
  command: string,
  args: readonly string[],
  onOutput: ((chunk: string) => void) | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: onOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => onOutput?.(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => onOutput?.(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(new Error(`${command} ${args.join(' ')} failed: ${signal ?? `exit code ${code}`}`));
    });
  });
}
