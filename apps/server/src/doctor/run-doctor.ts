import { createPostgresAdapterSet } from '@bangui/adapters-postgres';
import { createFail2banClient } from '@bangui/fail2ban';
import { type Env, loadConfig, type ServerConfig } from '../config.ts';
import { ConfigError } from '../config-error.ts';
import { type CheckResult, fail, ok } from './check.ts';
import { checkDatabase, checkDataDir, checkDataDirLock } from './data-checks.ts';
import {
  checkFail2banDb,
  checkJails,
  checkVersion,
  fail2banUnreachable,
} from './fail2ban-checks.ts';
import { checkConnect, checkSocketFile } from './socket-checks.ts';

const TIMEOUT_MS = 5_000;

/**
 * Every check of `bangui doctor`, in the order a fix is needed: configuration,
 * then fail2ban (socket, connection, version, jails, its database), then
 * BanGUI's own storage. Read-only: nothing is created, locked or migrated.
 */
export async function runDoctor(env: Env): Promise<CheckResult[]> {
  let config: ServerConfig;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [
      fail(
        'configuration',
        err.problems.join('; '),
        'correct the variables named above (see apps/server/README.md)',
      ),
    ];
  }
  const results: CheckResult[] = [
    ok('configuration', `valid (${config.adapter} adapter, ${config.workers} worker(s))`),
  ];
  results.push(...(await fail2banChecks(config.fail2banSocket)));
  results.push(await checkDataDir(config.dataDir));
  results.push(await checkDataDirLock(config.dataDir));
  if (config.databaseUrl !== undefined) results.push(await databaseCheck(config.databaseUrl));
  return results;
}

async function fail2banChecks(socketPath: string): Promise<CheckResult[]> {
  const socket = await checkSocketFile(socketPath);
  if (socket.result.status === 'fail') return [socket.result];
  const client = createFail2banClient({ socketPath, timeoutMs: TIMEOUT_MS });
  try {
    const connect = await checkConnect(socketPath, () => client.ping(), socket.ownerUid);
    if (connect.status === 'fail') return [socket.result, connect, fail2banUnreachable()];
    return [
      socket.result,
      connect,
      checkVersion(await client.version()),
      await checkJails(client),
      await checkFail2banDb(client),
    ];
  } finally {
    await client.close();
  }
}

async function databaseCheck(url: string): Promise<CheckResult> {
  let adapters: Awaited<ReturnType<typeof createPostgresAdapterSet>> | undefined;
  try {
    return await checkDatabase(async () => {
      // One connection, no local tier: only a round trip is wanted.
      adapters = await createPostgresAdapterSet({ url, max: 1, localTier: false });
      await adapters.ping();
    }, TIMEOUT_MS);
  } finally {
    await adapters?.close();
  }
}
