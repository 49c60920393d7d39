import type { SessionManager } from '@bangui/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditRecorder } from '../audit/record-action.ts';
import { roleSchema } from '../auth/roles.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { readJsonBody, validate } from '../http/validate.ts';
import { newPasswordSchema } from '../users/password-policy.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { UserEvent } from '../users/user-events.ts';
import { usernameSchema } from '../users/username.ts';
import type { UserSummary } from '../users/users-projection.ts';

export interface UsersRoutesDeps {
  users: UserDirectory;
  /** the users read model, brought up to date before it answers */
  listUsers: () => Promise<UserSummary[]>;
  sessions: SessionManager;
  audit: AuditRecorder;
}

const createBodySchema = v.object({
  username: usernameSchema,
  role: roleSchema,
  password: newPasswordSchema,
});

const patchBodySchema = v.pipe(
  v.strictObject({
    role: v.optional(roleSchema),
    disabled: v.optional(v.boolean('disabled must be true or false')),
  }),
  v.check((b) => b.role !== undefined || b.disabled !== undefined, 'give role or disabled'),
);

const nameParamsSchema = v.object({ name: usernameSchema });

const present = (u: UserSummary) => ({
  name: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: new Date(u.createdAt).toISOString(),
});

/** Mounted at /api/users (admins only, see route-policy.ts). */
export function usersRoutes(deps: UsersRoutesDeps): Hono<AppEnv> {
  const { users, sessions, audit } = deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ users: (await deps.listUsers()).map(present) }))
    .post('/', async (c) => {
      const actor = c.get('principal').name;
      const { username, role, password } = await readJsonBody(c, createBodySchema);
      const action = { actor, target: username, change: 'create' as const, role };
      const passwordHash = await users.hashPassword(password);
      try {
        const created = await users.create({ username, role, passwordHash, by: actor });
        await audit.record(c, 'UserChangeRequested', { ...action, outcome: 'succeeded' });
        return c.json({ user: present(created) }, 201);
      } catch (err) {
        if (err instanceof HttpError) {
          await audit.record(c, 'UserChangeRequested', {
            ...action,
            outcome: 'refused',
            reason: err.code,
          });
        }
        throw err;
      }
    })
    .patch('/:name', async (c) => {
      const actor = c.get('principal').name;
      const { name } = validate(nameParamsSchema, c.req.param(), 'user name');
      const body = await readJsonBody(c, patchBodySchema);
      // An admin cannot demote or disable themself: that is how the last admin
      // locks everyone out. Another admin can.
      if (name === actor && (body.disabled === true || (body.role && body.role !== 'admin'))) {
        await audit.record(c, 'UserChangeRequested', {
          actor,
          target: name,
          change: body.disabled === true ? 'disable' : 'role',
          outcome: 'refused',
          reason: 'self-lockout',
        });
        throw new HttpError(
          409,
          'self-lockout',
          'You cannot disable your own account or take away your own admin role; ask another admin.',
        );
      }
      const { before, after } = await users.change(name, (state) => {
        const events: UserEvent[] = [];
        if (body.role !== undefined && body.role !== state.role) {
          events.push({
            type: 'UserRoleChanged',
            data: { username: name, role: body.role, by: actor },
          });
        }
        if (body.disabled !== undefined && body.disabled !== state.disabled) {
          const type = body.disabled ? 'UserDisabled' : 'UserEnabled';
          events.push({ type, data: { username: name, by: actor } });
        }
        return events;
      });
      // A new role or a disabled account takes effect now, not when sessions
      // expire: the user signs in again and gets a session with the new role.
      const privilegeChanged = before.role !== after.role || (!before.disabled && after.disabled);
      const revokedSessions = privilegeChanged ? await sessions.revokeAllForUser(name) : 0;
      const changes: Array<'role' | 'disable' | 'enable'> = [];
      if (before.role !== after.role) changes.push('role');
      if (before.disabled !== after.disabled) changes.push(after.disabled ? 'disable' : 'enable');
      for (const change of changes) {
        await audit.record(c, 'UserChangeRequested', {
          actor,
          target: name,
          change,
          ...(change === 'role' ? { role: after.role } : {}),
          outcome: 'succeeded',
          revokedSessions,
        });
      }
      return c.json({
        user: present({ ...after }),
        changed: changes.length > 0,
        revokedSessions,
      });
    });
}
