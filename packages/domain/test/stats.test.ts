import { describe, expect, it } from 'vitest';
import { canonicalAddress } from '../src/address.ts';
import type { BanObservedData } from '../src/events.ts';
import { InvalidQueryError } from '../src/invalid-query-error.ts';
import { createBanGuiProjections, createReadModels, statsRange } from '../src/read-models.ts';
import { banObserved, createLog } from './support/events.ts';
import { randomHistory, seededRandom } from './support/random-history.ts';

const events = randomHistory({ seed: 11, events: 5000, addresses: 150, jails: 6 });
const projections = createBanGuiProjections();
for (const e of events) for (const p of projections.all) p.apply(e);
const models = createReadModels(projections);

/** Brute force over the raw events: distinct ban keys in [from, to). */
function bruteForce(from: number, to: number, jails?: string[]) {
  const seen = new Set<string>();
  const perAddress = new Map<string, number>();
  const perJail = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'BanObserved') continue;
    const d = e.data as BanObservedData;
    const address = canonicalAddress(d.id);
    const key = JSON.stringify([d.jail, address, Math.floor(d.bannedAt / 1000)]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.bannedAt < from || d.bannedAt >= to || (jails && !jails.includes(d.jail))) continue;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    perJail.set(d.jail, (perJail.get(d.jail) ?? 0) + 1);
  }
  const order = ([a, x]: [string, number], [b, y]: [string, number]) => y - x || (a < b ? -1 : 1);
  return {
    topAddresses: [...perAddress]
      .sort(order)
      .slice(0, 10)
      .map(([address, bans]) => ({ address, bans })),
    topJails: [...perJail]
      .sort(order)
      .slice(0, 10)
      .map(([jail, bans]) => ({ jail, bans })),
  };
}

describe('stats', () => {
  const times = events
    .filter((e) => e.type === 'BanObserved')
    .map((e) => (e.data as BanObservedData).bannedAt);
  const min = Math.min(...times);
  const max = Math.max(...times);
  const rnd = seededRandom(5);

  for (let i = 0; i < 20; i++) {
    const a = min + Math.floor(rnd() * (max - min));
    const b = min + Math.floor(rnd() * (max - min));
    const from = Math.min(a, b);
    const to = Math.max(a, b) + 1;
    const jails = i % 3 === 0 ? ['jail-1', 'jail-4'] : undefined;
    it(`top addresses and jails match a brute force over the log (range ${i})`, () => {
      const stats = models.stats({ from, to, bucket: 'day', jails });
      const expected = bruteForce(from, to, jails);
      expect(stats.topAddresses.map(({ address, bans }) => ({ address, bans }))).toEqual(
        expected.topAddresses,
      );
      expect(stats.topJails).toEqual(expected.topJails);
    });
  }

  it('series totals agree with the top jails over whole days', () => {
    const from = Date.UTC(2025, 2, 31);
    const to = Date.UTC(2025, 3, 2);
    const stats = models.stats({ from, to, bucket: 'hour', top: 100 });
    const fromSeries = Object.fromEntries(
      stats.series.map((s) => [s.jail, s.points.reduce((n, p) => n + p.bans, 0)]),
    );
    for (const { jail, bans } of stats.topJails) expect(fromSeries[jail]).toBe(bans);
    expect(stats.topJails.length).toBeGreaterThan(0);
    expect(stats.series[0]?.points).toHaveLength(48);
  });

  it('shows an address by the ID it was first reported as', () => {
    const log = createLog();
    const p = createBanGuiProjections();
    for (const e of [
      banObserved('sshd', '2001:DB8::1', 1000),
      banObserved('sshd', '2001:db8::1', 5000),
    ]) {
      const r = log.record(e);
      for (const x of p.all) x.apply(r);
    }
    expect(createReadModels(p).stats({ from: 0, to: 10_000, bucket: 'hour' }).topAddresses).toEqual(
      [{ id: '2001:DB8::1', address: '2001:db8::1', bans: 2 }],
    );
  });

  it('refuses an empty or oversized range', () => {
    expect(() => models.stats({ from: 10, to: 10, bucket: 'hour' })).toThrow(InvalidQueryError);
    expect(() => models.stats({ from: 0, to: Date.UTC(2025, 0, 1), bucket: 'hour' })).toThrow(
      InvalidQueryError,
    );
  });

  it('offers 24h and 7d hourly, 30d daily, ending now', () => {
    const now = Date.UTC(2025, 3, 1, 10, 30);
    expect(statsRange('24h', now)).toEqual({ from: now - 86_400_000, to: now, bucket: 'hour' });
    expect(statsRange('7d', now)).toEqual({ from: now - 7 * 86_400_000, to: now, bucket: 'hour' });
    expect(statsRange('30d', now)).toEqual({ from: now - 30 * 86_400_000, to: now, bucket: 'day' });
  });
});
