#!/usr/bin/env node
// Entry point behind `npm run demo|test|start|bench`. Plain Node (no dependencies)
// because it runs before anything is installed: it installs what the task needs
// (pnpm 10, workspace packages, Debian packages, the web build), then runs the task.
import { ensureAptPackages } from './bootstrap/apt.mjs';
import { repoRoot, runForwardingSignals } from './bootstrap/process.mjs';
import { ensureWebBuild } from './bootstrap/web-build.mjs';
import { ensureWorkspace } from './bootstrap/workspace.mjs';

const task = process.argv[2];

const tasks = {
  async demo() {
    ensureAptPackages([{ binary: '/usr/bin/fail2ban-server', pkg: 'fail2ban' }]);
    const pnpm = ensureWorkspace();
    ensureWebBuild(pnpm);
    return runTs('scripts/demo.ts');
  },
  async start() {
    const pnpm = ensureWorkspace();
    ensureWebBuild(pnpm);
    return runTs('apps/server/src/main.ts');
  },
  async bangui() {
    ensureWorkspace();
    return runTs('apps/server/src/cli.ts');
  },
  async bench() {
    ensureAptPackages([{ binary: '/usr/bin/fail2ban-server', pkg: 'fail2ban' }]);
    const pnpm = ensureWorkspace();
    ensureWebBuild(pnpm);
    return runTs('bench/src/main.ts');
  },
  async test() {
    ensureAptPackages([
      { binary: '/usr/bin/fail2ban-server', pkg: 'fail2ban' },
      { binary: '/usr/bin/chromium', pkg: 'chromium' },
      { binary: '/usr/lib/postgresql/15/bin/initdb', pkg: 'postgresql' },
    ]);
    const pnpm = ensureWorkspace();
    ensureWebBuild(pnpm);
    const steps = [
      ['typecheck', [pnpm, 'run', 'typecheck']],
      ['lint', [pnpm, 'exec', 'biome', 'check', '.']],
      ['unit and integration tests', [pnpm, 'exec', 'vitest', 'run', ...process.argv.slice(3)]],
    ];
    for (const [name, [cmd, ...args]] of steps) {
      console.log(`\n== ${name} ==`);
      const code = await runForwardingSignals(cmd, args);
      if (code !== 0) return code;
    }
    return 0;
  },
};

/** Runs a TypeScript entry point through tsx in a child node process. */
function runTs(entry) {
  return runForwardingSignals(
    process.execPath,
    ['--import', 'tsx', entry, ...process.argv.slice(3)],
    {
      cwd: repoRoot,
    },
  );
}

const run = tasks[task];
if (!run) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}
run().then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
