import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/events.ts';
import { createActiveBansProjection } from '../src/projections/active-bans.ts';
import { banEnded, banObserved, createLog, T0 } from './support/events.ts';

function given(...events: DomainEvent[]) {
  const log = createLog();
  const projection = createActiveBansProjection();
  for (const e of events) projection.apply(log.record(e));
  return { projection, log };
}

describe('active bans', () => {
  it('given a ban observed, lists it with its end and source', () => {
    const { projection } = given(banObserved('sshd', '203.0.113.7', T0, { source: 'backfill' }));
    expect(projection.query({})).toEqual({
      total: 1,
      items: [
        {
          jail: 'sshd',
          id: '203.0.113.7',
          bannedAt: T0,
          bantimeSeconds: 600,
          endsAt: T0 + 600_000,
          endsBeyondRange: false,
          source: 'backfill',
        },
      ],
    });
  });

  it('given a ban that ended, no longer lists it', () => {
    const { projection } = given(
      banObserved('sshd', '203.0.113.7', T0),
      banEnded('sshd', '203.0.113.7', T0, T0 + 600_000),
    );
    expect(projection.query({}).total).toBe(0);
  });

  it('when the end of an older ban arrives, the newer ban stays', () => {
    const { projection } = given(
      banObserved('sshd', '203.0.113.7', T0 + 5000),
      banEnded('sshd', '203.0.113.7', T0, T0 + 1000),
    );
    expect(projection.query({}).items.map((b) => b.bannedAt)).toEqual([T0 + 5000]);
  });

  it('when an ended ban is observed again, it does not come back', () => {
    const { projection } = given(
      banObserved('sshd', '203.0.113.7', T0),
      banEnded('sshd', '203.0.113.7', T0, T0 + 1000),
      banObserved('sshd', '203.0.113.7', T0, { source: 'push' }),
    );
    expect(projection.query({}).total).toBe(0);
  });

  it('compares IPv6 canonically but keeps the ID as reported', () => {
    const { projection } = given(
      banObserved('sshd', '2001:DB8:0:0::1', T0),
      banObserved('sshd', '2001:db8::1', T0 + 1000),
    );
    const page = projection.query({ q: '2001:0db8::0001' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.id).toBe('2001:db8::1');
    expect(projection.bannedIn('2001:db8:0::1').map((b) => b.jail)).toEqual(['sshd']);
  });

  it('keeps permanent and beyond-range ends as null with the flag', () => {
    const { projection } = given(
      banObserved('sshd', 'a', T0, { bantimeSeconds: -1, endsAt: null }),
      banObserved('sshd', 'b', T0, {
        bantimeSeconds: 2 ** 53,
        endsAt: null,
        endsBeyondRange: true,
      }),
    );
    const byId = Object.fromEntries(projection.query({}).items.map((b) => [b.id, b]));
    expect(byId.a).toMatchObject({ endsAt: null, endsBeyondRange: false });
    expect(byId.b).toMatchObject({ endsAt: null, endsBeyondRange: true });
  });

  it('filters by jail and substring, newest first, with offset and limit', () => {
    const { projection } = given(
      banObserved('sshd', '10.0.0.1', T0),
      banObserved('sshd', '10.0.0.2', T0 + 1000),
      banObserved('nginx', '10.0.0.3', T0 + 2000),
      banObserved('sshd', '192.0.2.1', T0 + 3000),
    );
    expect(projection.query({ jail: 'sshd', q: '10.0' }).items.map((b) => b.id)).toEqual([
      '10.0.0.2',
      '10.0.0.1',
    ]);
    const page = projection.query({ offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((b) => b.id)).toEqual(['10.0.0.3', '10.0.0.2']);
    expect(projection.query({ jail: 'nope' }).total).toBe(0);
  });

  it('applying every event twice changes nothing', () => {
    const events = [
      banObserved('sshd', '10.0.0.1', T0),
      banObserved('sshd', '10.0.0.2', T0),
      banEnded('sshd', '10.0.0.1', T0, T0 + 1),
    ];
    const once = given(...events).projection;
    const log = createLog();
    const twice = createActiveBansProjection();
    for (const e of events) {
      const r = log.record(e);
      twice.apply(r);
      twice.apply(r);
    }
    expect(twice.state()).toEqual(once.state());
    expect(twice.query({}).items.map((b) => b.id)).toEqual(['10.0.0.2']);
  });
});
