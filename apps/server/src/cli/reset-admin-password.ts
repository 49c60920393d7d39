import { auditStream, type UserChangeRequestedData } from '@bangui/domain';
import * as v from 'valibot';
import { ADMIN_USERNAME, loadAdminAccount } from '../auth/admin-account.ts';
import { argon2Hasher, type PasswordHasher } from '../auth/password-hasher.ts';
import type { ServerConfig } from '../config.ts';
import { HttpError } from '../http/http-error.ts';
import { selectAdapters } from '../select-adapters.ts';
import { newPasswordSchema } from '../users/password-policy.ts';
import { createUserDirectory } from '../users/user-directory.ts';
import type { UserEvent } from '../users/user-events.ts';
import { CliError } from './rebuild-command.ts';

/** Who the users model and the audit log name as the author of a change made here. */
export const CLI_ACTOR = 'cli';

export interface ResetAdminResult {
  username: string;
  created: boolean;
  revokedSessions: number;
}

/**
 * Sets the `admin` account's password (creating the account when missing) and
 * makes it an enabled admin again, through the users model's own writer
 * (read, decide, append at the version read), so a server started afterwards
 * (or, with postgres, one running now) sees it like any change made through
 * the API. Every session of the account is ended and the change is recorded in
 * the audit log (actor `cli`).
 *
 * memory: the data dir is opened like the server opens it, taking its lock
 * (DataDirLockedError while BanGUI runs on it), and admin.json gets the new
 * hash too, so the next start prints no stale generated password.
 */
export async function resetAdminPassword(
  config: Pick<ServerConfig, 'adapter' | 'workers' | 'dataDir' | 'databaseUrl'>,
  password: string,
  deps: { hasher?: PasswordHasher; now?: () => number } = {},
): Promise<ResetAdminResult> {
  const checked = v.safeParse(newPasswordSchema, password);
  if (!checked.success) {
    throw new CliError(`refused: ${checked.issues[0].message}`);
  }
  const hasher = deps.hasher ?? argon2Hasher;
  const now = deps.now ?? Date.now;
  const adapters = await selectAdapters(config);
  try {
    const passwordHash =
      config.adapter === 'memory'
        ? (await loadAdminAccount({ dataDir: config.dataDir, password, print: () => {} }))
            .passwordHash
        : await hasher.hash(password);
    const users = createUserDirectory({ eventStore: adapters.eventStore, hasher });
    const username = ADMIN_USERNAME;
    let created = false;
    if (!(await users.get(username))) {
      try {
        await users.create({ username, role: 'admin', passwordHash, by: CLI_ACTOR });
        created = true;
      } catch (err) {
        // Created concurrently (a starting server seeding it): set it below.
        if (!(err instanceof HttpError && err.code === 'user-exists')) throw err;
      }
    }
    if (!created) {
      await users.change(username, (state) => {
        const events: UserEvent[] = [
          { type: 'PasswordChanged', data: { username, passwordHash, by: CLI_ACTOR } },
        ];
        if (state.disabled) {
          events.push({ type: 'UserEnabled', data: { username, by: CLI_ACTOR } });
        }
        if (state.role !== 'admin') {
          events.push({
            type: 'UserRoleChanged',
            data: { username, role: 'admin', by: CLI_ACTOR },
          });
        }
        return events;
      });
    }
    const revokedSessions = await adapters.sessions.deleteByUser(username);
    const at = now();
    const audit: UserChangeRequestedData = {
      actor: CLI_ACTOR,
      target: username,
      change: created ? 'create' : 'password',
      ...(created ? { role: 'admin' } : {}),
      outcome: 'succeeded',
      revokedSessions,
      clientAddress: 'local',
      at,
    };
    await adapters.eventStore.append(
      auditStream(at),
      [{ type: 'UserChangeRequested', data: audit }],
      { expectedVersion: 'any' },
    );
    return { username, created, revokedSessions };
  } finally {
    await adapters.close();
  }
}

export function formatResetAdmin(result: ResetAdminResult): string {
  const what = result.created
    ? `created the ${result.username} account (role admin) with the new password`
    : `set the password of ${result.username}, enabled it and made it an admin`;
  const sessions = result.revokedSessions > 0 ? `; ended ${result.revokedSessions} session(s)` : '';
  return `${what}${sessions}\n`;
}
