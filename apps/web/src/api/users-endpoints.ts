import { request } from './request.ts';
import type { Account, Role } from './types.ts';

// Accounts, for admins only (the server answers 403 to anyone else).

export const fetchUsers = (signal?: AbortSignal) =>
  request<{ users: Account[] }>('api/users', { signal });

export const createUser = (username: string, role: Role, password: string) =>
  request<{ user: Account }>('api/users', { method: 'POST', body: { username, role, password } });

export interface AccountChange {
  role?: Role;
  disabled?: boolean;
}

/** A role change or disabling ends all of that user's sessions (they sign in again). */
export const changeUser = (name: string, change: AccountChange) =>
  request<{ user: Account; changed: boolean; revokedSessions: number }>(
    `api/users/${encodeURIComponent(name)}`,
    { method: 'PATCH', body: change },
  );
