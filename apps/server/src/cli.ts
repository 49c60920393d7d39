import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirLockedError, JournalCorruptError } from '@bangui/adapters-memory';
import { CliError, formatSummary, rebuildFromDataDir } from './cli/rebuild-command.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { formatReport } from './doctor/check.ts';
import { runDoctor } from './doctor/run-doctor.ts';

const USAGE = `usage: bangui rebuild [--data-dir DIR] [--json]
       bangui doctor [--json]

  rebuild   replay the event journal into fresh read models and print the event
            count, each read model's size and digest, and an overall digest.
            Refuses while BanGUI runs on the data dir (it holds the lock);
            POST /api/admin/rebuild rebuilds a running server in place.
  doctor    check the configuration (the same BANGUI_* variables as the server),
            fail2ban's socket, connection, version, jails and database, the
            data dir and its lock, and PostgreSQL when configured; prints
            OK/WARN/FAIL per check with what to fix. Exit 0 without FAIL.
  --data-dir DIR   default: BANGUI_DATA_DIR, else ./.data
  --json           print the summary (or the doctor's checks) as JSON
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
  if (positionals.length === 1 && positionals[0] === 'doctor') {
    const results = await runDoctor(process.env);
    process.stdout.write(
      values.json ? `${JSON.stringify(results, null, 2)}\n` : formatReport(results),
    );
    return results.some((r) => r.status === 'fail') ? 1 : 0;
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
