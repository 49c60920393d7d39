import type { Clock, EventStore, RuntimeState } from '@bangui/core';
import { createTokenService, type TokenService } from '../tokens/token-service.ts';
import { seedAdmin } from '../users/seed-admin.ts';
import { createUserDirectory, type UserDirectory } from '../users/user-directory.ts';
import type { AdminAccount } from './admin-account.ts';
import type { PasswordHasher } from './password-hasher.ts';

/**
 * The accounts side of the app: the user directory (with the first admin
 * seeded from admin.json before anything else reads it) and the API tokens.
 */
export function createAccounts(deps: {
  eventStore: EventStore;
  runtimeState: RuntimeState;
  admin: AdminAccount;
  hasher: PasswordHasher;
  clock: Clock;
}): { users: UserDirectory; tokens: TokenService } {
  const users = createUserDirectory({
    eventStore: deps.eventStore,
    hasher: deps.hasher,
    prepare: (directory) => seedAdmin(directory, deps.admin),
  });
  const tokens = createTokenService({
    eventStore: deps.eventStore,
    runtimeState: deps.runtimeState,
    users,
    clock: deps.clock,
  });
  return { users, tokens };
}
