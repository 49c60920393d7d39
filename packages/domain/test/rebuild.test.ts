import { describe, expect, it } from 'vitest';
import { createProjectionRunner } from '../src/projection-runner.ts';
import { createBanGuiProjections, createReadModels } from '../src/read-models.ts';
import { createArrayEventStore } from './support/array-event-store.ts';
import { randomHistory, seededRandom } from './support/random-history.ts';

const events = randomHistory({ seed: 42, events: 4000, addresses: 300 });
const range = { from: Date.UTC(2025, 2, 1), to: Date.UTC(2025, 4, 1), bucket: 'day' } as const;

function stateOf(p: ReturnType<typeof createBanGuiProjections>) {
  return Object.fromEntries(
    (['activeBans', 'buckets', 'history', 'dossier', 'audit'] as const).map((n) => [
      n,
      p[n].state(),
    ]),
  );
}

describe('projection runner', () => {
  it('given a log built live in random batches, a rebuild gives deep-equal read models', async () => {
    const rnd = seededRandom(3);
    const split = 1000;
    const fake = createArrayEventStore(events.slice(0, split));
    const projections = createBanGuiProjections();
    const runner = createProjectionRunner({
      store: fake.store,
      projections: projections.all,
      pageSize: 97,
    });
    await runner.start();
    expect(runner.checkpoint()).toBe(events[split - 1]?.position);
    for (let i = split; i < events.length; ) {
      const size = 1 + Math.floor(rnd() * 200);
      fake.push(events.slice(i, i + size));
      i += size;
    }
    const head = events.at(-1)?.position as string;
    await runner.waitFor(head);
    const incremental = structuredClone(stateOf(projections));
    const models = createReadModels(projections);
    const statsBefore = models.stats(range);

    await runner.rebuild();

    expect(runner.checkpoint()).toBe(head);
    expect(stateOf(projections)).toEqual(incremental);
    expect(models.stats(range)).toEqual(statsBefore);
    runner.stop();
    expect(fake.listenerCount()).toBe(0);
  });

  it('a rebuild replays from the start, and live events after it still arrive', async () => {
    const fake = createArrayEventStore(events.slice(0, 10));
    const projections = createBanGuiProjections();
    const runner = createProjectionRunner({ store: fake.store, projections: projections.all });
    await runner.start();
    await runner.rebuild();
    fake.push(events.slice(10, 20));
    await runner.waitFor(events[19]?.position as string);
    const fresh = createBanGuiProjections();
    for (const e of events.slice(0, 20)) for (const p of fresh.all) p.apply(e);
    expect(stateOf(projections)).toEqual(stateOf(fresh));
    runner.stop();
  });

  it('catches up from an existing checkpoint without re-reading earlier pages', async () => {
    const fake = createArrayEventStore(events.slice(0, 500));
    const projections = createBanGuiProjections();
    for (const e of events.slice(0, 400)) for (const p of projections.all) p.apply(e);
    const runner = createProjectionRunner({
      store: fake.store,
      projections: projections.all,
      pageSize: 50,
    });
    await runner.catchUp();
    // 100 events after the checkpoint in pages of 50: two full pages and an empty one.
    expect(fake.reads()).toBe(3);
    expect(runner.checkpoint()).toBe(events[499]?.position);
  });
});
