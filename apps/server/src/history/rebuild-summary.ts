import type { BanGuiProjections } from '@bangui/domain';
import { stateDigest } from './state-digest.ts';

export interface ProjectionSummary {
  /** what `count` counts, e.g. 'rows' or 'addresses' */
  unit: string;
  count: number;
  /** SHA-256 of the projection's state (see stateDigest) */
  digest: string;
}

export interface RebuildSummary {
  /** events the projections were built from */
  events: number;
  /** position of the last event applied, null for an empty log */
  checkpoint: string | null;
  projections: Record<ProjectionName, ProjectionSummary>;
  /** SHA-256 over the projection digests: equal builds of one log give equal digests */
  digest: string;
}

const NAMES = ['activeBans', 'buckets', 'history', 'dossier', 'audit'] as const;
export type ProjectionName = (typeof NAMES)[number];

/**
 * The size of each projection, in the unit a person would check it by. The
 * states are typed `unknown` by the domain package (they exist for equality
 * checks), so the sizes are read defensively: a missing part counts as 0.
 */
const COUNTS: Record<ProjectionName, { unit: string; count(state: never): number }> = {
  activeBans: {
    unit: 'active bans',
    count: (s: { bans?: Map<string, Map<string, unknown>> }) => sumSizes(s.bans),
  },
  buckets: {
    unit: 'hourly buckets',
    count: (s: { hour?: Map<string, Map<number, unknown>> }) => sumSizes(s.hour),
  },
  history: { unit: 'rows', count: (s: { rows?: unknown[] }) => s.rows?.length ?? 0 },
  dossier: {
    unit: 'addresses',
    count: (s: { records?: Map<string, unknown> }) => s.records?.size ?? 0,
  },
  audit: { unit: 'entries', count: (s: { entries?: unknown[] }) => s.entries?.length ?? 0 },
};

function sumSizes(nested: Map<unknown, Map<unknown, unknown>> | undefined): number {
  let total = 0;
  for (const inner of nested?.values() ?? []) total += inner.size;
  return total;
}

export function summarizeProjections(
  projections: BanGuiProjections,
  events: number,
  checkpoint: string | null,
): RebuildSummary {
  const entries = NAMES.map((name) => {
    const state = projections[name].state();
    const { unit, count } = COUNTS[name];
    return [name, { unit, count: count(state as never), digest: stateDigest(state) }] as const;
  });
  const summaries = Object.fromEntries(entries) as Record<ProjectionName, ProjectionSummary>;
  return {
    events,
    checkpoint,
    projections: summaries,
    digest: stateDigest(entries.map(([name, s]) => [name, s.digest])),
  };
}
