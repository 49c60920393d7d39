import { type BucketSize, DAY_MS, type StatsQuery, statsRange } from '@bangui/domain';
import * as v from 'valibot';
import { HttpError } from './http-error.ts';
import { jailNameSchema } from './schemas.ts';
import { timeParam } from './time-param.ts';
import { validate } from './validate.ts';

const MAX_JAILS = 100;

const jailsParam = v.pipe(
  v.string(),
  v.transform((s) => s.split(',').map((j) => j.trim())),
  v.maxLength(MAX_JAILS, `jails lists at most ${MAX_JAILS} jails`),
  v.array(jailNameSchema),
);

const statsQuerySchema = v.strictObject(
  {
    range: v.optional(v.picklist(['24h', '7d', '30d'], 'range must be 24h, 7d or 30d')),
    from: v.optional(timeParam('from')),
    to: v.optional(timeParam('to')),
    bucket: v.optional(v.picklist(['hour', 'day'], 'bucket must be hour or day')),
    jails: v.optional(jailsParam),
    top: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,3}$/, 'top must be an integer from 1 to 100'),
        v.transform(Number),
        v.minValue(1, 'top must be an integer from 1 to 100'),
        v.maxValue(100, 'top must be an integer from 1 to 100'),
      ),
    ),
  },
  'is not a query parameter of this route',
);

const bad = (message: string): never => {
  throw new HttpError(400, 'invalid-request', `Invalid query: ${message}.`);
};

/**
 * GET /api/stats's query string: a preset `range` ending now, or an explicit
 * `from`/`to` (bucket defaults to hour up to 7 days, day beyond). Without
 * either, the last 24 hours. Empty and oversized ranges are refused by the read
 * model (InvalidQueryError, a 400 too).
 */
export function parseStatsQuery(raw: Record<string, string>, now: number): StatsQuery {
  const q = validate(statsQuerySchema, raw, 'query');
  const explicit = q.from !== undefined || q.to !== undefined;
  if (q.range !== undefined && explicit) bad('give either range or from/to, not both');
  if (q.range !== undefined && q.bucket !== undefined) bad('bucket goes with from/to, not range');
  let range: Pick<StatsQuery, 'from' | 'to' | 'bucket'>;
  if (explicit) {
    if (q.from === undefined) bad('to needs from');
    const from = q.from as number;
    const to = q.to ?? now;
    if (from >= to) bad('from must be earlier than to');
    const bucket: BucketSize = q.bucket ?? (to - from <= 7 * DAY_MS ? 'hour' : 'day');
    range = { from, to, bucket };
  } else {
    if (q.bucket !== undefined) bad('bucket goes with from/to');
    range = statsRange(q.range ?? '24h', now);
  }
  return {
    ...range,
    ...(q.jails !== undefined ? { jails: q.jails } : {}),
    ...(q.top !== undefined ? { top: q.top } : {}),
  };
}
