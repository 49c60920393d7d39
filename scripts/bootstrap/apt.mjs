import { existsSync } from 'node:fs';
import { runSync } from './process.mjs';

/**
 * Installs Debian packages whose binary is missing. Needs root (or sudo-less root
 * as on the project's machines); otherwise says exactly what to run.
 */
export function ensureAptPackages(wanted) {
  const missing = wanted.filter((w) => !existsSync(w.binary));
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages: ${pkgs.join(', ')}. Install them with: sudo apt-get install -y ${pkgs.join(' ')}`,
    );
  }
  console.log(`Installing Debian packages: ${pkgs.join(', ')} (apt-get) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runSync('apt-get', ['update', '-qq'], { env });
  runSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
}
