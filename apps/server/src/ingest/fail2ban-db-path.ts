import type { PyInput, PyValue } from '@bangui/fail2ban';
import { Fail2banDbError } from './fail2ban-db.ts';

/**
 * Where fail2ban's database is: the configured path, else asked from fail2ban
 * (`get dbfile`) on every call, so a changed setting is followed.
 */
export async function resolveFail2banDbPath(
  configured: string | undefined,
  fail2ban: { request(args: PyInput[]): Promise<PyValue> },
): Promise<string> {
  if (configured) return configured;
  let reply: PyValue;
  try {
    reply = await fail2ban.request(['get', 'dbfile']);
  } catch (error) {
    throw new Fail2banDbError('missing', `cannot ask fail2ban for its database: ${String(error)}`);
  }
  if (typeof reply !== 'string' || reply === '' || reply === ':memory:') {
    throw new Fail2banDbError('missing', 'fail2ban keeps no database file (dbfile is not set)');
  }
  return reply;
}
