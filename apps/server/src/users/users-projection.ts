import type { RecordedEvent } from '@bangui/core';
import { createCheckpointGate, type Projection } from '@bangui/domain';
import type { Role } from '../auth/roles.ts';
import { evolveUser, USER_STREAM_PREFIX, type UserState } from './user-events.ts';

export interface UserSummary {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

export interface UsersProjection extends Projection {
  /** every account, by name (no password hashes) */
  list(): UserSummary[];
}

/**
 * The users read model, for listing. Decisions (login, role checks, changes)
 * read the account's own stream instead, which is current on every worker.
 */
export function createUsersProjection(): UsersProjection {
  const users = new Map<string, UserState>();
  const gate = createCheckpointGate((event: RecordedEvent) => {
    if (!event.stream.startsWith(USER_STREAM_PREFIX)) return;
    const name = event.stream.slice(USER_STREAM_PREFIX.length);
    const next = evolveUser(users.get(name), event);
    if (next) users.set(name, next);
  });
  return {
    name: 'users',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      users.clear();
      gate.reset();
    },
    list: () =>
      [...users.values()]
        .map(({ username, role, disabled, createdAt }) => ({ username, role, disabled, createdAt }))
        .sort((a, b) => a.username.localeCompare(b.username)),
  };
}
