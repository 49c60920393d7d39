import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A unix socket file with no listener behind it, like the one a crashed fail2ban leaves.
 * Python binds without listening (Node cannot bind a unix socket without listening).
 */
export async function makeStaleSocket(): Promise<{ socketPath: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bangui-stale-'));
  const socketPath = path.join(dir, 'stale.sock');
  await promisify(execFile)('/usr/bin/python3', [
    '-c',
    'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
    socketPath,
  ]);
  return { socketPath, remove: () => rm(dir, { recursive: true, force: true }) };
}
