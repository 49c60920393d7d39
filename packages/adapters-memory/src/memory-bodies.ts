import type { EventBodies } from './event-bodies.ts';

/** Event bodies held as JSON text in process memory: the store without a data dir. */
export function createMemoryBodies(): EventBodies {
  const bodies: string[] = [];
  return {
    append(_stream, _firstVersion, _firstPosition, appended) {
      for (const body of appended) bodies.push(body);
      return null;
    },
    read(positions) {
      return Array.from(positions, (p) => bodies[p - 1] as string);
    },
    async drain() {},
    close() {},
  };
}
