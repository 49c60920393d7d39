import * as v from 'valibot';

/**
 * What a signed-in user (or an API token) may do. Ordered: each role includes
 * everything the one before it may do.
 * - viewer: read only;
 * - operator: also ban and unban, and change a jail's ignoreip list;
 * - admin: everything, including users, rebuilds and configuration.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = v.picklist(ROLES, `role must be one of ${ROLES.join(', ')}`);

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** The lesser of two roles: a token never acts above its owner's current role. */
export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
