import { describe, expect, it } from 'vitest';
import { createBanGuiProjections } from '../src/read-models.ts';
import { randomHistory } from './support/random-history.ts';

const events = randomHistory({ seed: 11, events: 2000, addresses: 150 });
// The same bans at other positions: a key's first position in `events` is wrong for `other`.
const other = events.slice(700).map((e, i) => ({ ...e, position: String(i + 1) }));
const NAMES = ['activeBans', 'buckets', 'history', 'dossier'] as const;

function built(log: typeof events) {
  const p = createBanGuiProjections();
  for (const e of log) for (const projection of p.all) projection.apply(e);
  return p;
}

describe('projections sharing one ban ledger', () => {
  for (const name of NAMES) {
    it(`${name}: reset alone while the others go on, then replayed, all are as built at once`, () => {
      const half = events.length / 2;
      const p = built(events.slice(0, half));
      p[name].reset();
      for (const e of events.slice(half)) {
        for (const projection of p.all) if (projection !== p[name]) projection.apply(e);
      }
      for (const e of events) p[name].apply(e);
      const fresh = built(events);
      for (const n of NAMES) expect(p[n].state()).toEqual(fresh[n].state());
    });
  }

  it('all reset and fed another log (positions reused), they equal a fresh build of it', () => {
    const p = built(events);
    for (const projection of p.all) projection.reset();
    for (const e of other) for (const projection of p.all) projection.apply(e);
    const fresh = built(other);
    for (const name of NAMES) expect(p[name].state()).toEqual(fresh[name].state());
  });

  it('one projection built alone equals the same projection built in the group', () => {
    const group = built(events);
    const alone = createBanGuiProjections().dossier;
    for (const e of events) alone.apply(e);
    expect(alone.state()).toEqual(group.dossier.state());
  });
});
