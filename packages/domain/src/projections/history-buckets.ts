import type { RecordedEvent } from '@bangui/core';
import { ledgerForProjection } from '../ban-ledger-scope.ts';
import { asBanEnded, asBanObserved } from '../event-guards.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';
import { type BucketSize, bucketMs, bucketStart } from '../utc-time.ts';

export interface BucketPoint {
  /** bucket start, ms epoch UTC */
  t: number;
  bans: number;
  unbans: number;
}

export interface JailSeries {
  jail: string;
  points: BucketPoint[];
}

export interface SeriesQuery {
  from: number;
  to: number;
  bucket: BucketSize;
  jails?: readonly string[];
}

export interface HistoryBucketsProjection extends Projection {
  /** one point per bucket overlapping [from, to), zeros included, per jail */
  series(query: SeriesQuery): JailSeries[];
  jails(): string[];
  state(): unknown;
}

/** Bans counted at their time of ban, unbans at their end time. */
interface Counts {
  bans: number;
  unbans: number;
}

/**
 * Per jail, ban and unban counts per UTC hour and per UTC day, so a chart over
 * any range reads at most (range / bucket) entries per jail, whatever the size
 * of the log. Memory: ~100 bytes per non-empty (jail, hour); 10 jails busy every
 * hour for a year is ~90k entries, under 10 MB. The ban ledger (shared with the
 * other ban projections) makes a repeated BanObserved/BanEnded count once.
 */
export function createHistoryBucketsProjection(): HistoryBucketsProjection {
  const buckets: Record<BucketSize, Map<string, Map<number, Counts>>> = {
    hour: new Map(),
    day: new Map(),
  };
  const ledger = ledgerForProjection();

  function count(jail: string, t: number, field: keyof Counts): void {
    countIn('hour', jail, t, field);
    countIn('day', jail, t, field);
  }

  function countIn(size: BucketSize, jail: string, t: number, field: keyof Counts): void {
    let perJail = buckets[size].get(jail);
    if (!perJail) {
      perJail = new Map();
      buckets[size].set(jail, perJail);
    }
    const start = bucketStart(t, size);
    let counts = perJail.get(start);
    if (!counts) {
      counts = { bans: 0, unbans: 0 };
      perJail.set(start, counts);
    }
    counts[field]++;
  }

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const { jail, id, bannedAt } = observed;
      if (ledger.facts(event, 'observed', jail, id, bannedAt).first) count(jail, bannedAt, 'bans');
      return;
    }
    const end = asBanEnded(event);
    if (end && ledger.facts(event, 'ended', end.jail, end.id, end.bannedAt).first) {
      count(end.jail, end.endedAt, 'unbans');
    }
  }

  const gate = createCheckpointGate(handle);
  ledger.join(gate.checkpoint);

  return {
    name: 'history-buckets',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      buckets.hour.clear();
      buckets.day.clear();
      gate.reset();
      ledger.memberReset();
    },
    series({ from, to, bucket, jails }) {
      const step = bucketMs(bucket);
      const names = jails ?? [...buckets.hour.keys()].sort();
      const first = bucketStart(from, bucket);
      return names.map((jail) => {
        const perJail = buckets[bucket].get(jail);
        const points: BucketPoint[] = [];
        for (let t = first; t < to; t += step) {
          const c = perJail?.get(t);
          points.push({ t, bans: c?.bans ?? 0, unbans: c?.unbans ?? 0 });
        }
        return { jail, points };
      });
    },
    jails: () => [...buckets.hour.keys()].sort(),
    state: () => ({ checkpoint: gate.checkpoint(), hour: buckets.hour, day: buckets.day }),
  };
}
