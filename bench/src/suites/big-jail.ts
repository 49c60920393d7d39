import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFail2banClient } from '@bangui/fail2ban';
import { startSandbox } from '@bangui/sandbox';
import { benchLogin, startBanGuiProcess } from '../bangui-process.ts';
import { measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';
import { percentile } from '../stats-percentile.ts';

const BANS = 65_000;
// The server keeps a jail's ban list fresh for 2 s and then serves it while one
// background fetch refreshes it (apps/server/src/bans/ban-list-cache.ts).
const CACHE_TTL_MS = 2_000;

function addresses(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const seen = new Set<string>();
  while (seen.size < count) {
    const n = Math.floor(rnd() * 0xffffff);
    seen.add(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
  }
  return [...seen];
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - start;
}

/**
 * A jail holding 65,000 bans: the API's p99 for a page of the list and for a
 * search with the server's list cache warm (requests back to back) and expired
 * (each request after the 2 s TTL: served from the old list while it refreshes),
 * against the cost of the full list from fail2ban itself, which is what the
 * first request after a start, or after a ban through BanGUI, waits for.
 */
export async function bigJailSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 3 : 5;
  const warmRequests = options.quick ? 100 : 300;
  const coldRequests = options.quick ? 4 : 8;
  const sandbox = await startSandbox({ action: 'noop' });
  const dataDir = await mkdtemp(join(tmpdir(), 'bangui-bench-big-'));
  const client = createFail2banClient({ socketPath: sandbox.socketPath, timeoutMs: 300_000 });
  try {
    await client.ban('sshd', addresses(BANS, 7));
    const fullList = await measureCase({
      name: 'full list with times from fail2ban (cold)',
      unit: 'ms/op',
      runs,
      warmup: 0,
      run: async () => {
        const start = performance.now();
        await client.bans('sshd');
        return performance.now() - start;
      },
    });
    await client.close();
    const server = await startBanGuiProcess({
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
    });
    try {
      const cookie = await benchLogin(server.url);
      const page = `${server.url}/api/jails/sshd/bans?limit=50&offset=1000`;
      const search = `${server.url}/api/jails/sshd/bans?limit=50&q=10.42.`;
      const warm = (url: string) => async () => {
        const times: number[] = [];
        for (let i = 0; i < warmRequests; i++) times.push(await timedGet(url, cookie));
        return percentile(times, 99);
      };
      const expired = (url: string) => async () => {
        const times: number[] = [];
        for (let i = 0; i < coldRequests; i++) {
          await sleep(CACHE_TTL_MS + 100);
          times.push(await timedGet(url, cookie));
        }
        return percentile(times, 99);
      };
      const cases = [
        await measureCase({
          name: 'page, cache warm',
          unit: 'ms/op',
          runs,
          warmup: 1,
          run: warm(page),
        }),
        await measureCase({
          name: 'search, cache warm',
          unit: 'ms/op',
          runs,
          warmup: 1,
          run: warm(search),
        }),
        await measureCase({
          name: 'page, cache expired',
          unit: 'ms/op',
          runs,
          warmup: 0,
          run: expired(page),
        }),
        await measureCase({
          name: 'search, cache expired',
          unit: 'ms/op',
          runs,
          warmup: 0,
          run: expired(search),
        }),
        fullList,
      ];
      return {
        suite: `A big jail: ${BANS.toLocaleString('en')} bans, API p99`,
        cases,
        comparisons: [
          { label: 'page: warm vs cold', subject: 'page, cache warm', baseline: fullList.name },
          {
            label: 'page: expired vs cold',
            subject: 'page, cache expired',
            baseline: fullList.name,
          },
          { label: 'search: warm vs cold', subject: 'search, cache warm', baseline: fullList.name },
        ],
        notes: [
          `each value is the p99 of ${warmRequests} sequential requests (warm) or of ${coldRequests} requests each made after the 2 s list cache expired`,
        ],
      };
    } finally {
      await server.stop();
    }
  } finally {
    await client.close();
    await sandbox.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}
