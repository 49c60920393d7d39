import type { Role } from '../api/types.ts';

/** Lowest first: a role may do everything the roles before it may. */
export const roles: readonly Role[] = ['viewer', 'operator', 'admin'];

export const roleAtLeast = (role: Role, needed: Role): boolean =>
  roles.indexOf(role) >= roles.indexOf(needed);

/** The roles a user may hand to an API token: never above their own. */
export const rolesUpTo = (role: Role): Role[] => roles.filter((r) => roleAtLeast(role, r));

// What the UI offers each role. The server enforces the same rules (403) whatever the UI
// shows; these only keep controls that would be refused off the screen.
export const mayBan = (role: Role): boolean => roleAtLeast(role, 'operator');
export const mayAdminister = (role: Role): boolean => role === 'admin';
