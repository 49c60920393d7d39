import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryAdapterSet } from '@bangui/adapters-memory';
import { type AdapterSet, createManualClock, type ManualClock } from '@bangui/core';
import { type AppDeps, createApp } from '../../src/app.ts';
import { type AdminAccount, loadAdminAccount } from '../../src/auth/admin-account.ts';
import { createHistoryService, type HistoryService } from '../../src/history/history-service.ts';
import type { Logger } from '../../src/logger.ts';
import { createFakeFail2ban, type FakeFail2ban } from './fake-fail2ban.ts';

export const PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'http://localhost';

/** The admin account is hashed once per test file: argon2 is slow on purpose. */
export async function createTestAdmin(): Promise<{
  admin: AdminAccount;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'bangui-admin-'));
  const admin = await loadAdminAccount({ dataDir: dir, password: PASSWORD });
  return { admin, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  clock: ManualClock;
  fake: FakeFail2ban;
  logged: Array<{ message: string; error: unknown }>;
  /** the fail2ban lines failed logins wrote, as [username, address] */
  authFailures: Array<[string, string]>;
  adapters: AdapterSet;
  history: HistoryService;
  /** applies every event appended so far to the read models */
  settle(): Promise<void>;
}

export function createTestApp(admin: AdminAccount, overrides: Partial<AppDeps> = {}): TestApp {
  const clock = createManualClock();
  const fake = createFakeFail2ban(['sshd', 'web.login', 'nginx-auth'], clock.now);
  const logged: TestApp['logged'] = [];
  const authFailures: TestApp['authFailures'] = [];
  const logger: Logger = {
    info: () => {},
    error: (message, error) => logged.push({ message, error }),
  };
  const adapters = overrides.adapters ?? createMemoryAdapterSet({ clock });
  const history = createHistoryService({
    eventStore: adapters.eventStore,
    onError: (error) => logged.push({ message: 'history', error }),
  });
  const app = createApp({
    adapters,
    fail2ban: fake.port,
    admin,
    webDir: '/nonexistent/bangui-web',
    clock,
    logger,
    history,
    authFailureLog: (username, address) => authFailures.push([username, address]),
    ...overrides,
  });
  return {
    app,
    clock,
    fake,
    logged,
    authFailures,
    adapters,
    history,
    settle: () => history.catchUp(),
  };
}

/** Node bindings as @hono/node-server passes them, so getConnInfo sees a peer. */
export function peer(address: string) {
  return {
    incoming: { socket: { remoteAddress: address, remotePort: 50000, remoteFamily: 'IPv4' } },
  };
}

export function jsonInit(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Logs in and returns the Cookie header value to send back. */
export async function login(app: TestApp['app'], address = '192.0.2.1'): Promise<string> {
  const res = await app.request(
    '/api/auth/login',
    jsonInit('POST', { username: 'admin', password: PASSWORD }),
    peer(address),
  );
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookieFrom(res);
}

export function cookieFrom(res: Response): string {
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}

// biome-ignore lint/suspicious/noExplicitAny: a loose view of response bodies; the assertions check their shape.
export type Json = any;

export const json = (res: Response): Promise<Json> => res.json() as Promise<Json>;

/** Signs in as any user; returns the Cookie header value. */
export async function loginUser(
  app: TestApp['app'],
  username: string,
  password: string,
  address = '192.0.2.1',
): Promise<string> {
  const res = await app.request(
    '/api/auth/login',
    jsonInit('POST', { username, password }),
    peer(address),
  );
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookieFrom(res);
}

export const USER_PASSWORD = 'a long enough password';

/** Creates a user through the API as the signed-in admin. */
export async function createUser(
  app: TestApp['app'],
  adminCookie: string,
  username: string,
  role: 'admin' | 'operator' | 'viewer',
): Promise<void> {
  const res = await app.request(
    '/api/users',
    jsonInit('POST', { username, role, password: USER_PASSWORD }, { cookie: adminCookie }),
  );
  if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${await res.text()}`);
}
