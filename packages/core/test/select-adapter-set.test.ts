import { describe, expect, it, vi } from 'vitest';
import type { AdapterScope, AdapterSet } from '../src/adapter-set.ts';
import { selectAdapterSet, UnknownAdapterSetError } from '../src/select-adapter-set.ts';
import { WorkerRuleError } from '../src/worker-rule.ts';

/** Only name, scope and close matter to selectAdapterSet. */
function fakeSet(name: string, scope: AdapterScope): AdapterSet {
  return { name, scope, close: vi.fn(async () => {}) } as unknown as AdapterSet;
}

function candidates() {
  const memory = fakeSet('memory', 'process');
  const postgres = fakeSet('postgres', 'shared');
  return {
    memory: { info: { name: 'memory', scope: 'process' as const }, create: vi.fn(() => memory) },
    postgres: {
      info: { name: 'postgres', scope: 'shared' as const },
      create: vi.fn(async () => postgres),
    },
  };
}

describe('selectAdapterSet', () => {
  it('creates the chosen set (sync or async factory) and only that one', async () => {
    const c = candidates();
    const memory = await selectAdapterSet({ choice: 'memory', workers: 1, candidates: c });
    expect(memory.name).toBe('memory');
    const postgres = await selectAdapterSet({ choice: 'postgres', workers: 4, candidates: c });
    expect(postgres.name).toBe('postgres');
    expect(c.memory.create).toHaveBeenCalledTimes(1);
    expect(c.postgres.create).toHaveBeenCalledTimes(1);
  });

  it('refuses a process-scoped set with 2 workers before creating anything', async () => {
    const c = candidates();
    await expect(selectAdapterSet({ choice: 'memory', workers: 2, candidates: c })).rejects.toThrow(
      WorkerRuleError,
    );
    expect(c.memory.create).not.toHaveBeenCalled();
    expect(c.postgres.create).not.toHaveBeenCalled();
  });

  it('decides on info.scope, not the name', async () => {
    const create = vi.fn(() => fakeSet('postgres', 'process'));
    const candidatesByScope = {
      postgres: { info: { name: 'postgres', scope: 'process' as const }, create },
    };
    await expect(
      selectAdapterSet({ choice: 'postgres', workers: 3, candidates: candidatesByScope }),
    ).rejects.toThrow(WorkerRuleError);
    expect(create).not.toHaveBeenCalled();
  });

  it("names the app's own fixes instead of BanGUI's when given a hint", async () => {
    await expect(
      selectAdapterSet({
        choice: 'memory',
        workers: 2,
        candidates: candidates(),
        fixHint: 'set EXAMPLE_ADAPTER=postgres or EXAMPLE_WORKERS=1',
      }),
    ).rejects.toThrow(/scheduled jobs.*Fix: set EXAMPLE_ADAPTER=postgres or EXAMPLE_WORKERS=1$/s);
  });

  it('names the valid choices for an unknown one, creating nothing', async () => {
    const c = candidates();
    const attempt = selectAdapterSet({ choice: 'redis', workers: 1, candidates: c });
    await expect(attempt).rejects.toThrow(UnknownAdapterSetError);
    await expect(attempt).rejects.toThrow(
      "Unknown adapter set 'redis'; valid choices: memory, postgres.",
    );
    expect(c.memory.create).not.toHaveBeenCalled();
    expect(c.postgres.create).not.toHaveBeenCalled();
  });

  it('does not treat inherited object keys as candidates', async () => {
    await expect(
      selectAdapterSet({ choice: 'toString', workers: 1, candidates: candidates() }),
    ).rejects.toThrow(UnknownAdapterSetError);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects workers = %s', async (workers) => {
    const c = candidates();
    await expect(selectAdapterSet({ choice: 'postgres', workers, candidates: c })).rejects.toThrow(
      RangeError,
    );
    expect(c.postgres.create).not.toHaveBeenCalled();
  });

  it('closes and refuses a set whose created scope differs from its declared info', async () => {
    const liar = fakeSet('liar', 'process');
    const create = vi.fn(() => liar);
    await expect(
      selectAdapterSet({
        choice: 'liar',
        workers: 2,
        candidates: { liar: { info: { name: 'liar', scope: 'shared' as const }, create } },
      }),
    ).rejects.toThrow("declared scope 'shared' but created scope 'process'");
    expect(liar.close).toHaveBeenCalledTimes(1);
  });
});
