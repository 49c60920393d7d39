import type { RecordedEvent } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { createBanGuiProjections } from '../src/read-models.ts';
import { randomHistory } from './support/random-history.ts';

const events = randomHistory({ seed: 7, events: 3000 });

function build(feed: (apply: (e: RecordedEvent) => void) => void) {
  const p = createBanGuiProjections();
  feed((e) => {
    for (const projection of p.all) projection.apply(e);
  });
  return p;
}

describe('idempotency', () => {
  const once = build((apply) => events.forEach(apply));

  it('the history holds repeated observations of one ban (the generator is not trivial)', () => {
    const keys = events
      .filter((e) => e.type === 'BanObserved')
      .map((e) =>
        JSON.stringify([
          (e.data as { jail: string }).jail,
          (e.data as { id: string }).id,
          (e.data as { bannedAt: number }).bannedAt,
        ]),
      );
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  for (const name of ['activeBans', 'buckets', 'history', 'dossier', 'audit'] as const) {
    it(`${name}: applying every event twice in a row changes nothing`, () => {
      const twice = build((apply) => {
        for (const e of events) {
          apply(e);
          apply(e);
        }
      });
      expect(twice[name].state()).toEqual(once[name].state());
    });

    it(`${name}: replaying the whole log a second time changes nothing`, () => {
      const replayed = build((apply) => {
        events.forEach(apply);
        events.forEach(apply);
      });
      expect(replayed[name].state()).toEqual(once[name].state());
    });

    it(`${name}: the same ban key under a new event id counts once`, () => {
      const firstBan = events.find((e) => e.type === 'BanObserved') as RecordedEvent;
      const last = Number(events.at(-1)?.position);
      const redelivered = { ...firstBan, id: 'other', position: String(last + 1) };
      const withCopy = build((apply) => {
        events.forEach(apply);
        apply(redelivered);
      });
      const expected = { ...(once[name].state() as object), checkpoint: String(last + 1) };
      expect(withCopy[name].state()).toEqual(expected);
    });
  }
});
