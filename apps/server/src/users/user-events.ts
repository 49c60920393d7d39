import type { NewEvent, RecordedEvent } from '@bangui/core';
import { isRole, type Role } from '../auth/roles.ts';

/**
 * A user account is event-sourced in its own stream, `user-<name>`. Writers
 * read the stream, decide, and append with the exact version they read, so two
 * admins changing one account at once cannot lose a change. The events carry the
 * argon2id hash (never a password); they are kept out of the public event
 * stream (see isPrivateStream).
 */
export const USER_STREAM_PREFIX = 'user-';

export function userStream(username: string): string {
  return `${USER_STREAM_PREFIX}${username}`;
}

export interface UserCreated {
  username: string;
  role: Role;
  passwordHash: string;
  /** who created it; null for the first admin, created at startup */
  by: string | null;
}
export interface UserRoleChanged {
  username: string;
  role: Role;
  by: string;
}
export interface UserDisabledOrEnabled {
  username: string;
  by: string;
}
export interface PasswordChanged {
  username: string;
  passwordHash: string;
  /** the user themself, 'cli' (bangui reset-admin-password), or null when BANGUI_ADMIN_PASSWORD replaced it at startup */
  by: string | null;
}

export type UserEvent =
  | { type: 'UserCreated'; data: UserCreated }
  | { type: 'UserRoleChanged'; data: UserRoleChanged }
  | { type: 'UserDisabled'; data: UserDisabledOrEnabled }
  | { type: 'UserEnabled'; data: UserDisabledOrEnabled }
  | { type: 'PasswordChanged'; data: PasswordChanged };

export interface UserState {
  username: string;
  role: Role;
  disabled: boolean;
  passwordHash: string;
  createdAt: number;
  /** the stream version the state was folded from (for the next append) */
  version: number;
}

export const userEvent = <E extends UserEvent>(event: E): NewEvent => event;

/**
 * Applies one recorded event to a user's state. Unknown or malformed events
 * leave the state as it was: the log outlives code versions.
 */
export function evolveUser(
  state: UserState | undefined,
  event: RecordedEvent,
): UserState | undefined {
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d.username !== 'string') return state;
  if (event.type === 'UserCreated') {
    if (state || !isRole(d.role) || typeof d.passwordHash !== 'string') return state;
    return {
      username: d.username,
      role: d.role,
      disabled: false,
      passwordHash: d.passwordHash,
      createdAt: event.recordedAt,
      version: event.version,
    };
  }
  if (!state) return state;
  const next = { ...state, version: event.version };
  switch (event.type) {
    case 'UserRoleChanged':
      return isRole(d.role) ? { ...next, role: d.role } : next;
    case 'UserDisabled':
      return { ...next, disabled: true };
    case 'UserEnabled':
      return { ...next, disabled: false };
    case 'PasswordChanged':
      return typeof d.passwordHash === 'string' ? { ...next, passwordHash: d.passwordHash } : next;
    default:
      return next;
  }
}

export function foldUser(events: readonly RecordedEvent[]): UserState | undefined {
  return events.reduce<UserState | undefined>(evolveUser, undefined);
}
