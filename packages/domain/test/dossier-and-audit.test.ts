import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/events.ts';
import { createAuditLogProjection } from '../src/projections/audit-log.ts';
import { createDossierProjection } from '../src/projections/dossier.ts';
import { banEnded, banObserved, createLog, T0 } from './support/events.ts';

describe('dossier', () => {
  it('given bans in two jails, one ended, tells how often, where, when and where now', () => {
    const log = createLog(100);
    const p = createDossierProjection({ recentLimit: 2 });
    for (const e of [
      banObserved('sshd', '2001:DB8::7', T0),
      banObserved('nginx', '2001:db8::7', T0 + 5000),
      banObserved('sshd', '2001:db8::7', T0 + 9000),
      banEnded('sshd', '2001:db8::7', T0 + 9000, T0 + 10_000),
    ]) {
      p.apply(log.record(e));
    }
    expect(p.get('2001:db8:0:0::7')).toEqual({
      id: '2001:DB8::7',
      address: '2001:db8::7',
      timesBanned: 3,
      jails: [
        { jail: 'nginx', bans: 1 },
        { jail: 'sshd', bans: 2 },
      ],
      firstSeen: T0,
      lastSeen: T0 + 9000,
      currentlyBannedIn: [
        { jail: 'nginx', bannedAt: T0 + 5000, endsAt: T0 + 605_000, endsBeyondRange: false },
      ],
      recentPositions: ['103', '102'],
    });
    expect(p.get('10.0.0.1')).toBeNull();
  });

  it('a backfilled older ban does not show as current after a newer one ended', () => {
    const log = createLog();
    const p = createDossierProjection();
    for (const e of [
      banObserved('sshd', 'x', T0 + 9000),
      banEnded('sshd', 'x', T0 + 9000, T0 + 10_000),
      banObserved('sshd', 'x', T0, { source: 'backfill' }),
    ]) {
      p.apply(log.record(e));
    }
    expect(p.get('x')).toMatchObject({ timesBanned: 2, currentlyBannedIn: [], firstSeen: T0 });
  });
});

describe('audit log', () => {
  const action = (
    type: DomainEvent['type'],
    actor: string | null,
    outcome: 'succeeded' | 'failed',
    at: number,
  ) =>
    ({
      type,
      data: {
        actor,
        clientAddress: '192.0.2.1',
        outcome,
        at,
        username: actor ?? 'ghost',
        jail: 'sshd',
        ids: ['1.2.3.4'],
      },
    }) as DomainEvent;

  const log = createLog();
  const p = createAuditLogProjection();
  const events = [
    action('LoginFailed', null, 'failed', T0),
    action('LoginSucceeded', 'alice', 'succeeded', T0 + 1),
    action('BanRequested', 'alice', 'succeeded', T0 + 2),
    banObserved('sshd', '1.2.3.4', T0 + 2),
    action('UnbanRequested', 'bob', 'failed', T0 + 3),
    action('LoggedOut', 'alice', 'succeeded', T0 + 4),
  ];
  for (const e of events) p.apply(log.record(e));

  it('lists admin actions newest first, without ban observations', () => {
    expect(p.query({}).items.map((e) => e.type)).toEqual([
      'LoggedOut',
      'UnbanRequested',
      'BanRequested',
      'LoginSucceeded',
      'LoginFailed',
    ]);
    expect(p.query({}).items[2]).toEqual({
      position: '3',
      type: 'BanRequested',
      at: T0 + 2,
      actor: 'alice',
      clientAddress: '192.0.2.1',
      outcome: 'succeeded',
      reason: null,
      details: { username: 'alice', jail: 'sshd', ids: ['1.2.3.4'] },
    });
  });

  it('filters by actor, type, outcome and time range', () => {
    const types = (q: Parameters<typeof p.query>[0]) => p.query(q).items.map((e) => e.type);
    expect(types({ actor: 'alice' })).toEqual(['LoggedOut', 'BanRequested', 'LoginSucceeded']);
    expect(types({ type: ['LoginFailed', 'LoginSucceeded'] })).toEqual([
      'LoginSucceeded',
      'LoginFailed',
    ]);
    expect(types({ outcome: 'failed' })).toEqual(['UnbanRequested', 'LoginFailed']);
    expect(types({ from: T0 + 1, to: T0 + 3 })).toEqual(['BanRequested', 'LoginSucceeded']);
  });

  it('pages with a cursor', () => {
    const first = p.query({ limit: 2 });
    const second = p.query({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = p.query({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect([first, second, third].flatMap((x) => x.items.map((e) => e.at))).toEqual([
      T0 + 4,
      T0 + 3,
      T0 + 2,
      T0 + 1,
      T0,
    ]);
    expect(third.nextCursor).toBeNull();
  });
});
