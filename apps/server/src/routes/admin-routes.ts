import { Hono } from 'hono';
import type { RebuildSummary } from '../history/rebuild-summary.ts';
import type { AppEnv } from '../http/app-env.ts';

/**
 * Mounted at /api/admin. POST /rebuild empties the read models and replays the
 * whole event log into them, in place, then answers with the summary (event
 * count, per-read-model counts and digests). Queries answered while it runs see
 * the models part-built; new events wait in the runner's queue and are applied
 * after it, so nothing is lost or applied twice.
 */
export function adminRoutes(rebuild: () => Promise<RebuildSummary>): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/rebuild', async (c) => c.json(await rebuild()));
}
