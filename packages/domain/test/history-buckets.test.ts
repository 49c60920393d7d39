import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/events.ts';
import { createHistoryBucketsProjection } from '../src/projections/history-buckets.ts';
import { HOUR_MS } from '../src/utc-time.ts';
import { banEnded, banObserved, createLog } from './support/events.ts';

function given(...events: DomainEvent[]) {
  const log = createLog();
  const projection = createHistoryBucketsProjection();
  for (const e of events) projection.apply(log.record(e));
  return projection;
}

const MIDNIGHT = Date.UTC(2025, 5, 1);

describe('history buckets', () => {
  it('counts a ban in the UTC hour and day of its time of ban, edges included', () => {
    const p = given(
      banObserved('sshd', 'a', MIDNIGHT - 1), // last ms of May 31, 23:00 hour
      banObserved('sshd', 'b', MIDNIGHT), // first ms of June 1
      banObserved('sshd', 'c', MIDNIGHT + HOUR_MS - 1),
      banObserved('sshd', 'd', MIDNIGHT + HOUR_MS),
    );
    const hours = p.series({
      from: MIDNIGHT - HOUR_MS,
      to: MIDNIGHT + 2 * HOUR_MS,
      bucket: 'hour',
    });
    expect(hours).toEqual([
      {
        jail: 'sshd',
        points: [
          { t: MIDNIGHT - HOUR_MS, bans: 1, unbans: 0 },
          { t: MIDNIGHT, bans: 2, unbans: 0 },
          { t: MIDNIGHT + HOUR_MS, bans: 1, unbans: 0 },
        ],
      },
    ]);
    const days = p.series({ from: MIDNIGHT - 1, to: MIDNIGHT + 1, bucket: 'day' });
    expect(days[0]?.points).toEqual([
      { t: MIDNIGHT - 86_400_000, bans: 1, unbans: 0 },
      { t: MIDNIGHT, bans: 3, unbans: 0 },
    ]);
  });

  it('counts an unban at its end time, and a repeated observation once', () => {
    const p = given(
      banObserved('sshd', 'a', MIDNIGHT - 10),
      banObserved('sshd', 'a', MIDNIGHT - 10, { source: 'push' }),
      banEnded('sshd', 'a', MIDNIGHT - 10, MIDNIGHT + 5),
      banEnded('sshd', 'a', MIDNIGHT - 10, MIDNIGHT + 5),
    );
    expect(p.series({ from: MIDNIGHT - 1, to: MIDNIGHT + 1, bucket: 'day' })[0]?.points).toEqual([
      { t: MIDNIGHT - 86_400_000, bans: 1, unbans: 0 },
      { t: MIDNIGHT, bans: 0, unbans: 1 },
    ]);
  });

  it('gives zero points for empty buckets and for a requested jail it never saw', () => {
    const p = given(banObserved('sshd', 'a', MIDNIGHT));
    const series = p.series({
      from: MIDNIGHT,
      to: MIDNIGHT + 3 * HOUR_MS,
      bucket: 'hour',
      jails: ['nginx'],
    });
    expect(series).toEqual([
      {
        jail: 'nginx',
        points: [0, 1, 2].map((h) => ({ t: MIDNIGHT + h * HOUR_MS, bans: 0, unbans: 0 })),
      },
    ]);
  });

  it('buckets times before 1970 by floor, not truncation', () => {
    const p = given(banObserved('sshd', 'a', -1));
    expect(p.series({ from: -HOUR_MS, to: 0, bucket: 'hour' })[0]?.points).toEqual([
      { t: -HOUR_MS, bans: 1, unbans: 0 },
    ]);
  });
});
