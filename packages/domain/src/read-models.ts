import { withSharedBanLedger } from './ban-ledger-scope.ts';
import { csvLine } from './csv.ts';
import { InvalidQueryError } from './invalid-query-error.ts';
import type { Projection } from './projection.ts';
import {
  type ActiveBansPage,
  type ActiveBansProjection,
  type ActiveBansQuery,
  createActiveBansProjection,
} from './projections/active-bans.ts';
import { type AuditLogProjection, createAuditLogProjection } from './projections/audit-log.ts';
import {
  type BanHistoryProjection,
  createBanHistoryProjection,
  type HistoryEntry,
  type HistoryQuery,
} from './projections/ban-history.ts';
import {
  createDossierProjection,
  type Dossier,
  type DossierProjection,
} from './projections/dossier.ts';
import {
  createHistoryBucketsProjection,
  type HistoryBucketsProjection,
  type JailSeries,
} from './projections/history-buckets.ts';
import { type BucketSize, bucketMs, DAY_MS, isoOrNull } from './utc-time.ts';

export interface BanGuiProjections {
  activeBans: ActiveBansProjection;
  buckets: HistoryBucketsProjection;
  history: BanHistoryProjection;
  dossier: DossierProjection;
  audit: AuditLogProjection;
  /** all of them, for the runner */
  all: Projection[];
}

export function createBanGuiProjections(
  options: { dossierRecentLimit?: number } = {},
): BanGuiProjections {
  // One ban ledger for all of them: interned ids and seen ban keys are held once.
  const { activeBans, buckets, history, dossier } = withSharedBanLedger(() => ({
    activeBans: createActiveBansProjection(),
    buckets: createHistoryBucketsProjection(),
    history: createBanHistoryProjection(),
    dossier: createDossierProjection({ recentLimit: options.dossierRecentLimit ?? 20 }),
  }));
  const audit = createAuditLogProjection();
  return {
    activeBans,
    buckets,
    history,
    dossier,
    audit,
    all: [activeBans, buckets, history, dossier, audit],
  };
}

export interface StatsQuery {
  /** inclusive, ms epoch */
  from: number;
  /** exclusive, ms epoch */
  to: number;
  bucket: BucketSize;
  jails?: readonly string[];
  /** entries in each top list (default 10) */
  top?: number;
}

export interface Stats {
  /** per jail, one point per UTC bucket overlapping [from, to) */
  series: JailSeries[];
  /** bans with a time of ban in [from, to) */
  topAddresses: { id: string; address: string; bans: number }[];
  topJails: { jail: string; bans: number }[];
}

export type StatsPreset = '24h' | '7d' | '30d';

/** The ranges the dashboard offers, ending now; hourly up to 7 days, daily beyond. */
export function statsRange(
  preset: StatsPreset,
  now: number,
): Pick<StatsQuery, 'from' | 'to' | 'bucket'> {
  const span = preset === '24h' ? DAY_MS : preset === '7d' ? 7 * DAY_MS : 30 * DAY_MS;
  return { from: now - span, to: now, bucket: preset === '30d' ? 'day' : 'hour' };
}

/** A chart of more points than this is a mistake (an hourly chart over years). */
export const MAX_SERIES_POINTS = 5000;

export interface DossierWithHistory extends Dossier {
  recent: HistoryEntry[];
}

export interface ReadModels {
  activeBans(query: ActiveBansQuery): ActiveBansPage;
  stats(query: StatsQuery): Stats;
  /** null for an address never banned */
  dossier(address: string): DossierWithHistory | null;
  history: BanHistoryProjection['page'];
  audit: AuditLogProjection['query'];
  /** header line then one line per history entry, newest first */
  exportHistoryCsv(filters: Omit<HistoryQuery, 'cursor' | 'limit'>): AsyncIterable<string>;
}

export const HISTORY_CSV_HEADER = [
  'time',
  'event',
  'jail',
  'id',
  'banned_at',
  'bantime_seconds',
  'ends_at',
  'source',
  'reason',
  'actor',
  'position',
] as const;

/** The query functions the API calls, over one set of projections. */
export function createReadModels(p: BanGuiProjections): ReadModels {
  return {
    activeBans: (query) => p.activeBans.query(query),
    stats(query) {
      const { from, to, bucket } = query;
      if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
        throw new InvalidQueryError('stats needs a finite range with from < to');
      }
      if ((to - from) / bucketMs(bucket) > MAX_SERIES_POINTS) {
        throw new InvalidQueryError(
          `more than ${MAX_SERIES_POINTS} ${bucket} buckets; use a wider bucket`,
        );
      }
      const series = p.buckets.series({ from, to, bucket, jails: query.jails });
      const top = p.history.top({ from, to, jails: query.jails, limit: query.top ?? 10 });
      return { series, ...top };
    },
    dossier(address) {
      const d = p.dossier.get(address);
      if (!d) return null;
      return { ...d, recent: p.history.page({ address, limit: d.recentPositions.length }).items };
    },
    history: (query) => p.history.page(query),
    audit: (query) => p.audit.query(query),
    async *exportHistoryCsv(filters) {
      yield csvLine(HISTORY_CSV_HEADER);
      let cursor: string | undefined;
      do {
        // Page by page so a large export never holds the whole history as objects.
        const page = p.history.page({ ...filters, cursor, limit: 1000 });
        for (const e of page.items) {
          yield csvLine([
            isoOrNull(e.at),
            e.kind,
            e.jail,
            e.id,
            isoOrNull(e.bannedAt),
            e.bantimeSeconds,
            e.endsBeyondRange ? 'beyond-range' : isoOrNull(e.endsAt),
            e.source,
            e.reason,
            e.actor,
            e.position,
          ]);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}
