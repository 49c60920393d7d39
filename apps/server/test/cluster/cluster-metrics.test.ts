import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/postgres.ts';
import { parseExposition, sampleValue } from '../helpers/prometheus-text.ts';
import { type ClusterProcess, oneShot, startCluster } from './cluster-process.ts';

const TOKEN = 'cluster-metrics-token-0123456789';
const WORKERS = 3;

let sandbox: Sandbox;
let dataDir: string;
let cluster: ClusterProcess;

beforeAll(async () => {
  let databaseUrl: string;
  [sandbox, dataDir, databaseUrl] = await Promise.all([
    startSandbox(),
    mkdtemp(join(tmpdir(), 'bangui-cluster-metrics-')),
    freshDatabase(),
  ]);
  cluster = await startCluster({
    BANGUI_ADAPTER: 'postgres',
    BANGUI_DATABASE_URL: databaseUrl,
    BANGUI_WORKERS: String(WORKERS),
    BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
    BANGUI_DATA_DIR: dataDir,
    BANGUI_ADMIN_PASSWORD: 'cluster-metrics-password',
    BANGUI_WEB_DIR: join(dataDir, 'no-web'),
    BANGUI_METRICS_TOKEN: TOKEN,
  });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const scrape = () =>
  oneShot(`${cluster.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

describe('/metrics in cluster mode', () => {
  it('whichever worker answers, the counters are the sum over all workers and fail2ban appears once', async () => {
    const requests = 12;
    const workers = new Set<string>();
    for (let i = 0; i < requests; i++) {
      const res = await oneShot(`${cluster.url}/livez`);
      expect(res.status).toBe(200);
      workers.add(res.worker.split(':')[0] ?? '');
    }
    // Round-robin spread the requests: a per-worker count would miss some of them.
    expect(workers.size).toBeGreaterThan(1);

    // Scrape until two different workers have answered (round-robin gets there within a few).
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const res = await scrape();
      expect(res.status).toBe(200);
      seen.add(res.worker.split(':')[0] ?? '');
      const m = parseExposition(res.body);
      expect(
        sampleValue(m, 'bangui_http_requests_total', {
          route: '/livez',
          method: 'GET',
          status_class: '2xx',
        }),
      ).toBe(requests);
      expect(sampleValue(m, 'f2b_up')).toBe(1);
      expect(sampleValue(m, 'f2b_jail_count')).toBe(sandbox.jails.length);
      // Each jail once, not once per worker.
      expect(m.samples.filter((s) => s.name === 'f2b_jail_banned_current')).toHaveLength(
        sandbox.jails.length,
      );
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
