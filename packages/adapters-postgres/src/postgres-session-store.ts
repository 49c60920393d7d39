import type { SessionRecord, SessionStore } from '@bangui/core';
import { asc, eq, sql } from 'drizzle-orm';
import type { PortDeps } from './database.ts';
import { withTranslatedErrors } from './errors.ts';
import { sessions } from './schema/sessions.ts';

type SessionRow = typeof sessions.$inferSelect;

const toRecord = (row: SessionRow): SessionRecord => ({
  id: row.id,
  secretHash: row.secretHash,
  userId: row.userId,
  createdAt: row.createdAt,
  lastSeenAt: row.lastSeenAt,
  expiresAt: row.expiresAt,
  // `data` is optional in the port: no key at all rather than `data: null`.
  ...(row.data === null ? {} : { data: row.data }),
});

/**
 * Sessions through drizzle prepared statements: `get` runs on every
 * authenticated request, and drizzle's unprepared builder costs an extra round
 * trip per query (design.md: 0.18x vs 0.41x prepared). Rows are fresh objects
 * on every read, so callers never share state with the store.
 */
export function createPostgresSessionStore({ db }: Pick<PortDeps, 'db'>): SessionStore {
  const insert = db
    .insert(sessions)
    .values({
      id: sql.placeholder('id'),
      secretHash: sql.placeholder('secretHash'),
      userId: sql.placeholder('userId'),
      createdAt: sql.placeholder('createdAt'),
      lastSeenAt: sql.placeholder('lastSeenAt'),
      expiresAt: sql.placeholder('expiresAt'),
      data: sql.placeholder('data'),
    })
    .prepare('sessions_create');
  const byId = db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('sessions_get');
  const touch = db
    .update(sessions)
    // set() takes SQL but not a bare placeholder (its types), so the placeholder is wrapped.
    .set({ lastSeenAt: sql`${sql.placeholder('lastSeenAt')}` })
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('sessions_touch');
  const deleteById = db
    .delete(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .returning({ id: sessions.id })
    .prepare('sessions_delete');
  const deleteByUser = db
    .delete(sessions)
    .where(eq(sessions.userId, sql.placeholder('userId')))
    .returning({ id: sessions.id })
    .prepare('sessions_delete_by_user');
  const listByUser = db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, sql.placeholder('userId')))
    .orderBy(asc(sessions.createdAt))
    .prepare('sessions_list_by_user');

  return withTranslatedErrors<SessionStore>({
    async create(record) {
      await insert.execute({ ...record, data: record.data ?? null });
    },
    async get(id) {
      const [row] = await byId.execute({ id });
      return row && toRecord(row);
    },
    async touch(id, lastSeenAt) {
      await touch.execute({ id, lastSeenAt });
    },
    async delete(id) {
      return (await deleteById.execute({ id })).length > 0;
    },
    async deleteByUser(userId) {
      return (await deleteByUser.execute({ userId })).length;
    },
    async listByUser(userId) {
      return (await listByUser.execute({ userId })).map(toRecord);
    },
  });
}
