import type { EventStore, RecordedEvent } from '@bangui/core';
import { comparePositions } from './position.ts';
import type { Projection } from './projection.ts';

export interface ProjectionRunnerOptions {
  store: EventStore;
  projections: readonly Projection[];
  /** events per readAll page while catching up */
  pageSize?: number;
  /** a projection threw while following live events; default: console.error */
  onError?: (error: unknown) => void;
}

export interface ProjectionRunner {
  /** catch up from the checkpoints, then follow new events */
  start(): Promise<void>;
  stop(): void;
  /** read up to the current head (without following) */
  catchUp(): Promise<void>;
  /** empty every projection and replay the whole log (keeps following if started) */
  rebuild(): Promise<void>;
  /** resolves once every projection has applied `position` (read-your-writes after an append) */
  waitFor(position: string): Promise<void>;
  /** the lowest checkpoint of the projections */
  checkpoint(): string | null;
}

/**
 * Feeds the log to projections. Catch-up pages through readAll (bounded memory
 * for any log size) and then subscribes after the reached position. All work
 * runs through one queue, so a live batch never interleaves with a rebuild, and
 * projections skip what they have already applied, so an overlap is harmless.
 */
export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { store, projections } = options;
  const pageSize = options.pageSize ?? 1000;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  let following = false;
  const waiters: { position: string; resolve: () => void }[] = [];

  function enqueue(task: () => Promise<void> | void): Promise<void> {
    const next = queue.then(task);
    // The queue survives a failed task; the caller still sees the failure.
    queue = next.catch(() => {});
    return next;
  }

  function checkpoint(): string | null {
    let lowest: string | null | undefined;
    for (const p of projections) {
      const c = p.checkpoint();
      if (c === null) return null;
      if (lowest === undefined || comparePositions(c, lowest as string) < 0) lowest = c;
    }
    return lowest ?? null;
  }

  function applyAll(events: readonly RecordedEvent[]): void {
    for (const event of events) for (const p of projections) p.apply(event);
    const reached = checkpoint();
    if (reached === null) return;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i] as (typeof waiters)[number];
      if (comparePositions(w.position, reached) <= 0) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  async function readToHead(): Promise<void> {
    let after = checkpoint();
    for (;;) {
      const page = await store.readAll({ after, limit: pageSize });
      applyAll(page);
      if (page.length < pageSize) return;
      after = (page[page.length - 1] as RecordedEvent).position;
    }
  }

  function follow(): void {
    unsubscribe = store.subscribe(
      (events) =>
        enqueue(() => applyAll(events)).catch((error: unknown) => {
          onError(error);
        }),
      { after: checkpoint() },
    );
  }

  function unfollow(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  return {
    start: () =>
      enqueue(async () => {
        if (following) return;
        await readToHead();
        following = true;
        follow();
      }),
    stop() {
      following = false;
      unfollow();
    },
    catchUp: () => enqueue(readToHead),
    rebuild: () =>
      enqueue(async () => {
        unfollow();
        for (const p of projections) p.reset();
        await readToHead();
        if (following) follow();
      }),
    waitFor(position) {
      const reached = checkpoint();
      if (reached !== null && comparePositions(position, reached) <= 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ position, resolve }));
    },
    checkpoint,
  };
}
