import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createMemoryEventStore,
  createMemoryLeases,
  createMemoryRuntimeState,
} from '@bangui/adapters-memory';
import { createFail2banClient, type Fail2banClient } from '@bangui/fail2ban';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBanChangeRecorder } from '../../src/bans/record-ban-changes.ts';
import { createIngestion } from '../../src/ingest/create-ingestion.ts';
import { pushRoutes } from '../../src/ingest/push-routes.ts';
import { activeBansFromLog, banEvents, capturingLogger } from './helpers.ts';

// End to end: fail2ban runs infra/fail2ban/action.d/bangui-push.conf (curl) against a real HTTP server.
const SECRET = 'e2e-push-secret-0123456789';
const WAIT = { timeout: 15_000, interval: 100 };
const store = createMemoryEventStore();
// Shared by the push route and the unban path, as the adapter set's runtimeState is.
const runtimeState = createMemoryRuntimeState();
let sandbox: Sandbox;
let client: Fail2banClient;
let http: ServerType;

beforeAll(async () => {
  sandbox = await startSandbox();
  const app = new Hono().route(
    '/api/ingest/fail2ban',
    pushRoutes({
      secret: SECRET,
      eventStore: store,
      runtimeState,
      jails: async () => (await client.status()).jails,
    }),
  );
  http = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(server),
    );
  });
  const { port } = http.address() as AddressInfo;
  const secretFile = join(sandbox.dir, 'push-secret');
  await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });
  await mkdir(join(sandbox.configDir, 'jail.d'), { recursive: true });
  await writeFile(
    join(sandbox.configDir, 'jail.d', 'bangui-push.local'),
    [
      '[sshd]',
      'action = noop',
      `         bangui-push[bangui_url="http://127.0.0.1:${port}/api/ingest/fail2ban", bangui_secret_file=${secretFile}]`,
      '',
    ].join('\n'),
  );
  await sandbox.restart();
  client = createFail2banClient({ socketPath: sandbox.socketPath });
});

afterAll(async () => {
  await client?.close();
  await sandbox?.destroy();
  await new Promise((resolve) => http?.close(resolve));
});

describe('the bangui-push fail2ban action', () => {
  it('reports a ban and its lift; a poll of the same ban adds nothing', async () => {
    await sandbox.appendFailures('sshd', '192.0.2.41', 3);
    const observed = await vi.waitFor(async () => {
      const events = await banEvents(store);
      if (events.length === 0) throw new Error('no push yet');
      return events;
    }, WAIT);
    expect(observed.map((e) => e.data)).toEqual([
      expect.objectContaining({ jail: 'sshd', id: '192.0.2.41', source: 'push', failures: 3 }),
    ]);
    const [listed] = await client.bans('sshd');
    expect(listed).toBeDefined();
    expect(observed[0]?.data).toMatchObject({ bannedAt: listed?.startedAt });

    const ingestion = createIngestion({
      fail2ban: client,
      eventStore: store,
      runtimeState,
      leases: createMemoryLeases(),
      activeBans: activeBansFromLog(store),
      logger: capturingLogger(),
      pollIntervalSeconds: 5,
      backfillIntervalSeconds: 30,
    });
    await ingestion.pollOnce();
    expect(await banEvents(store)).toHaveLength(1);

    await client.unban('sshd', ['192.0.2.41']);
    const ended = await vi.waitFor(async () => {
      const found = (await banEvents(store)).find((e) => e.type === 'BanEnded');
      if (!found) throw new Error('no unban push yet');
      return found;
    }, WAIT);
    expect(ended.data).toMatchObject({
      id: '192.0.2.41',
      reason: 'lifted-by-fail2ban',
      source: 'push',
    });
  });

  it('an unban through BanGUI is recorded by the push as lifted-through-bangui, with the actor', async () => {
    const changes = createBanChangeRecorder({
      currentBans: (jail) => client.bans(jail),
      eventStore: store,
      runtimeState,
      clock: { now: () => Date.now() },
      logger: capturingLogger(),
    });
    const id = '192.0.2.42';
    await client.ban('sshd', [id]);
    await changes.banned('sshd', [id]);
    // fail2ban runs the push's unban action inside unbanip, before it replies.
    expect(await changes.lift('sshd', [id], 'alice', () => client.unban('sshd', [id]))).toEqual({
      unbanned: 1,
    });
    const ends = (await banEvents(store)).filter(
      (e) => e.type === 'BanEnded' && (e.data as { id: string }).id === id,
    );
    expect(ends.map((e) => e.data)).toEqual([
      expect.objectContaining({ reason: 'lifted-through-bangui', actor: 'alice', source: 'push' }),
    ]);
    // The mark is gone: a later lift by fail2ban is fail2ban's again.
    expect(await runtimeState.get(`ban-lift:${JSON.stringify(['sshd', id])}`)).toBeUndefined();
  });
});
