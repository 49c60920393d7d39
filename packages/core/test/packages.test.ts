import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The reusable packages: each must be publishable on its own (see docs/packages.md).
const PACKAGES = ['core', 'adapters-memory', 'adapters-postgres', 'fail2ban'] as const;
type PackageDir = (typeof PACKAGES)[number];

const root = fileURLToPath(new URL('../../..', import.meta.url));
const packageDir = (dir: PackageDir): string => join(root, 'packages', dir);
const run = promisify(execFile);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  sideEffects?: boolean;
  engines?: Record<string, string>;
  exports: Record<string, unknown>;
  files?: string[];
  scripts?: Record<string, string>;
  publishConfig?: { exports?: Record<string, unknown> };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = (dir: PackageDir): Manifest =>
  JSON.parse(readFileSync(join(packageDir(dir), 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier in a file: static imports/exports and dynamic import(). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(
    /\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm,
  )) {
    found.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return found;
}

/** 'drizzle-orm/pg-core' -> 'drizzle-orm', '@scope/x/y' -> '@scope/x' */
const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe.each(PACKAGES)('packages/%s is a proper package', (dir) => {
  const pkg = manifest(dir);

  it('is an ESM package at 0.1.0 with sideEffects: false and an engines range', () => {
    expect(pkg.name).toBe(`@bangui/${dir}`);
    expect(pkg.version).toBe('0.1.0');
    expect(pkg.private).toBeUndefined();
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines?.node).toMatch(/^>=20/);
  });

  it('exports sources with types conditions now and dist when published', () => {
    const published = pkg.publishConfig?.exports ?? {};
    expect(Object.keys(published)).toEqual(Object.keys(pkg.exports));
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (key === './package.json') continue;
      const conditions = target as Record<string, string>;
      // `types` must come first: resolvers take the first matching condition.
      expect(Object.keys(conditions)).toEqual(['types', 'default']);
      expect(conditions.types).toMatch(/^\.\/src\/.+\.ts$/);
      expect(existsSync(join(packageDir(dir), conditions.types as string))).toBe(true);
      const out = (published[key] ?? {}) as Record<string, string>;
      const stem = (conditions.default as string)
        .replace(/^\.\/src\//, './dist/')
        .replace(/\.ts$/, '');
      expect(out).toEqual({ types: `${stem}.d.ts`, default: `${stem}.js` });
    }
    expect(pkg.files).toContain('dist');
    expect(pkg.scripts?.build).toBe('tsc -b tsconfig.build.json');
    for (const doc of ['README.md', 'CHANGELOG.md']) {
      expect(existsSync(join(packageDir(dir), doc))).toBe(true);
    }
  });

  it('depends on nothing under apps/ (no @bangui/server, no apps/ path)', () => {
    const deps = {
      ...pkg.dependencies,
      ...pkg.devDependencies,
      ...pkg.peerDependencies,
    };
    for (const [name, range] of Object.entries(deps)) {
      expect(name).not.toBe('@bangui/server');
      expect(range).not.toMatch(/apps\//);
    }
    for (const file of sourceFiles(join(packageDir(dir), 'src'))) {
      for (const specifier of specifiers(file)) {
        expect(specifier, file).not.toMatch(/(^|\/)apps\/|@bangui\/server/);
      }
    }
  });

  it('declares every package its sources import (what a consumer will install)', () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const builtins = new Set(builtinModules);
    for (const file of sourceFiles(join(packageDir(dir), 'src'))) {
      for (const specifier of specifiers(file)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        if (builtins.has(specifier)) continue;
        expect(declared, `${file} imports ${specifier}`).toContain(packageName(specifier));
      }
    }
  });
});

it('the vitest-based testing entry lists vitest as an optional peer', () => {
  const core = manifest('core');
  expect(core.peerDependencies?.vitest).toBeDefined();
  expect(core.peerDependenciesMeta?.vitest?.optional).toBe(true);
});

/**
 * Builds every package the way `pnpm --filter <pkg> build` does (tsc -b with
 * project references), into a temporary node_modules laid out as an install of
 * the published packages would be (package.json with publishConfig.exports),
 * then imports the result with plain node (no tsx) and typechecks a consumer
 * with NodeNext resolution against the emitted .d.ts files.
 */
describe('the built packages', () => {
  let tmp = '';
  const installed = (dir: PackageDir): string => join(tmp, 'node_modules', '@bangui', dir);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bangui-packages-'));
    const configs: string[] = [];
    for (const dir of PACKAGES) {
      const pkg = manifest(dir);
      const target = installed(dir);
      mkdirSync(join(target, 'node_modules'), { recursive: true });
      const { publishConfig, scripts: _scripts, devDependencies: _dev, ...rest } = pkg;
      writeFileSync(
        join(target, 'package.json'),
        JSON.stringify({ ...rest, exports: publishConfig?.exports }, null, 2),
      );
      // Runtime dependencies resolve to the real installs; @bangui ones to the sibling builds.
      const external = [
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ].filter((name) => !name.startsWith('@bangui/'));
      for (const name of external) {
        const link = join(target, 'node_modules', name);
        mkdirSync(join(link, '..'), { recursive: true });
        symlinkSync(realpathSync(join(packageDir(dir), 'node_modules', name)), link);
      }
      for (const extra of pkg.files ?? []) {
        if (['dist', 'src', 'README.md', 'CHANGELOG.md'].includes(extra) || extra.startsWith('!'))
          continue;
        symlinkSync(join(packageDir(dir), extra), join(target, extra));
      }
      // The package's own build config, with dist moved into the temporary install.
      const config = join(tmp, `${dir}.tsconfig.json`);
      const buildConfig = JSON.parse(
        readFileSync(join(packageDir(dir), 'tsconfig.build.json'), 'utf8'),
      ) as { references?: { path: string }[] };
      writeFileSync(
        config,
        JSON.stringify({
          extends: join(packageDir(dir), 'tsconfig.build.json'),
          compilerOptions: {
            rootDir: join(packageDir(dir), 'src'),
            outDir: join(target, 'dist'),
            tsBuildInfoFile: join(tmp, `${dir}.tsbuildinfo`),
            // types: ['node'] resolves from the config's directory, which is now tmp.
            typeRoots: [join(root, 'node_modules', '@types')],
          },
          include: [join(packageDir(dir), 'src')],
          references: (buildConfig.references ?? []).map((ref) => ({
            path: join(tmp, `${ref.path.split('/').at(-2)}.tsconfig.json`),
          })),
        }),
      );
      configs.push(config);
    }
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-b', ...configs]).catch((error: { stdout?: string }) => {
      throw new Error(`tsc -b failed:\n${error.stdout}`);
    });
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('emits JS with rewritten .js specifiers and .d.ts next to it', () => {
    const index = readFileSync(join(installed('core'), 'dist', 'index.js'), 'utf8');
    expect(index).toMatch(/from ["']\.\/adapter-set\.js["']/);
    expect(index).not.toMatch(/from ["']\.[^"']*\.ts["']/);
    for (const dir of PACKAGES) {
      expect(existsSync(join(installed(dir), 'dist', 'index.d.ts'))).toBe(true);
    }
  });

  it('plain node imports every entry point and the packages work', async () => {
    const script = `
      import { selectAdapterSet, WorkerRuleError } from '@bangui/core';
      import * as testing from '@bangui/core/testing';
      import { createMemoryAdapterSet, MEMORY_ADAPTER_SET_INFO } from '@bangui/adapters-memory';
      import { createPostgresAdapterSet, MIGRATIONS_FOLDER, POSTGRES_ADAPTER_SET_INFO } from '@bangui/adapters-postgres';
      import { startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
      import { createFail2banClient, encodePickle } from '@bangui/fail2ban';
      import { existsSync } from 'node:fs';
      const candidates = {
        memory: { info: MEMORY_ADAPTER_SET_INFO, create: () => createMemoryAdapterSet() },
        postgres: { info: POSTGRES_ADAPTER_SET_INFO, create: () => createPostgresAdapterSet({ url: 'postgres://x' }) },
      };
      const refused = await selectAdapterSet({ choice: 'memory', workers: 2, candidates }).catch((e) => e);
      const set = await selectAdapterSet({ choice: 'memory', workers: 1, candidates });
      const decision = await set.rateLimiter.consume('k', { limit: 1, windowMs: 1000 });
      await set.close();
      console.log(JSON.stringify({
        refused: refused instanceof WorkerRuleError,
        allowed: decision.allowed,
        contract: typeof testing.cacheContract,
        migrations: existsSync(MIGRATIONS_FOLDER + '/meta/_journal.json'),
        throwaway: typeof startThrowawayPostgres,
        fail2ban: typeof createFail2banClient,
        pickle: typeof encodePickle,
      }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmp,
    });
    expect(JSON.parse(stdout)).toEqual({
      refused: true,
      allowed: true,
      contract: 'function',
      migrations: true,
      throwaway: 'function',
      fail2ban: 'function',
      pickle: 'function',
    });
  }, 30_000);

  it('a consumer with NodeNext resolution typechecks against the emitted .d.ts', async () => {
    writeFileSync(
      join(tmp, 'consumer.ts'),
      `import { type AdapterSet, selectAdapterSet } from '@bangui/core';
import { cacheContract } from '@bangui/core/testing';
import { createMemoryAdapterSet, MEMORY_ADAPTER_SET_INFO } from '@bangui/adapters-memory';
import { type PostgresAdapterSet, POSTGRES_ADAPTER_SET_INFO } from '@bangui/adapters-postgres';
import { createFail2banClient } from '@bangui/fail2ban';

export async function pick(): Promise<AdapterSet> {
  return selectAdapterSet({
    choice: 'memory',
    workers: 1,
    candidates: { memory: { info: MEMORY_ADAPTER_SET_INFO, create: () => createMemoryAdapterSet() } },
  });
}
export const scope: 'shared' = POSTGRES_ADAPTER_SET_INFO.scope;
export type Pg = PostgresAdapterSet['ping'];
export const contract: typeof cacheContract = cacheContract;
export const client = createFail2banClient;
// Real types, not any: a wrong option must be an error.
// @ts-expect-error maxSessions is a number
createMemoryAdapterSet({ maxSessions: 'many' });
`,
    );
    writeFileSync(
      join(tmp, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // As consumers do (drizzle's own .d.ts do not check clean). Our .d.ts still
          // count: a named import they fail to provide is an error in consumer.ts.
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', join(tmp, 'tsconfig.json')]).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('ok');
  }, 60_000);
});
