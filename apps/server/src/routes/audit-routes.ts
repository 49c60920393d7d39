import type { ReadModels } from '@bangui/domain';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { parseAuditQuery } from '../http/audit-query.ts';
import { presentAuditEntry } from '../http/present.ts';
import { singleQuery } from '../http/single-query.ts';

/** Mounted at /api/audit: every action taken through BanGUI, newest first. */
export function auditRoutes(readModels: ReadModels): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    const { items, nextCursor } = readModels.audit(parseAuditQuery(singleQuery(c)));
    return c.json({ items: items.map(presentAuditEntry), nextCursor });
  });
}
