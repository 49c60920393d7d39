import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventStore } from '@bangui/adapters-memory';
import { createPostgresAdapterSet, migrate } from '@bangui/adapters-postgres';
import { startThrowawayPostgres } from '@bangui/adapters-postgres/testing';
import type { EventStore, NewEvent } from '@bangui/core';
import { type CaseResult, measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';

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

/** A store for one measured run: streams under `prefix` are empty when it starts. */
interface Target {
  store: EventStore;
  prefix: string;
  done(): Promise<void>;
}
type OpenTarget = () => Promise<Target>;

/** A fresh memory store per run (journal in a temp dir, or memory only), removed afterwards. */
function memoryTarget(journal: boolean): OpenTarget {
  return async () => {
    const dir = journal ? mkdtempSync(join(tmpdir(), 'bangui-bench-events-')) : undefined;
    const store = createMemoryEventStore({ dataDir: dir });
    return {
      store,
      prefix: '',
      done: async () => {
        await store.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/**
 * One PostgreSQL store shared by every run: a new database per run would cost
 * more than the run itself, so each run writes streams of its own instead.
 */
function postgresTarget(store: EventStore): OpenTarget {
  let run = 0;
  return async () => ({ store, prefix: `run-${++run}-`, done: async () => {} });
}

async function withTarget(open: OpenTarget, fn: (t: Target) => Promise<number>): Promise<number> {
  const target = await open();
  try {
    return await fn(target);
  } finally {
    await target.done();
  }
}

/** events/s for appending `events` in calls of `batch`, `inFlight` calls at a time, one stream per caller. */
function appendRate(open: OpenTarget, events: NewEvent[], batch: number, inFlight: number) {
  return () =>
    withTarget(open, async ({ store, prefix }) => {
      const calls = events.length / batch;
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async (_, w) => {
          let version = 0;
          for (let call = next++; call < calls; call = next++) {
            const slice = events.slice(call * batch, (call + 1) * batch);
            version = (await store.append(`${prefix}w-${w}`, slice, { expectedVersion: version }))
              .nextVersion;
          }
        }),
      );
      return events.length / ((performance.now() - start) / 1000);
    });
}

/** events/s reading back `events` (appended first, untimed) through readAll in pages of 1000. */
function readAllRate(open: OpenTarget, events: NewEvent[]) {
  return () =>
    withTarget(open, async ({ store, prefix }) => {
      // Start after the current head: a shared store already holds other runs' events.
      let after = await store.headPosition();
      for (let i = 0; i < events.length; i += 1000) {
        await store.append(`${prefix}read`, events.slice(i, i + 1000), { expectedVersion: i });
      }
      let read = 0;
      const start = performance.now();
      for (;;) {
        const page = await store.readAll({ after, limit: 1000 });
        const last = page.at(-1);
        if (!last) break;
        read += page.length;
        after = last.position;
      }
      if (read !== events.length) throw new Error(`readAll returned ${read} of ${events.length}`);
      return read / ((performance.now() - start) / 1000);
    });
}

const PG_BATCH_TARGET = 20_000;

/**
 * The memory event store with and without its fsync'd journal, and the
 * PostgreSQL event store on a throwaway server: one event per append, batches
 * of 100, many concurrent single-event appends, and reading the log back.
 */
export async function eventStoreSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const runs = options.quick ? 3 : 7;
  const singles = banEvents(options.quick ? 300 : 1000, 1);
  const batched = banEvents(options.quick ? 20_000 : 100_000, 2);
  const concurrent = banEvents(options.quick ? 5_000 : 20_000, 3);
  const pg = await startThrowawayPostgres({ database: 'bench_events' });
  const cases: CaseResult[] = [];
  try {
    // No local tier: the event store does not use it, and the tier's bus reads a
    // table at construction, before `migrate` below could have created it.
    const set = await createPostgresAdapterSet({ url: pg.url, localTier: false });
    try {
      await migrate(set.sql);
      const memory = memoryTarget(false);
      const journal = memoryTarget(true);
      const postgres = postgresTarget(set.eventStore);
      const plan: [string, () => Promise<number>][] = [
        // Memory alone is fast enough to need the large set for a stable timing.
        ['append 1 event/call: memory', appendRate(memory, batched, 1, 1)],
        ['append 1 event/call: journal', appendRate(journal, singles, 1, 1)],
        ['append 1 event/call: PostgreSQL', appendRate(postgres, singles, 1, 1)],
        ['append 1 event/call x64 concurrent: journal', appendRate(journal, concurrent, 1, 64)],
        ['append 1 event/call x64 concurrent: PostgreSQL', appendRate(postgres, concurrent, 1, 64)],
        ['append 100 events/call: memory', appendRate(memory, batched, 100, 1)],
        ['append 100 events/call: journal', appendRate(journal, batched, 100, 1)],
        ['append 100 events/call: PostgreSQL', appendRate(postgres, batched, 100, 1)],
        ['readAll in pages of 1000: journal-backed store', readAllRate(journal, batched)],
        ['readAll in pages of 1000: PostgreSQL', readAllRate(postgres, batched)],
      ];
      for (const [name, run] of plan) {
        cases.push(await measureCase({ name, unit: 'ops/s', runs, warmup: 1, run }));
      }
    } finally {
      await set.close();
    }
  } finally {
    await pg.stop();
  }
  const pgBatch = cases.find((c) => c.name === 'append 100 events/call: PostgreSQL')?.median ?? 0;
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
      {
        label: 'PostgreSQL vs journal: 1 event/call',
        subject: 'append 1 event/call: PostgreSQL',
        baseline: 'append 1 event/call: journal',
      },
      {
        label: 'PostgreSQL vs journal: 1 event/call x64 concurrent',
        subject: 'append 1 event/call x64 concurrent: PostgreSQL',
        baseline: 'append 1 event/call x64 concurrent: journal',
      },
      {
        label: 'PostgreSQL vs journal: 100 events/call',
        subject: 'append 100 events/call: PostgreSQL',
        baseline: 'append 100 events/call: journal',
      },
      {
        label: 'PostgreSQL vs journal: readAll in pages of 1000',
        subject: 'readAll in pages of 1000: PostgreSQL',
        baseline: 'readAll in pages of 1000: journal-backed store',
      },
      {
        label: 'batching: 100 events/call vs 1 (PostgreSQL)',
        subject: 'append 100 events/call: PostgreSQL',
        baseline: 'append 1 event/call: PostgreSQL',
      },
    ],
    notes: [
      'ops/s = events per second. Journal cases write to a fresh file in os.tmpdir() and fdatasync before each append resolves.',
      "PostgreSQL: one throwaway server for the suite (startThrowawayPostgres: fsync=off, synchronous_commit=off, so NOT durable; an upper bound, unlike the fdatasync-ed journal), one adapter set (pool of 10), each run on streams of its own; readAll reads only the run's events (after the head it found).",
      `Design targets: journal >= 50,000 events/s with batches; PostgreSQL >= ${PG_BATCH_TARGET.toLocaleString('en')} events/s with batches of 100: measured median ${Math.round(pgBatch).toLocaleString('en')} events/s, ${pgBatch >= PG_BATCH_TARGET ? 'met' : 'MISSED'}.`,
    ],
  };
}
