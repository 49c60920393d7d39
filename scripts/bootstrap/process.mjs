import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command to completion (argv array, inherited stdio); throws on failure. */
export function runSync(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  if (result.error) throw new Error(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} failed with exit code ${result.status}`);
  }
}

/**
 * Runs a long-lived child and resolves with its exit code. SIGINT/SIGTERM sent to
 * us are passed on and we wait for the child, so Ctrl-C leaves nothing behind.
 */
export function runForwardingSignals(cmd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: repoRoot, ...options });
    const forward = (signal) => () => {
      // Ctrl-C reaches the whole process group already; forwarding again is harmless
      // and covers a SIGTERM sent to this process alone.
      if (child.exitCode === null) child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}
