import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runSync } from './process.mjs';

const PNPM_VERSION = '10.34.9';
const localPnpm = join(repoRoot, '.tools/node_modules/.bin/pnpm');

/**
 * Returns a pnpm 10 binary. A global pnpm 10 is used when present; otherwise pnpm
 * is installed into .tools/ (pnpm 11 crashes on Node 20 and corepack cannot fetch
 * it here, so we pin it and never touch the global install).
 */
function ensurePnpm() {
  if (existsSync(localPnpm)) return localPnpm;
  const global = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (global.status === 0 && global.stdout.trim().startsWith('10.')) return 'pnpm';
  console.log(`Installing pnpm ${PNPM_VERSION} into .tools/ ...`);
  runSync('npm', [
    'install',
    '--prefix',
    join(repoRoot, '.tools'),
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `pnpm@${PNPM_VERSION}`,
  ]);
  return localPnpm;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** Installs workspace dependencies when node_modules is missing or older than the lockfile. */
export function ensureWorkspace() {
  const pnpm = ensurePnpm();
  const marker = join(repoRoot, 'node_modules/.modules.yaml');
  const lock = join(repoRoot, 'pnpm-lock.yaml');
  if (!existsSync(marker) || mtime(lock) > mtime(marker)) {
    console.log('Installing workspace dependencies (pnpm install) ...');
    runSync(pnpm, ['install', '--frozen-lockfile', '--config.confirmModulesPurge=false']);
  }
  return pnpm;
}
