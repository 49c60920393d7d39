import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execForm, finalStage, type Instruction, readDockerfile } from '../src/dockerfile.ts';
import { infraPath, repoPath } from '../src/paths.ts';

const server = readDockerfile(infraPath('docker/server.Dockerfile'));
const web = readDockerfile(infraPath('docker/web.Dockerfile'));

function only(instructions: readonly Instruction[], keyword: string): Instruction[] {
  return instructions.filter((i) => i.keyword === keyword);
}

describe('server image', () => {
  const runtime = finalStage(server);

  it('is multi-stage on node:20-bookworm-slim', () => {
    expect(only(server, 'FROM').length).toBeGreaterThanOrEqual(2);
    const arg = only(server, 'ARG').find((i) => i.text.startsWith('NODE_IMAGE='));
    expect(arg?.text).toBe('NODE_IMAGE=node:20-bookworm-slim');
  });

  it('starts node itself through tsx, in exec form, so SIGTERM reaches it', () => {
    const entrypoints = only(runtime, 'ENTRYPOINT');
    expect(entrypoints).toHaveLength(1);
    expect(entrypoints[0]?.execForm).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    for (const cmd of only(runtime, 'CMD')) expect(cmd.execForm).toBeDefined();
  });

  it('checks /livez with node fetch, without curl', () => {
    const healthchecks = only(runtime, 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const argv = execForm(
      healthchecks[0]?.text.slice(healthchecks[0].text.indexOf('CMD') + 3) ?? '',
    );
    expect(argv?.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv?.[2]).toMatch(/fetch\('http:\/\/127\.0\.0\.1:.*\/livez'\)/);
    expect(runtime.some((i) => /\bcurl\b/.test(i.text) && i.keyword === 'RUN')).toBe(false);
  });

  it('builds better-sqlite3 with a compiler and deploys the server with pnpm', () => {
    const build = server.filter((i) => i.stage === 0);
    const runs = only(build, 'RUN')
      .map((i) => i.text)
      .join('\n');
    expect(runs).toMatch(/python3/);
    expect(runs).toMatch(/\bmake\b/);
    expect(runs).toMatch(/g\+\+/);
    expect(runs).toMatch(/deploy --prod/);
    expect(runs).toMatch(/--filter @bangui\/server/);
    // The repository's .npmrc points node-gyp at Debian's headers; the image has them in /usr/local.
    expect(runs).toMatch(/nodedir=\/usr\/local/);
  });

  it('ships no compiler and no package manager in the runtime stage', () => {
    expect(only(runtime, 'RUN').some((i) => /apt-get install|corepack|pnpm/.test(i.text))).toBe(
      false,
    );
  });

  it('tsx is a runtime dependency of @bangui/server', () => {
    const pkg = JSON.parse(readFileSync(repoPath('apps/server/package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(pkg.dependencies?.tsx).toBeDefined();
  });
});

describe('web image', () => {
  const runtime = finalStage(web);

  it('builds with vite and serves with unprivileged nginx', () => {
    expect(only(web, 'RUN').some((i) => i.text.includes('--filter @bangui/web build'))).toBe(true);
    const arg = only(web, 'ARG').find((i) => i.text.startsWith('NGINX_IMAGE='));
    expect(arg?.text).toMatch(/^NGINX_IMAGE=nginxinc\/nginx-unprivileged:/);
  });

  it('runs nginx in the foreground, in exec form, with a healthcheck', () => {
    const cmd = only(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(cmd[0]?.execForm).toEqual(['nginx', '-g', 'daemon off;']);
    expect(only(runtime, 'ENTRYPOINT')).toHaveLength(0);
    expect(only(runtime, 'HEALTHCHECK')).toHaveLength(1);
  });
});

describe('exec form detection', () => {
  it('tells exec form from shell form', () => {
    expect(execForm('["node", "a.js"]')).toEqual(['node', 'a.js']);
    expect(execForm('node a.js')).toBeUndefined();
    expect(execForm('[node a.js]')).toBeUndefined();
    expect(execForm('[]')).toBeUndefined();
  });
});

describe('.dockerignore', () => {
  const lines = readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim());

  it('keeps local installs, builds, state and secrets out of the build context', () => {
    for (const pattern of ['**/node_modules', '**/dist', '**/.data', 'infra/compose/secrets']) {
      expect(lines).toContain(pattern);
    }
  });

  it('keeps what the images build from', () => {
    for (const needed of ['pnpm-lock.yaml', '.npmrc', 'package.json', 'apps', 'packages']) {
      expect(lines).not.toContain(needed);
    }
  });
});
