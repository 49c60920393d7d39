import { ADMIN_ACTION_TYPES, type AuditQuery, MAX_AUDIT_PAGE } from '@bangui/domain';
import * as v from 'valibot';
import { HttpError } from './http-error.ts';
import { cursorParam, limitParam, textParam } from './query-params.ts';
import { checkRange, timeParam } from './time-param.ts';
import { validate } from './validate.ts';

type ActionType = (typeof ADMIN_ACTION_TYPES)[number];
const TYPES: ReadonlySet<string> = new Set(ADMIN_ACTION_TYPES);

/** One type or a comma-separated list: `type=LoginFailed,LoginSucceeded`. */
const typeParam = v.pipe(
  v.string(),
  v.transform((s) => s.split(',').map((t) => t.trim())),
  v.check(
    (types) => types.every((t) => TYPES.has(t)),
    `type must be one or more (comma-separated) of ${ADMIN_ACTION_TYPES.join(', ')}`,
  ),
  v.transform((types) => types as ActionType[]),
);

const auditQuerySchema = v.strictObject(
  {
    actor: textParam('actor'),
    type: v.optional(typeParam),
    outcome: v.optional(
      v.picklist(
        ['succeeded', 'failed', 'refused'],
        'outcome must be succeeded, failed or refused',
      ),
    ),
    from: v.optional(timeParam('from')),
    to: v.optional(timeParam('to')),
    cursor: cursorParam,
    limit: limitParam(MAX_AUDIT_PAGE, 50),
  },
  'is not a query parameter of this route',
);

/** GET /api/audit's query string, validated. */
export function parseAuditQuery(raw: Record<string, string>): AuditQuery {
  const q = validate(auditQuerySchema, raw, 'query');
  const problem = checkRange(q);
  if (problem) throw new HttpError(400, 'invalid-request', `Invalid query: ${problem}.`);
  const query: AuditQuery = { limit: q.limit };
  if (q.actor !== undefined) query.actor = q.actor;
  if (q.type !== undefined) query.type = q.type;
  if (q.outcome !== undefined) query.outcome = q.outcome;
  if (q.from !== undefined) query.from = q.from;
  if (q.to !== undefined) query.to = q.to;
  if (q.cursor !== undefined) query.cursor = q.cursor;
  return query;
}
