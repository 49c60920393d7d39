import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore, type MemoryEventStore } from '@bangui/adapters-memory';
import { measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';

type NewEvent = Parameters<MemoryEventStore['append']>[1][number];

/** Ban-like events from a fixed seed, so every run appends the same bytes. */
function banEvents(count: number, seed: number): NewEvent[] {
  const rnd = seededRandom(seed);
  const jails = ['sshd', 'nginx-http-auth', 'postfix', 'recidive'];
  return Array.from({ length: count }, (_, i) => {
    const n = Math.floor(rnd() * 0xffffff);
    return {
      type: 'BanObserved',
      data: {
        jail: jails[i % jails.length],
        ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        bannedAt: 1_767_225_600_000 + i * 1000,
        banTimeSeconds: 600,
        source: 'poll',
      },
      metadata: { ingest: 'bench' },
    };
  });
}

/** Runs `fn` against a fresh store (journal in a temp dir, or memory only) and removes it. */
async function withStore(
  journal: boolean,
  fn: (store: MemoryEventStore) => Promise<number>,
): Promise<number> {
  const dir = journal ? mkdtempSync(join(tmpdir(), 'bangui-bench-events-')) : undefined;
  const store = createMemoryEventStore({ dataDir: dir });
  try {
    return await fn(store);
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** events/s for appending `events` in calls of `batch`, `inFlight` calls at a time, one stream per caller. */
function appendRate(journal: boolean, events: NewEvent[], batch: number, inFlight: number) {
  return () =>
    withStore(journal, async (store) => {
      const calls = events.length / batch;
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async (_, w) => {
          let version = 0;
          for (let call = next++; call < calls; call = next++) {
            const slice = events.slice(call * batch, (call + 1) * batch);
            version = (await store.append(`w-${w}`, slice, { expectedVersion: version }))
              .nextVersion;
          }
        }),
      );
      return events.length / ((performance.now() - start) / 1000);
    });
}

/**
 * The memory event store with and without its fsync'd journal: one event per
 * append (one fsync each), batches of 100, and many concurrent single-event
 * appends (group commit shares one fsync), plus reading the whole log back.
 */
export async function eventStoreSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 3 : 7;
  const singles = banEvents(options.quick ? 300 : 1000, 1);
  const batched = banEvents(options.quick ? 20_000 : 100_000, 2);
  const concurrent = banEvents(options.quick ? 5_000 : 20_000, 3);
  const plan: [string, () => Promise<number>][] = [
    // Memory alone is fast enough to need the large set for a stable timing.
    ['append 1 event/call: memory', appendRate(false, batched, 1, 1)],
    ['append 1 event/call: journal', appendRate(true, singles, 1, 1)],
    ['append 1 event/call x64 concurrent: journal', appendRate(true, concurrent, 1, 64)],
    ['append 100 events/call: memory', appendRate(false, batched, 100, 1)],
    ['append 100 events/call: journal', appendRate(true, batched, 100, 1)],
    [
      'readAll in pages of 1000: journal-backed store',
      () =>
        withStore(true, async (store) => {
          for (let i = 0; i < batched.length; i += 1000) {
            await store.append('read', batched.slice(i, i + 1000), { expectedVersion: i });
          }
          let after: string | null = null;
          let read = 0;
          const start = performance.now();
          for (;;) {
            const page = await store.readAll({ after, limit: 1000 });
            const last = page.at(-1);
            if (!last) break;
            read += page.length;
            after = last.position;
          }
          return read / ((performance.now() - start) / 1000);
        }),
    ],
  ];
  const cases = [];
  for (const [name, run] of plan) {
    cases.push(await measureCase({ name, unit: 'ops/s', runs, warmup: 1, run }));
  }
  return {
    suite: 'event-store',
    cases,
    comparisons: [
      {
        label: 'fsync per append: journal vs memory (1 event/call)',
        subject: 'append 1 event/call: journal',
        baseline: 'append 1 event/call: memory',
      },
      {
        label: 'group commit: 64 concurrent callers vs one (journal)',
        subject: 'append 1 event/call x64 concurrent: journal',
        baseline: 'append 1 event/call: journal',
      },
      {
        label: 'batching: 100 events/call vs 1 (journal)',
        subject: 'append 100 events/call: journal',
        baseline: 'append 1 event/call: journal',
      },
      {
        label: 'journal cost at 100 events/call: journal vs memory',
        subject: 'append 100 events/call: journal',
        baseline: 'append 100 events/call: memory',
      },
      {
        label: 'reading vs writing in batches (journal-backed)',
        subject: 'readAll in pages of 1000: journal-backed store',
        baseline: 'append 100 events/call: journal',
      },
    ],
    notes: [
      'ops/s = events per second. Journal cases write to a fresh file in os.tmpdir() and fdatasync before each append resolves.',
      'Design target: >= 50,000 events/s with batches; PostgreSQL reference on this kind of machine: 1.3k/s single, 21k/s batches of 100.',
    ],
  };
}
