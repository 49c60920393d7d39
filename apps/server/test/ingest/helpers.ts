import type { EventStore, RecordedEvent } from '@bangui/core';
import { createActiveBansProjection } from '@bangui/domain';
import type { IngestLogger } from '../../src/ingest/ingest-logger.ts';
import { type ActiveBansView, activeBansViewFromProjection } from '../../src/ingest/known-bans.ts';

/** The active-bans projection rebuilt from the whole log on every call: always up to date. */
export function activeBansFromLog(store: EventStore): ActiveBansView {
  return {
    async list() {
      const projection = createActiveBansProjection();
      for (const event of await store.readAll()) projection.apply(event);
      return activeBansViewFromProjection(projection).list();
    },
  };
}

export function capturingLogger(): IngestLogger & {
  warnings: string[];
  infos: string[];
  errors: string[];
} {
  const warnings: string[] = [];
  const infos: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    infos,
    errors,
    info: (message) => infos.push(message),
    warn: (message) => warnings.push(message),
    error: (message) => errors.push(message),
  };
}

export async function banEvents(store: EventStore): Promise<RecordedEvent[]> {
  return (await store.readAll()).filter((e) => e.type === 'BanObserved' || e.type === 'BanEnded');
}
