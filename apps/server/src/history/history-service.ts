import type { EventStore } from '@bangui/core';
import {
  type BanGuiProjections,
  createBanGuiProjections,
  createProjectionRunner,
  createReadModels,
  type ReadModels,
} from '@bangui/domain';
import { createEventCounter } from './event-counter.ts';
import { type RebuildSummary, summarizeProjections } from './rebuild-summary.ts';

export interface HistoryService {
  readModels: ReadModels;
  projections: BanGuiProjections;
  /** catch up from the log, then follow new events */
  start(): Promise<void>;
  stop(): void;
  /** read to the current head without following (the CLI) */
  catchUp(): Promise<void>;
  /** empty the read models and replay the whole log, in place */
  rebuild(): Promise<RebuildSummary>;
  /** counts and digests of the read models as they are */
  summary(): RebuildSummary;
  /** resolves once the read models include `position` */
  waitFor(position: string): Promise<void>;
}

/**
 * The read side of the event log: BanGUI's projections, the runner that keeps
 * them fed, and the read models the routes query. One per process; the
 * composition root starts it before listening and stops it on close.
 */
export function createHistoryService(options: {
  eventStore: EventStore;
  onError: (error: unknown) => void;
}): HistoryService {
  const projections = createBanGuiProjections();
  const counter = createEventCounter();
  const runner = createProjectionRunner({
    store: options.eventStore,
    projections: [...projections.all, counter],
    onError: options.onError,
  });
  const summary = () => summarizeProjections(projections, counter.count(), runner.checkpoint());
  return {
    readModels: createReadModels(projections),
    projections,
    start: () => runner.start(),
    stop: () => runner.stop(),
    catchUp: () => runner.catchUp(),
    async rebuild() {
      await runner.rebuild();
      return summary();
    },
    summary,
    waitFor: (position) => runner.waitFor(position),
  };
}
