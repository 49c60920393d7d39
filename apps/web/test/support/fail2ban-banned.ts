import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Asks fail2ban itself, through the stock client, which addresses a jail has banned: the
 * independent check that the UI really changed fail2ban and did not only redraw.
 */
export async function fail2banBannedIps(socketPath: string, jail: string): Promise<string[]> {
  const { stdout } = await run('/usr/bin/fail2ban-client', ['-s', socketPath, 'status', jail]);
  const line = stdout.split('\n').find((text) => text.includes('Banned IP list:'));
  if (line === undefined)
    throw new Error(`no "Banned IP list" in fail2ban-client output:\n${stdout}`);
  const list = line.slice(line.indexOf('Banned IP list:') + 'Banned IP list:'.length);
  return list.split(/\s+/).filter((ip) => ip !== '');
}
