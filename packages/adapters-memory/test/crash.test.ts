import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryEventStore } from '../src/memory-event-store.ts';
import { type Child, spawnFixture } from './helpers/child-process.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();
let child: Child | undefined;
afterEach(async () => {
  if (child && child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
});

describe('crash safety', () => {
  it('every append acknowledged before SIGKILL is present exactly once after reopening', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    for (let round = 0; round < 3; round++) {
      child = spawnFixture('append-loop', [dir]);
      const running = child;
      await vi.waitFor(() => expect(running.lines.length).toBeGreaterThan(200), {
        timeout: 15_000,
      });
      // Kill at an arbitrary moment in the middle of the write / fsync cycle.
      await sleep(round * 7);
      running.process.kill('SIGKILL');
      expect(await running.exited).toBe('SIGKILL');
      const acked = running.lines
        .filter((l) => l.startsWith('writer-'))
        .map((l) => {
          const [stream, n, position] = l.split(' ');
          return { stream, n: Number(n), position };
        });

      const store = createMemoryEventStore({ dataDir: dir, onWarning: (m) => warnings.push(m) });
      const all = await store.readAll();
      await store.close();
      const ids = all.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const byPosition = new Map(all.map((e) => [e.position, e]));
      for (const ack of acked) {
        const event = byPosition.get(ack.position as string);
        expect(event?.stream).toBe(ack.stream);
        expect((event?.data as { n: number } | undefined)?.n).toBe(ack.n);
      }
      // Each append's events are all there or all gone, never duplicated.
      const keys = all.map((e) => JSON.stringify([e.stream, e.data]));
      expect(new Set(keys).size).toBe(keys.length);
      for (const stream of new Set(all.map((e) => e.stream))) {
        const versions = all.filter((e) => e.stream === stream).map((e) => e.version);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
    }
  }, 60_000);
});
