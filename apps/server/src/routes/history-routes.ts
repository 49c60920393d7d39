import type { HistoryQuery, ReadModels } from '@bangui/domain';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { parseHistoryQuery } from '../http/history-query.ts';
import { presentHistoryEntry } from '../http/present.ts';
import { singleQuery } from '../http/single-query.ts';

/**
 * Mounted under /api. GET /history pages the ban history newest first;
 * GET /history.csv (or /history?format=csv) downloads it with the same filters.
 */
export function historyRoutes(readModels: ReadModels): Hono<AppEnv> {
  const page = (c: Context<AppEnv>, query: HistoryQuery) => {
    const { items, nextCursor } = readModels.history(query);
    return c.json({ items: items.map(presentHistoryEntry), nextCursor });
  };
  return new Hono<AppEnv>()
    .get('/history', (c) => {
      const { query, format } = parseHistoryQuery(singleQuery(c));
      return format === 'csv' ? csv(c, readModels, query) : page(c, query);
    })
    .get('/history.csv', (c) => csv(c, readModels, parseHistoryQuery(singleQuery(c)).query));
}

/** Lines are batched into chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Streams the export: the read model yields it page by page, and the body pulls
 * only as fast as the client reads, so a large history is never held whole.
 * `cursor` and `limit` do not apply to an export (it is always the whole match).
 */
function csv(c: Context<AppEnv>, readModels: ReadModels, query: HistoryQuery): Response {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  const lines = readModels.exportHistoryCsv(filters)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = '';
      while (chunk.length < CHUNK_CHARS) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return?.();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="bangui-history-${day}.csv"`,
    'Cache-Control': 'no-store',
  });
}
