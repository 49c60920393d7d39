import type { AdminAccount } from '../auth/admin-account.ts';
import { HttpError } from '../http/http-error.ts';
import type { UserDirectory } from './user-directory.ts';
import type { UserEvent } from './user-events.ts';

/**
 * Brings the first admin from admin.json into the users model, so data dirs
 * from before accounts were event-sourced keep their admin and password.
 *
 * - No `admin` stream yet: it is created with admin.json's hash.
 * - It exists and no password is configured: left alone (a password changed
 *   through the API is newer than admin.json).
 * - BANGUI_ADMIN_PASSWORD(_FILE) is set: it is the way back in, so the account
 *   is made to accept it (admin.json holds its hash), be enabled and be an
 *   admin again.
 */
export async function seedAdmin(directory: UserDirectory, admin: AdminAccount): Promise<void> {
  const { username, passwordHash } = admin;
  if (!(await directory.get(username))) {
    try {
      await directory.create({ username, role: 'admin', passwordHash, by: null });
    } catch (err) {
      // Another worker seeded it first: fall through to the repair below.
      if (!(err instanceof HttpError && err.code === 'user-exists')) throw err;
    }
  }
  if (!admin.passwordConfigured) return;
  await directory.change(username, (state) => {
    const events: UserEvent[] = [];
    if (state.passwordHash !== passwordHash) {
      events.push({ type: 'PasswordChanged', data: { username, passwordHash, by: null } });
    }
    if (state.disabled) events.push({ type: 'UserEnabled', data: { username, by: 'startup' } });
    if (state.role !== 'admin') {
      events.push({ type: 'UserRoleChanged', data: { username, role: 'admin', by: 'startup' } });
    }
    return events;
  });
}
