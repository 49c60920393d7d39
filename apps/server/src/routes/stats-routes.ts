import type { Clock } from '@bangui/core';
import { isoOrNull, type ReadModels } from '@bangui/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { presentStats } from '../http/present.ts';
import { singleQuery } from '../http/single-query.ts';
import { parseStatsQuery } from '../http/stats-query.ts';

/** Mounted at /api/stats: bans per jail per UTC bucket, and the top addresses and jails. */
export function statsRoutes(readModels: ReadModels, clock: Clock): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    const query = parseStatsQuery(singleQuery(c), clock.now());
    return c.json({
      ...presentStats(readModels.stats(query)),
      from: isoOrNull(query.from),
      to: isoOrNull(query.to),
      bucket: query.bucket,
    });
  });
}
