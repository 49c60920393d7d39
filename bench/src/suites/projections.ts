import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// Relative imports: bench does not list @bangui/domain or @bangui/core as dependencies.
import type { EventStore, RecordedEvent } from '../../../packages/core/src/index.ts';
import {
  type BanEndedData,
  type BanObservedData,
  createBanGuiProjections,
  createProjectionRunner,
  createReadModels,
  type Projection,
  statsRange,
} from '../../../packages/domain/src/index.ts';
import { type CaseResult, measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';

const DAY = 86_400_000;
const JAILS = 10;
const ADDRESSES = 100_000;
const END = Date.UTC(2025, 5, 1);
const START = END - 30 * DAY;

/**
 * `count` events over 30 days: bans (10 jails, 100k addresses, some much more
 * active than others) and, for almost every ban, its end 10 minutes to a day later.
 * Address strings come from a pool, as a log reader that interns would give them.
 */
export function generate(count: number): RecordedEvent[] {
  const rnd = seededRandom(2025);
  const jails = Array.from({ length: JAILS }, (_, i) => `jail-${i}`);
  const pool = Array.from(
    { length: ADDRESSES },
    (_, n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  );
  const events: RecordedEvent[] = [];
  const pendingEnds: { data: BanEndedData }[] = [];
  const push = (type: string, data: unknown, at: number) => {
    const position = String(events.length + 1);
    events.push({
      id: position,
      stream: 'ban',
      version: type === 'BanObserved' ? 1 : 2,
      position,
      type,
      data,
      metadata: {},
      recordedAt: at,
    });
  };
  const bans = Math.ceil(count / 2);
  for (let i = 0; events.length < count; i++) {
    const at = START + Math.floor((i / bans) * 30 * DAY);
    // Ends are released once their time has come, so the log interleaves like a live one.
    while (pendingEnds.length > 0 && (pendingEnds[0]?.data.endedAt ?? Infinity) <= at) {
      const end = pendingEnds.shift() as { data: BanEndedData };
      push('BanEnded', end.data, end.data.endedAt);
      if (events.length >= count) return events;
    }
    // Skewed: a quarter of the bans go to 1% of the addresses.
    const n = rnd() < 0.25 ? Math.floor(rnd() * 1000) : Math.floor(rnd() * ADDRESSES);
    const id = pool[n] as string;
    const jail = jails[Math.floor(rnd() * rnd() * JAILS)] as string;
    const bannedAt = Math.floor(at / 1000) * 1000;
    const bantimeSeconds = 600;
    const data: BanObservedData = {
      jail,
      id,
      bannedAt,
      bantimeSeconds,
      endsAt: bannedAt + bantimeSeconds * 1000,
      source: 'poll',
    };
    push('BanObserved', data, at);
    const endedAt = bannedAt + 600_000;
    pendingEnds.push({ data: { jail, id, bannedAt, endedAt, reason: 'expired', source: 'poll' } });
  }
  return events;
}

/** readAll over an array: the bench measures projections, not a store. */
function arrayStore(events: RecordedEvent[]): EventStore {
  return {
    append: () => Promise.reject(new Error('read-only')),
    readStream: async () => [],
    async readAll(options = {}) {
      const { after, limit } = options;
      const from = after == null ? 0 : Number(after); // positions are 1..n here
      return events.slice(from, from + (limit ?? events.length));
    },
    subscribe: () => () => {},
    headPosition: async () => events.at(-1)?.position ?? null,
  };
}

/**
 * A full GC, twice around a turn of the event loop: typed arrays' backing stores
 * are freed after the collection that finds them dead, so one gc() alone leaves
 * the array-buffer count anywhere between before and after.
 */
function collectGarbage(): () => Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return async () => {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Rebuild time of BanGUI's projections over a million events, the stats
 * queries the dashboard makes, and the heap the read models keep.
 */
export async function projectionsSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const gc = collectGarbage();
  const count = 1_000_000;
  const events = generate(count);
  const store = arrayStore(events);
  const runs = options.quick ? 1 : 3;
  const seconds = async (fn: () => Promise<unknown> | unknown) => {
    const start = performance.now();
    await fn();
    return (performance.now() - start) / 1000;
  };
  const cases: CaseResult[] = [];

  let sink = 0;
  cases.push(
    await measureCase({
      name: 'baseline: loop reading event fields',
      unit: 's',
      runs,
      warmup: 1,
      run: () =>
        seconds(() => {
          for (const e of events) {
            const d = e.data as { jail: string; id: string; bannedAt: number };
            sink += e.position.length + e.type.length + d.jail.length + d.id.length + d.bannedAt;
          }
        }),
    }),
  );

  const rebuildWith = (projections: Projection[]) =>
    seconds(() => createProjectionRunner({ store, projections }).rebuild());
  const single: [string, (p: ReturnType<typeof createBanGuiProjections>) => Projection][] = [
    ['active bans', (p) => p.activeBans],
    ['history buckets', (p) => p.buckets],
    ['ban history', (p) => p.history],
    ['dossier', (p) => p.dossier],
    ['audit log', (p) => p.audit],
  ];
  for (const [name, pick] of single) {
    cases.push(
      await measureCase({
        name: `rebuild: ${name} only`,
        unit: 's',
        runs,
        warmup: 0,
        run: () => rebuildWith([pick(createBanGuiProjections())]),
      }),
    );
  }

  await gc();
  const before = process.memoryUsage();
  const projections = createBanGuiProjections();
  cases.push(
    await measureCase({
      name: 'rebuild: all projections',
      unit: 's',
      runs,
      warmup: 0,
      run: () => rebuildWith(projections.all),
    }),
  );
  // CPU time (this thread and V8's helpers) moves less than wall time when
  // other work shares the machine: compare this one between runs on a busy host.
  const cpuSeconds = async (fn: () => Promise<unknown>) => {
    const start = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  cases.push(
    await measureCase({
      name: 'rebuild: all projections, CPU time',
      unit: 's',
      runs,
      warmup: 0,
      run: () =>
        cpuSeconds(() => createProjectionRunner({ store, projections: projections.all }).rebuild()),
    }),
  );
  await gc();
  const after = process.memoryUsage();
  // Typed arrays live outside the JS heap but in the same process (and container):
  // report both, and their sum, which is what the read models really cost.
  const heapMb = (after.heapUsed - before.heapUsed) / 2 ** 20;
  const buffersMb = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;
  for (const [name, mb] of [
    ['memory kept by all read models: JS heap', heapMb],
    ['memory kept by all read models: typed arrays (outside the heap)', buffersMb],
    ['memory kept by all read models: total', heapMb + buffersMb],
  ] as const) {
    cases.push({ name, unit: 'MB', runs: 1, min: mb, median: mb, max: mb, samples: [mb] });
  }

  const models = createReadModels(projections);
  const queries = options.quick ? 100 : 300;
  const rnd = seededRandom(9);
  for (const preset of ['24h', '7d', '30d'] as const) {
    cases.push(
      await measureCase({
        name: `stats ${preset}: p99 of ${queries} queries`,
        unit: 'ms/op',
        runs,
        warmup: 1,
        run: async () => {
          const samples: number[] = [];
          for (let i = 0; i < queries; i++) {
            const now = END - Math.floor(rnd() * (preset === '30d' ? DAY : 20 * DAY));
            const start = performance.now();
            sink += models.stats(statsRange(preset, now)).topAddresses.length;
            samples.push(performance.now() - start);
          }
          return percentile(samples, 99);
        },
      }),
    );
  }

  // What a stats query costs without read models: one pass over the raw events.
  cases.push(
    await measureCase({
      name: 'baseline: stats 30d by scanning the events',
      unit: 'ms/op',
      runs,
      warmup: 1,
      run: () => {
        const start = performance.now();
        const { from, to } = statsRange('30d', END);
        const perAddress = new Map<string, number>();
        for (const e of events) {
          if (e.type !== 'BanObserved') continue;
          const d = e.data as BanObservedData;
          if (d.bannedAt >= from && d.bannedAt < to)
            perAddress.set(d.id, (perAddress.get(d.id) ?? 0) + 1);
        }
        sink += perAddress.size;
        return Promise.resolve(performance.now() - start);
      },
    }),
  );

  cases.push(
    await measureCase({
      name: 'history: newest page of 100, one jail',
      unit: 'ms/op',
      runs,
      warmup: 1,
      run: async () => {
        const start = performance.now();
        for (let i = 0; i < 100; i++)
          sink += models.history({ jail: 'jail-9', limit: 100 }).items.length;
        return (performance.now() - start) / 100;
      },
    }),
  );
  cases.push(
    await measureCase({
      name: 'dossier with its recent history',
      unit: 'ms/op',
      runs,
      warmup: 1,
      run: async () => {
        const start = performance.now();
        for (let i = 0; i < 1000; i++)
          sink += models.dossier(`10.0.${(i >> 8) & 3}.${i & 255}`)?.timesBanned ?? 0;
        return (performance.now() - start) / 1000;
      },
    }),
  );

  const bans = projections.activeBans.query({ limit: 1 }).total;
  return {
    suite: 'projections',
    cases,
    comparisons: [
      {
        label: 'rebuild of all projections vs a bare loop over the events',
        subject: 'rebuild: all projections',
        baseline: 'baseline: loop reading event fields',
      },
      {
        label: 'stats 30d p99 vs scanning the events once',
        subject: `stats 30d: p99 of ${queries} queries`,
        baseline: 'baseline: stats 30d by scanning the events',
      },
      {
        label: 'stats 30d p99 vs 24h p99',
        subject: `stats 30d: p99 of ${queries} queries`,
        baseline: `stats 24h: p99 of ${queries} queries`,
      },
    ],
    notes: [
      `${count.toLocaleString('en')} events (${JAILS} jails, ${ADDRESSES.toLocaleString('en')} addresses, 30 days); ${bans} bans active at the end; sink ${sink > 0 ? 'used' : 'unused'}.`,
      'Targets: rebuild of all projections under 10 s (aim: 6 s) on 2 cores; read models well under 150 MB in total (the backend container has 512 MB).',
      'Memory is measured after a forced GC, minus the same before building (the events array itself is excluded); typed arrays are counted apart from the JS heap because heapUsed does not include them.',
      'Rebuild reads through the runner from an in-memory array (no store, no I/O).',
    ],
  };
}
