import { type EventStore, WrongExpectedVersionError } from '@bangui/core';
import { createDummyHash, type PasswordHasher } from '../auth/password-hasher.ts';
import type { Role } from '../auth/roles.ts';
import { HttpError } from '../http/http-error.ts';
import { foldUser, type UserEvent, type UserState, userEvent, userStream } from './user-events.ts';

export interface UserDirectory {
  /** The account as its stream says now (authoritative, not a read model). */
  get(username: string): Promise<UserState | undefined>;
  /** 409 `user-exists` when the name is taken (also when two admins race for it). */
  create(input: {
    username: string;
    role: Role;
    passwordHash: string;
    by: string | null;
  }): Promise<UserState>;
  /**
   * Reads the account, lets `decide` turn it into events, appends them at the
   * version read; a concurrent change makes it read and decide again. 404 for
   * an unknown account.
   */
  change(
    username: string,
    decide: (state: UserState) => UserEvent[],
  ): Promise<{ before: UserState; after: UserState }>;
  /**
   * The enabled account whose password this is, or undefined. Exactly one argon2
   * verification whatever the outcome: unknown and disabled accounts are checked
   * against a dummy hash, so no answer or timing tells them from a wrong password.
   */
  authenticate(username: string, password: string): Promise<UserState | undefined>;
  /** One argon2 verification of a password against an account (password change). */
  checkPassword(user: UserState, password: string): Promise<boolean>;
  hashPassword(password: string): Promise<string>;
}

const MAX_ATTEMPTS = 5;

export function createUserDirectory(deps: {
  eventStore: EventStore;
  hasher: PasswordHasher;
  /** runs once before the first operation (the admin seed); a failure is retried next time */
  prepare?: (directory: UserDirectory) => Promise<void>;
}): UserDirectory {
  const { eventStore, hasher } = deps;
  let dummyHash: Promise<string> | undefined;
  let prepared: Promise<void> | undefined;

  const read = async (username: string) =>
    foldUser(await eventStore.readStream(userStream(username)));

  const directory: UserDirectory = {
    get: read,
    async create({ username, role, passwordHash, by }) {
      try {
        await eventStore.append(
          userStream(username),
          [userEvent({ type: 'UserCreated', data: { username, role, passwordHash, by } })],
          { expectedVersion: 'no-stream' },
        );
      } catch (err) {
        if (err instanceof WrongExpectedVersionError) {
          throw new HttpError(409, 'user-exists', `A user named ${username} already exists.`);
        }
        throw err;
      }
      const created = await read(username);
      if (!created) throw new Error(`user ${username} was created but cannot be read back`);
      return created;
    },
    async change(username, decide) {
      for (let attempt = 1; ; attempt++) {
        const before = await read(username);
        if (!before)
          throw new HttpError(404, 'unknown-user', `There is no user named ${username}.`);
        const events = decide(before);
        if (events.length === 0) return { before, after: before };
        try {
          await eventStore.append(userStream(username), events, {
            expectedVersion: before.version,
          });
        } catch (err) {
          if (err instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
          throw err;
        }
        const after = await read(username);
        if (!after) throw new Error(`user ${username} vanished after a change`);
        return { before, after };
      }
    },
    async authenticate(username, password) {
      const user = await read(username);
      const usable = user !== undefined && !user.disabled;
      dummyHash ??= createDummyHash(hasher);
      const ok = await hasher.verify(usable ? user.passwordHash : await dummyHash, password);
      return usable && ok ? user : undefined;
    },
    checkPassword: (user, password) => hasher.verify(user.passwordHash, password),
    hashPassword: (password) => hasher.hash(password),
  };

  if (!deps.prepare) return directory;
  const { prepare } = deps;
  const ready = () => {
    prepared ??= prepare(directory).catch((err: unknown) => {
      prepared = undefined;
      throw err;
    });
    return prepared;
  };
  // Every entry point waits for the seed, so the first login finds the admin.
  const afterReady =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await ready();
      return fn(...args);
    };
  return {
    get: afterReady(directory.get),
    create: afterReady(directory.create),
    change: afterReady(directory.change),
    authenticate: afterReady(directory.authenticate),
    checkPassword: directory.checkPassword,
    hashPassword: directory.hashPassword,
  };
}
