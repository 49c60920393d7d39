import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { DataDirLockedError, JournalCorruptError } from '@bangui/adapters-memory';
import { PostgresUnavailableError } from '@bangui/adapters-postgres';
import { formatImportHistory, importHistory } from './cli/import-history-command.ts';
import { formatMigrate, runMigrate } from './cli/migrate-command.ts';
import { CliError, formatSummary, rebuildFromDataDir } from './cli/rebuild-command.ts';
import { formatResetAdmin, resetAdminPassword } from './cli/reset-admin-password.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { formatReport } from './doctor/check.ts';
import { runDoctor } from './doctor/run-doctor.ts';

const USAGE = `usage: bangui rebuild [--data-dir DIR] [--json]
       bangui doctor [--json]
       bangui migrate
       bangui reset-admin-password [--password-file PATH] < password
       bangui import-history --db PATH

  rebuild   replay the event journal into fresh read models and print the event
            count, each read model's size and digest, and an overall digest.
            Refuses while BanGUI runs on the data dir (it holds the lock);
            POST /api/admin/rebuild rebuilds a running server in place.
  doctor    check the configuration (the same BANGUI_* variables as the server),
            fail2ban's socket, connection, version, jails and database, the
            data dir and its lock, and PostgreSQL when configured; prints
            OK/WARN/FAIL per check with what to fix. Exit 0 without FAIL.
  migrate   apply pending PostgreSQL migrations (BANGUI_ADAPTER=postgres) and
            print how many were applied; memory needs none.
  reset-admin-password (alias create-admin)
            set the admin account's password (creating it when missing),
            enable it and make it an admin. The password is read from stdin
            (or --password-file PATH), never from the command line; at least
            12 characters. memory: refuses while BanGUI runs on the data dir.
  import-history --db PATH
            import fail2ban's ban history from its sqlite database (read-only)
            once; bans already recorded are skipped.
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
      'password-file': { type: 'string' },
      db: { type: 'string' },
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
  const command = positionals.length === 1 ? positionals[0] : undefined;
  if (command === 'migrate') {
    process.stdout.write(formatMigrate(await runMigrate(loadConfig(process.env))));
    return 0;
  }
  if (command === 'reset-admin-password' || command === 'create-admin') {
    const password = await readNewPassword(values['password-file']);
    const config = configWithDataDir(values['data-dir']);
    process.stdout.write(formatResetAdmin(await resetAdminPassword(config, password)));
    return 0;
  }
  if (command === 'import-history') {
    if (!values.db)
      throw new CliError("import-history needs --db PATH (fail2ban's sqlite database)");
    const config = configWithDataDir(values['data-dir']);
    process.stdout.write(formatImportHistory(await importHistory(config, resolve(values.db))));
    return 0;
  }
  if (command !== 'rebuild') {
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

function configWithDataDir(dataDir: string | undefined) {
  const config = loadConfig(process.env);
  return dataDir ? { ...config, dataDir: resolve(dataDir) } : config;
}

/** The new password from a file or stdin, without its line ending; never from argv. */
async function readNewPassword(file: string | undefined): Promise<string> {
  let raw: string;
  if (file !== undefined) {
    raw = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read --password-file ${file} (${err.code ?? err.message})`);
    });
  } else {
    if (process.stdin.isTTY) {
      process.stderr.write(
        'new admin password (ends with Enter, then Ctrl-D; it is echoed, so prefer a pipe or --password-file): ',
      );
    }
    raw = await text(process.stdin);
  }
  return raw.replace(/\r?\n$/, '');
}

/** A password given as an option (`--password=...`) is refused before parsing, without echoing it. */
function refusePasswordInArgv(argv: string[]): void {
  if (argv.some((a) => /^--?pass(word)?(=|$)/.test(a))) {
    throw new CliError(
      'the password is never taken from the command line (it would show in ps and shell history): pipe it on stdin or use --password-file PATH',
    );
  }
}

try {
  const argv = process.argv.slice(2);
  refusePasswordInArgv(argv);
  process.exitCode = await main(argv);
} catch (err) {
  // Operator errors: the message says what to do; a stack trace would bury it.
  if (
    err instanceof CliError ||
    err instanceof ConfigError ||
    err instanceof DataDirLockedError ||
    err instanceof JournalCorruptError ||
    err instanceof PostgresUnavailableError ||
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`bangui: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
