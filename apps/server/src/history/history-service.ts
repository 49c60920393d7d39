import type { EventStore } from '@bangui/core';
import {
  type BanGuiProjections,
  createBanGuiProjections,
  createProjectionRunner,
  createReadModels,
  type ReadModels,
} from '@bangui/domain';
import { createTokensProjection, type TokensProjection } from '../tokens/tokens-projection.ts';
import { createUsersProjection, type UsersProjection } from '../users/users-projection.ts';
import { createEventCounter } from './event-counter.ts';
import { type RebuildSummary, summarizeProjections } from './rebuild-summary.ts';

export interface HistoryService {
  readModels: ReadModels;
  projections: BanGuiProjections;
  /** the accounts read models (users, API tokens), fed by the same runner */
  accounts: { users: UsersProjection; tokens: TokensProjection };
  /** catch up from the log, then follow new events */
  start(): Promise<void>;
  stop(): void;
  /** read to the current head without following (the CLI) */
  catchUp(): Promise<void>;
  /** empty the read models and replay the whole log, in place */
  rebuild(): Promise<RebuildSummary>;
  /** counts and digests of the read models as they are */
  summary(): RebuildSummary;
  /** the position the read models have applied up to (null before any event): cheap, for the lag metric */
  checkpoint(): string | null;
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
  const accounts = { users: createUsersProjection(), tokens: createTokensProjection() };
  const runner = createProjectionRunner({
    store: options.eventStore,
    projections: [...projections.all, accounts.users, accounts.tokens, counter],
    onError: options.onError,
  });
  const summary = () => summarizeProjections(projections, counter.count(), runner.checkpoint());
  return {
    readModels: createReadModels(projections),
    projections,
    accounts,
    start: () => runner.start(),
    stop: () => runner.stop(),
    catchUp: () => runner.catchUp(),
    async rebuild() {
      await runner.rebuild();
      return summary();
    },
    summary,
    checkpoint: () => runner.checkpoint(),
    waitFor: (position) => runner.waitFor(position),
  };
}
