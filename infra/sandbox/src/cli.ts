/**
 * Runs a sandboxed fail2ban (and, unless --no-traffic, the traffic generator)
 * in the foreground until SIGINT/SIGTERM:
 *
 *   pnpm exec tsx infra/sandbox/src/cli.ts [--dir DIR] [--action noop|dummy] [--no-traffic]
 *     [--rate LINES_PER_SECOND] [--seed N]
 */
import { parseArgs } from 'node:util';
import type { SandboxAction } from './render-config.ts';
import { startSandbox } from './start-sandbox.ts';
import { startTrafficGenerator } from './traffic-generator.ts';

const USAGE =
  'usage: tsx infra/sandbox/src/cli.ts [--dir DIR] [--action noop|dummy] [--no-traffic] [--rate N] [--seed N]';

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      action: { type: 'string', default: 'noop' },
      'no-traffic': { type: 'boolean', default: false },
      rate: { type: 'string', default: '3' },
      seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
      help: { type: 'boolean', default: false },
    },
  });
  const action = values.action;
  if (!isAction(action)) throw new Error('--action must be noop or dummy');
  const rate = Number(values.rate);
  const seed = Number(values.seed);
  if (!(rate > 0)) throw new Error('--rate must be a positive number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { dir: values.dir, action, traffic: !values['no-traffic'], rate, seed, help: values.help };
}

function isAction(value: string): value is SandboxAction {
  return value === 'noop' || value === 'dummy';
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sandbox = await startSandbox({ dir: args.dir, action: args.action });
  const traffic = args.traffic
    ? startTrafficGenerator(sandbox, { linesPerSecond: args.rate, seed: args.seed })
    : undefined;
  process.stdout.write(
    `fail2ban sandbox ready (pid ${sandbox.pid()})\n` +
      `socket: ${sandbox.socketPath}\n` +
      `config: ${sandbox.configDir}\n` +
      `jails:  ${sandbox.jails.join(', ')}\n` +
      `traffic: ${traffic ? `${args.rate} lines/s, seed ${args.seed}` : 'off'}\n` +
      `try: /usr/bin/fail2ban-client -c ${sandbox.configDir} -s ${sandbox.socketPath} status\n`,
  );

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stdout.write(`\n${signal}: stopping\n`);
    traffic?.stop();
    // A dir given with --dir is kept (bans persist for the next run); a temp dir is removed.
    await sandbox.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
