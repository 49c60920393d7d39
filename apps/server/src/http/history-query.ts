import { type HistoryQuery, MAX_HISTORY_PAGE } from '@bangui/domain';
import * as v from 'valibot';
import { formatRange, parseIpOrCidr } from '../net/ip-range.ts';
import { HttpError } from './http-error.ts';
import { cursorParam, limitParam, textParam } from './query-params.ts';
import { jailNameSchema } from './schemas.ts';
import { checkRange, timeParam } from './time-param.ts';
import { validate } from './validate.ts';

const UNKNOWN = 'is not a query parameter of this route';

/** An IP address, or a network given as CIDR (host bits must be zero or are cleared). */
const addressParam = v.pipe(
  v.string(),
  v.maxLength(64, 'address is at most 64 characters'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const range = parseIpOrCidr(dataset.value);
    if (!range) {
      addIssue({
        message:
          'address must be an IP address (192.0.2.7, 2001:db8::7) or a CIDR network (192.0.2.0/24)',
      });
      return NEVER;
    }
    const single = range.prefix === (range.addr.kind() === 'ipv4' ? 32 : 128);
    return single && !dataset.value.includes('/')
      ? { address: range.addr.toString() }
      : { cidr: formatRange(range) };
  }),
);

const historyQuerySchema = v.strictObject(
  {
    jail: v.optional(jailNameSchema),
    address: v.optional(addressParam),
    from: v.optional(timeParam('from')),
    to: v.optional(timeParam('to')),
    origin: v.optional(
      v.picklist(['poll', 'backfill', 'push'], 'origin must be poll, backfill or push'),
    ),
    actor: textParam('actor'),
    kind: v.optional(v.picklist(['ban', 'unban'], 'kind must be ban or unban')),
    cursor: cursorParam,
    limit: limitParam(MAX_HISTORY_PAGE, 100),
    format: v.optional(v.picklist(['json', 'csv'], 'format must be json or csv')),
  },
  UNKNOWN,
);

export interface ParsedHistoryQuery {
  query: HistoryQuery;
  format: 'json' | 'csv';
}

/** GET /api/history's query string, validated; a bad one is a 400 naming each problem. */
export function parseHistoryQuery(raw: Record<string, string>): ParsedHistoryQuery {
  const q = validate(historyQuerySchema, raw, 'query');
  const problem = checkRange(q);
  if (problem) throw new HttpError(400, 'invalid-request', `Invalid query: ${problem}.`);
  const query: HistoryQuery = { limit: q.limit };
  if (q.jail !== undefined) query.jail = q.jail;
  if (q.address !== undefined) Object.assign(query, q.address);
  if (q.from !== undefined) query.from = q.from;
  if (q.to !== undefined) query.to = q.to;
  if (q.origin !== undefined) query.origin = q.origin;
  if (q.actor !== undefined) query.actor = q.actor;
  if (q.kind !== undefined) query.kind = q.kind;
  if (q.cursor !== undefined) query.cursor = q.cursor;
  return { query, format: q.format ?? 'json' };
}
