import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Sandbox } from '../src/index.ts';

const execFileAsync = promisify(execFile);

/**
 * Runs Debian's fail2ban-client against the sandbox. The absolute path matters:
 * the python on PATH cannot import fail2ban. `-c` keeps it away from
 * /etc/fail2ban, `-s` away from the system socket.
 */
export async function fail2banClient(sandbox: Sandbox, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(
    '/usr/bin/fail2ban-client',
    ['-c', sandbox.configDir, '-s', sandbox.socketPath, ...args],
    { timeout: 10_000 },
  );
  return stdout;
}

/** The "Banned IP list" of `fail2ban-client status <jail>`. */
export async function bannedIps(sandbox: Sandbox, jail: string): Promise<string[]> {
  const out = await fail2banClient(sandbox, 'status', jail);
  const match = /Banned IP list:[ \t]*(.*)$/m.exec(out);
  if (!match) throw new Error(`unexpected status output:\n${out}`);
  return (match[1] ?? '').split(/\s+/).filter(Boolean);
}

/** The "Jail list" of `fail2ban-client status`. */
export async function jailList(sandbox: Sandbox): Promise<string[]> {
  const out = await fail2banClient(sandbox, 'status');
  const match = /Jail list:[ \t]*(.*)$/m.exec(out);
  if (!match) throw new Error(`unexpected status output:\n${out}`);
  return (match[1] ?? '').split(/,\s*/).filter(Boolean);
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
