import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirLockedError, JournalCorruptError } from '@bangui/adapters-memory';
import { CliError, formatSummary, rebuildFromDataDir } from './cli/rebuild-command.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';

const USAGE = `usage: bangui rebuild [--data-dir DIR] [--json]

  rebuild   replay the event journal into fresh read models and print the event
            count, each read model's size and digest, and an overall digest.
            Refuses while BanGUI runs on the data dir (it holds the lock);
            POST /api/admin/rebuild rebuilds a running server in place.
  --data-dir DIR   default: BANGUI_DATA_DIR, else ./.data
  --json           print the summary as JSON
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'rebuild') {
    process.stderr.write(USAGE);
    return 2;
  }
  const dataDir = values['data-dir']
    ? resolve(values['data-dir'])
    : loadConfig(process.env).dataDir;
  const summary = await rebuildFromDataDir(dataDir);
  process.stdout.write(
    values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(dataDir, summary),
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Operator errors: the message says what to do; a stack trace would bury it.
  if (
    err instanceof CliError ||
    err instanceof ConfigError ||
    err instanceof DataDirLockedError ||
    err instanceof JournalCorruptError ||
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`bangui: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
