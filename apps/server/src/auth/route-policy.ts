import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { type Role, roleAtLeast } from './roles.ts';

/**
 * Who may call which API route, in one table. `signed-in` routes act only on
 * the caller's own account (sign out, own password, own sessions and tokens).
 * `sessionOnly` routes manage credentials and refuse API tokens: a leaked token
 * must not be able to mint more tokens or change the password.
 */
export interface RoutePolicy {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  role: Role | 'signed-in';
  sessionOnly?: boolean;
}

export const ROUTE_POLICIES: readonly RoutePolicy[] = [
  { method: 'POST', path: '/api/auth/logout', role: 'signed-in' },
  { method: 'POST', path: '/api/auth/password', role: 'signed-in', sessionOnly: true },
  { method: 'GET', path: '/api/auth/sessions', role: 'signed-in' },
  { method: 'DELETE', path: '/api/auth/sessions/:id', role: 'signed-in', sessionOnly: true },
  { method: 'POST', path: '/api/auth/sessions/revoke-all', role: 'signed-in', sessionOnly: true },
  { method: 'GET', path: '/api/tokens', role: 'signed-in' },
  { method: 'POST', path: '/api/tokens', role: 'signed-in', sessionOnly: true },
  { method: 'DELETE', path: '/api/tokens/:id', role: 'signed-in', sessionOnly: true },
  { method: 'POST', path: '/api/jails/:jail/bans', role: 'operator' },
  { method: 'POST', path: '/api/jails/:jail/unban', role: 'operator' },
  // Operators may also change who is never banned; jail control and settings are for admins.
  { method: 'POST', path: '/api/jails/:jail/ignoreip', role: 'operator' },
  { method: 'POST', path: '/api/jails/:jail/start', role: 'admin' },
  { method: 'POST', path: '/api/jails/:jail/stop', role: 'admin' },
  { method: 'POST', path: '/api/jails/:jail/reload', role: 'admin' },
  { method: 'PATCH', path: '/api/jails/:jail/settings', role: 'admin' },
  { method: 'POST', path: '/api/admin/rebuild', role: 'admin' },
  { method: 'GET', path: '/api/users', role: 'admin' },
  { method: 'POST', path: '/api/users', role: 'admin' },
  { method: 'PATCH', path: '/api/users/:name', role: 'admin' },
  // Who did what from where, including failed sign-ins: for admins.
  { method: 'GET', path: '/api/audit', role: 'admin' },
];

/** What a route not in the table needs: reading is for everyone, changing is for admins. */
export function defaultRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'admin';
}

interface Compiled extends RoutePolicy {
  pattern: RegExp;
}

const compile = (policy: RoutePolicy): Compiled => ({
  ...policy,
  pattern: new RegExp(`^${policy.path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
});

export function findPolicy(
  policies: readonly RoutePolicy[],
  method: string,
  path: string,
): RoutePolicy | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  return policies.find((p) => p.method === wanted && compile(p).pattern.test(path));
}

/**
 * The one place roles are enforced: runs after authentication on every /api
 * request and refuses (403) before the route reads its input. Deny by default:
 * a new mutating route nobody listed is admin-only.
 */
export function authorize(
  policies: readonly RoutePolicy[] = ROUTE_POLICIES,
): MiddlewareHandler<AppEnv> {
  const compiled = policies.map(compile);
  return async function authorize(c, next) {
    const principal = c.get('principal');
    // Public paths (login) pass authenticate without a principal.
    if (!principal) return next();
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const policy = compiled.find((p) => p.method === method && p.pattern.test(c.req.path));
    const needed = policy?.role ?? defaultRole(method);
    if (policy?.sessionOnly && principal.via !== 'session') {
      throw new HttpError(
        403,
        'session-required',
        'API tokens cannot manage credentials; sign in to do this.',
      );
    }
    if (needed !== 'signed-in' && !roleAtLeast(principal.role, needed)) {
      throw new HttpError(
        403,
        'forbidden',
        `This needs the ${needed} role; ${principal.name} is ${principal.role === 'admin' ? 'an' : 'a'} ${principal.role}.`,
        { details: { requiredRole: needed, role: principal.role } },
      );
    }
    return next();
  };
}
