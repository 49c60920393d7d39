import { randomUUID } from 'node:crypto';
import postgres from 'postgres';

export interface CreateDatabaseOptions {
  /** clone this database (e.g. one already migrated) instead of the empty template1 */
  template?: string;
}

/**
 * Creates a new, uniquely named database on the server `url` points at and
 * returns its URL. For tests that need a database of their own (an empty event
 * log, a fresh migration). The throwaway cluster is deleted as a whole at the
 * end of the run, so these are not dropped one by one.
 */
export async function createDatabase(
  url: string,
  options: CreateDatabaseOptions = {},
): Promise<string> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Identifiers cannot be bind parameters: the name is ours, the template is quoted.
    const template = options.template
      ? ` TEMPLATE "${options.template.replaceAll('"', '""')}"`
      : '';
    await admin.unsafe(`CREATE DATABASE ${name}${template}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
