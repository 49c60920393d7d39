import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMemoryEventStore } from '@bangui/adapters-memory';
import { startSandbox } from '@bangui/sandbox';
import { benchLogin, startBanGuiProcess } from '../bangui-process.ts';
import { measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';

const EVENTS = 1_000_000;
const BATCH = 1_000;
const DAY_MS = 86_400_000;
const JAILS = ['sshd', 'nginx-auth', 'web.login', 'postfix', 'dovecot', 'recidive'];

/** Resident set size of a process in MB, as the container's memory limit sees it. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  const kb = Number(line?.split(/\s+/)[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

/**
 * Fills a data dir's journal with a month of seeded ban history: bans from about
 * 100,000 addresses across six jails, most of them ended again.
 */
async function fillJournal(dataDir: string, events: number): Promise<void> {
  const store = createMemoryEventStore({ dataDir });
  const rnd = seededRandom(11);
  const start = Date.now() - 30 * DAY_MS;
  try {
    for (let batchStart = 0; batchStart < events; batchStart += BATCH) {
      const batch = [];
      for (let i = batchStart; i < batchStart + BATCH; i += 2) {
        const n = Math.floor(rnd() * 100_000);
        const jail = JAILS[n % JAILS.length] as string;
        const id = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const bannedAt = Math.floor((start + (i / events) * 30 * DAY_MS) / 1000) * 1000;
        batch.push({
          type: 'BanObserved',
          data: {
            jail,
            id,
            bannedAt,
            bantimeSeconds: 600,
            endsAt: bannedAt + 600_000,
            source: 'poll',
          },
        });
        batch.push({
          type: 'BanEnded',
          data: {
            jail,
            id,
            bannedAt,
            endedAt: bannedAt + 600_000,
            reason: 'expired',
            source: 'poll',
          },
        });
      }
      await store.append(`bench-${batchStart}`, batch, { expectedVersion: 'no-stream' });
    }
  } finally {
    await store.close();
  }
}

/**
 * BanGUI's resident memory with the in-memory adapter set: idle on an empty data
 * dir, and after starting on a journal of 1,000,000 events (replayed into the
 * read models before it listens). The backend container's limit is 512 MB.
 */
export async function memorySuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 2 : 3;
  const sandbox = await startSandbox({ action: 'noop' });
  const emptyDir = await mkdtemp(join(tmpdir(), 'bangui-bench-mem-empty-'));
  const fullDir = await mkdtemp(join(tmpdir(), 'bangui-bench-mem-full-'));
  try {
    await fillJournal(fullDir, EVENTS);
    const measure = (dataDir: string) => async () => {
      const server = await startBanGuiProcess({
        BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
        BANGUI_DATA_DIR: dataDir,
      });
      try {
        await benchLogin(server.url);
        // Let startup garbage settle and a poll run before reading.
        await sleep(3_000);
        const pid = server.child.pid;
        if (pid === undefined) throw new Error('no server pid');
        return rssMb(pid);
      } finally {
        await server.stop();
      }
    };
    const idle = await measureCase({
      name: 'RSS idle (empty data dir)',
      unit: 'MB',
      runs,
      warmup: 0,
      run: measure(emptyDir),
    });
    const full = await measureCase({
      name: `RSS after ${EVENTS.toLocaleString('en')} events`,
      unit: 'MB',
      runs,
      warmup: 0,
      run: measure(fullDir),
    });
    return {
      suite: 'Memory: server RSS with the in-memory adapter set',
      cases: [idle, full],
      comparisons: [{ label: '1M events vs idle', subject: full.name, baseline: idle.name }],
      notes: [
        `budget: the backend container's limit is 512 MB; after ${EVENTS.toLocaleString('en')} events this run used ${full.median.toFixed(0)} MB (${((full.median / 512) * 100).toFixed(0)}% of it)`,
        'the server runs TypeScript through tsx, whose loader adds to the idle figure',
      ],
    };
  } finally {
    await sandbox.destroy();
    await rm(emptyDir, { recursive: true, force: true });
    await rm(fullDir, { recursive: true, force: true });
  }
}
