import type { RecordedEvent } from '@bangui/core';
import type { DomainEvent } from '../../src/events.ts';
import { createLog } from './events.ts';

/** mulberry32: the same seed gives the same history on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomHistoryOptions {
  seed: number;
  events: number;
  jails?: number;
  addresses?: number;
  start?: number;
  spanMs?: number;
}

/**
 * A messy but plausible log: bans and their ends, the same ban observed again by
 * another channel (a new event with the same key), IPv6 IDs in several notations,
 * non-IP IDs, backfilled old bans, permanent and beyond-range bans, and admin actions.
 */
export function randomHistory(options: RandomHistoryOptions): RecordedEvent[] {
  const rnd = seededRandom(options.seed);
  const jails = Array.from({ length: options.jails ?? 5 }, (_, i) => `jail-${i}`);
  const addressCount = options.addresses ?? 200;
  const start = options.start ?? Date.UTC(2025, 2, 30, 22, 0, 0);
  const span = options.spanMs ?? 3 * 86_400_000;
  const log = createLog();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const address = (n: number): string => {
    const kind = n % 10;
    if (kind === 0) return `user-${n}`;
    if (kind === 1) {
      const notations = [`2001:db8::${n.toString(16)}`, `2001:DB8:0:0::${n.toString(16)}`];
      return pick(notations);
    }
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const open: { jail: string; id: string; bannedAt: number }[] = [];
  const recorded: { jail: string; id: string; bannedAt: number; endsAt: number | null }[] = [];
  let clock = start;
  while (log.events.length < options.events) {
    clock += Math.floor(rnd() * (span / options.events) * 2);
    const r = rnd();
    let event: DomainEvent;
    if (r < 0.5 || open.length === 0) {
      const backfill = rnd() < 0.05;
      const bannedAt = Math.floor((backfill ? clock - rnd() * span : clock) / 1000) * 1000;
      const jail = pick(jails);
      const id = address(Math.floor(rnd() * addressCount));
      const shape = rnd();
      const endsAt = shape < 0.05 ? null : bannedAt + 600_000;
      event = {
        type: 'BanObserved',
        data: {
          jail,
          id,
          bannedAt,
          bantimeSeconds: shape < 0.03 ? -1 : 600,
          endsAt,
          endsBeyondRange: shape >= 0.03 && shape < 0.05,
          source: backfill ? 'backfill' : pick(['poll', 'push'] as const),
        },
      };
      open.push({ jail, id, bannedAt });
      recorded.push({ jail, id, bannedAt, endsAt });
    } else if (r < 0.8) {
      const i = Math.floor(rnd() * open.length);
      const ban = open.splice(i, 1)[0] as (typeof open)[number];
      event = {
        type: 'BanEnded',
        data: {
          ...ban,
          endedAt: clock,
          reason: pick(['expired', 'lifted-by-fail2ban', 'lifted-through-bangui'] as const),
          source: 'poll',
        },
      };
    } else if (r < 0.9 && recorded.length > 0) {
      // The same ban seen again by another channel: a new event, the same key.
      const again = pick(recorded);
      event = {
        type: 'BanObserved',
        data: {
          ...again,
          bantimeSeconds: 600,
          source: 'push',
        },
      };
    } else {
      const actor = pick(['alice', 'bob', null]);
      const at = clock;
      const base = {
        actor,
        clientAddress: '192.0.2.1',
        outcome: pick(['succeeded', 'failed', 'refused'] as const),
        at,
      };
      event = pick<DomainEvent>([
        { type: 'BanRequested', data: { ...base, jail: pick(jails), ids: [address(1)] } },
        { type: 'UnbanRequested', data: { ...base, jail: pick(jails), ids: [address(2)] } },
        { type: 'LoginFailed', data: { ...base, username: 'mallory' } },
        { type: 'LoginSucceeded', data: { ...base, username: 'alice' } },
        {
          type: 'JailSettingChanged',
          data: { ...base, jail: pick(jails), setting: 'bantime', to: 60 },
        },
      ]);
    }
    log.record(event);
  }
  return log.events;
}
