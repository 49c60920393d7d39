import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runSync } from './process.mjs';

const webDir = join(repoRoot, 'apps/web');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds apps/web into apps/web/dist when the build is missing or older than its sources. */
export function ensureWebBuild(pnpm) {
  const built = join(webDir, 'dist/index.html');
  const sources = Math.max(
    newestMtime(join(webDir, 'src')),
    newestMtime(join(webDir, 'index.html')),
    newestMtime(join(webDir, 'vite.config.ts')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the web app (vite build) ...');
  runSync(pnpm, ['--filter', '@bangui/web', 'run', 'build']);
}
