import type { Clock } from '@bangui/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditRecorder } from '../audit/record-action.ts';
import { roleAtLeast, roleSchema } from '../auth/roles.ts';
import type { AppEnv } from '../http/app-env.ts';
import { CONTROL_CHARACTERS } from '../http/control-characters.ts';
import { HttpError } from '../http/http-error.ts';
import { readJsonBody, validate } from '../http/validate.ts';
import type { TokenState } from '../tokens/token-events.ts';
import type { TokenService } from '../tokens/token-service.ts';

export interface TokensRoutesDeps {
  tokens: TokenService;
  /** the tokens read model, brought up to date before it answers */
  listTokens: (owner?: string) => Promise<TokenState[]>;
  audit: AuditRecorder;
  clock: Clock;
}

const DAY_MS = 24 * 60 * 60_000;

const createBodySchema = v.object({
  name: v.pipe(
    v.string('name must be a string'),
    v.trim(),
    v.nonEmpty('name must not be empty'),
    v.maxLength(100, 'name is at most 100 characters'),
    v.check((s) => !CONTROL_CHARACTERS.test(s), 'name must not contain control characters'),
  ),
  role: roleSchema,
  expiresInDays: v.optional(
    v.pipe(
      v.number('expiresInDays must be a number'),
      v.integer('expiresInDays must be a whole number'),
      v.minValue(1, 'expiresInDays must be at least 1'),
      v.maxValue(3650, 'expiresInDays must be at most 3650'),
    ),
  ),
});

const idParamsSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{24}$/, 'not a token id')),
});

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Mounted at /api/tokens: API tokens for automation. Admins see and revoke everyone's. */
export function tokensRoutes(deps: TokensRoutesDeps): Hono<AppEnv> {
  const { tokens, audit, clock } = deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { name, role } = c.get('principal');
      const list = await deps.listTokens(role === 'admin' ? undefined : name);
      const lastUsed = await tokens.lastUsed(list.map((t) => t.id));
      return c.json({
        tokens: list.map((t) => ({
          id: t.id,
          name: t.name,
          owner: t.owner,
          role: t.role,
          createdAt: iso(t.createdAt),
          expiresAt: iso(t.expiresAt),
          lastUsedAt: iso(lastUsed.get(t.id)),
        })),
      });
    })
    .post('/', async (c) => {
      const principal = c.get('principal');
      const body = await readJsonBody(c, createBodySchema);
      const action = {
        actor: principal.name,
        change: 'create' as const,
        name: body.name,
        role: body.role,
      };
      if (!roleAtLeast(principal.role, body.role)) {
        await audit.record(c, 'TokenChangeRequested', {
          ...action,
          outcome: 'refused',
          reason: 'role-too-high',
        });
        throw new HttpError(
          403,
          'role-too-high',
          `A token cannot have more rights than its creator: you are ${principal.role}, the token asks for ${body.role}.`,
        );
      }
      const expiresAt =
        body.expiresInDays === undefined ? null : clock.now() + body.expiresInDays * DAY_MS;
      const { token, state } = await tokens.create({
        name: body.name,
        owner: principal.name,
        role: body.role,
        expiresAt,
      });
      await audit.record(c, 'TokenChangeRequested', {
        ...action,
        tokenId: state.id,
        outcome: 'succeeded',
      });
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          token,
          id: state.id,
          name: state.name,
          role: state.role,
          expiresAt: iso(state.expiresAt),
          note: 'This is the only time the token is shown; store it now.',
        },
        201,
      );
    })
    .delete('/:id', async (c) => {
      const principal = c.get('principal');
      const { id } = validate(idParamsSchema, c.req.param(), 'token id');
      const token = await tokens.get(id);
      // Someone else's token is "not found" to a non-admin: ids are not to be probed.
      const mine =
        token !== undefined && (token.owner === principal.name || principal.role === 'admin');
      if (!token || token.revoked || !mine) {
        throw new HttpError(404, 'unknown-token', 'There is no such token.');
      }
      await tokens.revoke(id, principal.name);
      await audit.record(c, 'TokenChangeRequested', {
        actor: principal.name,
        change: 'revoke',
        tokenId: id,
        name: token.name,
        role: token.role,
        outcome: 'succeeded',
      });
      return c.json({ revoked: true });
    });
}
