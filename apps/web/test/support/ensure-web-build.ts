import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds apps/web into dist when dist is missing or older than any source file, so the
 * e2e test always serves what is in the working tree without rebuilding every run.
 */
export async function ensureWebBuild(webDir: string): Promise<string> {
  const distDir = join(webDir, 'dist');
  const builtAt = await mtime(join(distDir, 'index.html'));
  const sources = [
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.ts'),
    join(webDir, 'package.json'),
    ...(await listFiles(join(webDir, 'src'))),
    ...(await listFiles(join(webDir, 'public'))),
  ];
  const newestSource = Math.max(...(await Promise.all(sources.map(mtime))));
  if (builtAt === 0 || newestSource > builtAt) await productionBuild(webDir);
  return distDir;
}

// Vitest sets NODE_ENV=test, and vite (and the React plugin's JSX transform) would then
// produce a development bundle, nearly twice the size and not what users get. Build as
// `vite build` does from a shell, then restore the test environment.
async function productionBuild(webDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    // Assigning undefined to process.env would store the string "undefined".
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function mtime(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
