import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/events.ts';
import { createBanHistoryProjection, type HistoryQuery } from '../src/projections/ban-history.ts';
import { banEnded, banObserved, createLog, T0 } from './support/events.ts';
import { randomHistory } from './support/random-history.ts';

function given(...items: (DomainEvent | [DomainEvent, Record<string, unknown>])[]) {
  const log = createLog();
  const projection = createBanHistoryProjection();
  for (const item of items) {
    const [e, meta] = Array.isArray(item) ? item : [item, {}];
    projection.apply(log.record(e, meta));
  }
  return projection;
}

const request = (
  type: 'BanRequested' | 'UnbanRequested',
  ids: string[],
  at: number,
): DomainEvent => ({
  type,
  data: { actor: 'alice', clientAddress: '192.0.2.9', outcome: 'succeeded', at, jail: 'sshd', ids },
});

describe('ban history', () => {
  it('lists bans and unbans newest first by event time, even when backfilled late', () => {
    const p = given(
      banObserved('sshd', '10.0.0.1', T0 + 10_000),
      banObserved('sshd', '10.0.0.2', T0, { source: 'backfill' }),
      banEnded('sshd', '10.0.0.1', T0 + 10_000, T0 + 20_000),
    );
    expect(p.page({}).items.map((e) => [e.kind, e.id, e.at])).toEqual([
      ['unban', '10.0.0.1', T0 + 20_000],
      ['ban', '10.0.0.1', T0 + 10_000],
      ['ban', '10.0.0.2', T0],
    ]);
  });

  it('filters by jail, address in any notation, network, origin, kind and time range', () => {
    const p = given(
      banObserved('sshd', '2001:DB8::5', T0),
      banObserved('nginx', '203.0.113.9', T0 + 1, { source: 'push' }),
      banObserved('sshd', 'not-an-ip', T0 + 2),
      banEnded('sshd', '2001:DB8::5', T0, T0 + 3),
    );
    const ids = (q: HistoryQuery) => p.page(q).items.map((e) => `${e.kind}:${e.id}`);
    expect(ids({ jail: 'nginx' })).toEqual(['ban:203.0.113.9']);
    expect(ids({ address: '2001:db8:0::5' })).toEqual(['unban:2001:DB8::5', 'ban:2001:DB8::5']);
    expect(ids({ cidr: '2001:db8::/32' })).toEqual(['unban:2001:DB8::5', 'ban:2001:DB8::5']);
    expect(ids({ cidr: '203.0.113.0/24' })).toEqual(['ban:203.0.113.9']);
    expect(ids({ origin: 'push' })).toEqual(['ban:203.0.113.9']);
    expect(ids({ kind: 'ban', from: T0 + 1, to: T0 + 3 })).toEqual([
      'ban:not-an-ip',
      'ban:203.0.113.9',
    ]);
    expect(ids({ address: '10.9.9.9' })).toEqual([]);
    expect(() => p.page({ cidr: 'nope/8' })).toThrow(/not an IP network/);
  });

  it('pages with a cursor that stays stable while events arrive (late old ones still show up)', () => {
    const events = randomHistory({ seed: 1, events: 1500 });
    const p = createBanHistoryProjection();
    for (const e of events.slice(0, 1000)) p.apply(e);
    const firstPage = p.page({ limit: 37 });
    for (const e of events.slice(1000)) p.apply(e);
    const seen = firstPage.items.map((e) => e.position);
    let cursor = firstPage.nextCursor ?? undefined;
    while (cursor) {
      const page = p.page({ limit: 37, cursor });
      seen.push(...page.items.map((e) => e.position));
      cursor = page.nextCursor ?? undefined;
    }
    // Expected: the first page, then everything older than its last item in the full listing.
    const full = [...p.page({ limit: 1000 }).items];
    const more = p.page({ limit: 1000, cursor: p.page({ limit: 1000 }).nextCursor ?? undefined });
    full.push(...more.items);
    const last = firstPage.items.at(-1);
    const cut = full.findIndex((e) => e.position === last?.position);
    expect(cut).toBeGreaterThan(0);
    expect(seen).toEqual([
      ...firstPage.items.map((e) => e.position),
      ...full.slice(cut + 1).map((e) => e.position),
    ]);
    expect(full.length).toBeGreaterThan(1000);
    expect(() => p.page({ cursor: 'garbage' })).toThrow(/invalid cursor/);
  });

  it('attributes a ban to the admin whose request came before or after it', () => {
    const p = given(
      request('BanRequested', ['10.0.0.1'], T0),
      banObserved('sshd', '10.0.0.1', T0 + 1000, { source: 'push' }),
      banObserved('sshd', '10.0.0.2', T0 + 2000),
      request('BanRequested', ['10.0.0.2'], T0 + 2500),
      banEnded('sshd', '10.0.0.2', T0 + 2000, T0 + 3000, 'lifted-through-bangui'),
      request('UnbanRequested', ['10.0.0.2'], T0 + 3000),
      [banObserved('sshd', '10.0.0.3', T0 + 4000), { actor: 'bob' }],
      banObserved('sshd', '10.0.0.4', T0 + 500_000),
    );
    const byKey = Object.fromEntries(p.page({}).items.map((e) => [`${e.kind}:${e.id}`, e.actor]));
    expect(byKey).toEqual({
      'ban:10.0.0.1': 'alice',
      'ban:10.0.0.2': 'alice',
      'unban:10.0.0.2': 'alice',
      'ban:10.0.0.3': 'bob',
      'ban:10.0.0.4': null,
    });
    expect(p.page({ actor: 'bob' }).items.map((e) => e.id)).toEqual(['10.0.0.3']);
  });
});
