import {
  type AdapterSet,
  type Clock,
  createSessionManager,
  type SessionManagerOptions,
  systemClock,
} from '@bangui/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createAuditRecorder } from './audit/record-action.ts';
import type { AdminAccount } from './auth/admin-account.ts';
import { type AuthFailureLog, createAuthFailureLog } from './auth/auth-failure-log.ts';
import { authenticate } from './auth/authenticate.ts';
import { createAccounts } from './auth/create-accounts.ts';
import { argon2Hasher, type PasswordHasher } from './auth/password-hasher.ts';
import { authorize } from './auth/route-policy.ts';
import { createBanListCache } from './bans/ban-list-cache.ts';
import { createBanChangeRecorder } from './bans/record-ban-changes.ts';
import { createShortMemo } from './cache/short-memo.ts';
import type { Fail2banPort } from './fail2ban-port.ts';
import type { HistoryService } from './history/history-service.ts';
import type { AppEnv } from './http/app-env.ts';
import { csrfProtection } from './http/csrf.ts';
import { describeError } from './http/describe-error.ts';
import { mountObservability, type ObservabilityDeps } from './http/observability.ts';
import { securityHeaders } from './http/security-headers.ts';
import { pushRoutes } from './ingest/push-routes.ts';
import type { JailControlPort } from './jails/jail-control.ts';
import { defaultLogger, type Logger } from './logger.ts';
import { countingSessions } from './metrics/counting-sessions.ts';
import { metricsRoutes } from './metrics/metrics-routes.ts';
import { createProxyTrust } from './net/proxy-trust.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes, type LoginLimits } from './routes/auth-routes.ts';
import { bansRoutes } from './routes/bans-routes.ts';
import { eventStreamRoutes } from './routes/events-stream-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { ipsRoutes } from './routes/ips-routes.ts';
import { jailControlRoutes } from './routes/jail-control-routes.ts';
import { fetchJailOverview, jailsRoutes } from './routes/jails-routes.ts';
import { pushDisabledRoutes } from './routes/push-disabled-routes.ts';
import { statsRoutes } from './routes/stats-routes.ts';
import { tokensRoutes } from './routes/tokens-routes.ts';
import { usersRoutes } from './routes/users-routes.ts';
import { webApp } from './web/web-app.ts';

export interface AppDeps extends Omit<ObservabilityDeps, 'shutdown'> {
  adapters: AdapterSet;
  fail2ban: Fail2banPort;
  /** start/stop/reload and runtime settings of jails; unset: those routes answer 503 */
  jailControl?: JailControlPort;
  admin: AdminAccount;
  webDir: string;
  /** Proxies whose X-Forwarded-* headers are believed (canonical IPs/CIDRs). */
  trustProxy?: readonly string[];
  clock?: Clock;
  logger?: Logger;
  session?: Pick<SessionManagerOptions, 'inactivityMs' | 'absoluteMs' | 'touchIntervalMs'>;
  loginLimits?: LoginLimits;
  bansCacheTtlMs?: number;
  /** how long the jail overview (GET /api/jails) is reused; default 1 s */
  overviewTtlMs?: number;
  readyTimeoutMs?: number;
  bodyLimitBytes?: number;
  /** the read side of the event log: read models and rebuild */
  history: Pick<HistoryService, 'readModels' | 'rebuild' | 'accounts' | 'catchUp'>;
  /** argon2id; tests pass a counting wrapper */
  passwordHasher?: PasswordHasher;
  /** one line per failed login for fail2ban; default stderr (start-server passes BANGUI_AUTH_LOG) */
  authFailureLog?: AuthFailureLog;
  /** the push route's shared secret; undefined = push ingestion disabled */
  pushSecret?: string;
  /** aborted at shutdown: open event streams end so the server can close */
  shutdown?: AbortSignal;
  /** heartbeat of GET /api/events/stream; default 15 s */
  heartbeatMs?: number;
  /** /readyz also requires the shared database to answer (postgres adapter) */
  pingDatabase?: () => Promise<void>;
  /** sent as X-BanGUI-Worker on every response (cluster mode): which worker answered */
  workerId?: string;
}

const MINUTE = 60_000;
const DEFAULT_ABSOLUTE_MS = 12 * 60 * MINUTE;

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: { limit: 10, windowMs: 15 * MINUTE },
  perUsername: { limit: 5, windowMs: 15 * MINUTE },
};

const PUSH_PATH = '/api/ingest/fail2ban';

/** Paths under /api reachable without a session. */
const PUBLIC_API_PATHS = new Set(['/api/auth/login']);

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? defaultLogger;
  const proxy = createProxyTrust(deps.trustProxy ?? []);
  const absoluteMs = deps.session?.absoluteMs ?? DEFAULT_ABSOLUTE_MS;
  const sessions = countingSessions(
    createSessionManager({
      store: deps.adapters.sessions,
      clock,
      ...deps.session,
      absoluteMs,
    }),
    deps.metrics?.metrics,
  );
  const banLists = createBanListCache({
    fetch: (jail) => deps.fail2ban.bans(jail),
    clock,
    ttlMs: deps.bansCacheTtlMs ?? 2_000,
  });
  const overview = createShortMemo({
    fetch: () => fetchJailOverview(deps.fail2ban),
    clock,
    ttlMs: deps.overviewTtlMs ?? 1_000,
  });

  const audit = createAuditRecorder({ eventStore: deps.adapters.eventStore, clock, proxy, logger });
  const banChanges = createBanChangeRecorder({
    // A fresh read that also refills the cache: the list view after a ban reuses it.
    currentBans: (jail) => {
      banLists.invalidate(jail);
      return banLists.get(jail);
    },
    eventStore: deps.adapters.eventStore,
    runtimeState: deps.adapters.runtimeState,
    clock,
    logger,
  });
  const { readModels } = deps.history;
  const { users, tokens } = createAccounts({
    eventStore: deps.adapters.eventStore,
    runtimeState: deps.adapters.runtimeState,
    admin: deps.admin,
    hasher: deps.passwordHasher ?? argon2Hasher,
    clock,
  });
  // Lists come from read models; catching up first shows a change made a moment ago.
  const { accounts } = deps.history;
  const listUsers = async () => {
    await deps.history.catchUp();
    return accounts.users.list();
  };
  const listTokens = async (owner?: string) => {
    await deps.history.catchUp();
    return accounts.tokens.list(owner);
  };

  const app = new Hono<AppEnv>();
  mountObservability(app, {
    ...(deps.requestLogger ? { requestLogger: deps.requestLogger } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  });
  app.use(securityHeaders());
  const { workerId } = deps;
  if (workerId !== undefined) {
    // For operators and tests: which of the workers sharing the port answered.
    app.use(async function workerHeader(c, next) {
      await next();
      c.header('X-BanGUI-Worker', workerId);
    });
  }
  app.route('/', healthRoutes(deps.fail2ban, deps.readyTimeoutMs ?? 1_000, deps.pingDatabase));
  app.route('/metrics', metricsRoutes(deps.metrics?.endpoint));

  const limitBody = bodyLimit({
    maxSize: deps.bodyLimitBytes ?? 1024 * 1024,
    onError: (c) =>
      c.json(
        { error: { code: 'payload-too-large', message: 'The request body is too large.' } },
        413,
      ),
  });
  // Before the session and CSRF checks, which end at this route: fail2ban's
  // action has no session or Origin; it proves itself with the shared secret.
  app.use(PUSH_PATH, limitBody);
  app.route(
    PUSH_PATH,
    deps.pushSecret === undefined
      ? pushDisabledRoutes()
      : pushRoutes({
          secret: deps.pushSecret,
          eventStore: deps.adapters.eventStore,
          runtimeState: deps.adapters.runtimeState,
          jails: async () => (await deps.fail2ban.status()).jails,
          clock,
        }),
  );
  app.use(
    '/api/*',
    // Why the method check: bodyLimit reads `c.req.raw.body`, which makes
    // @hono/node-server build a full Fetch Request (with an AbortSignal) for every
    // request; GET and HEAD carry no body, and skipping them keeps reads cheap.
    async function limitRequestBody(c, next) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      return limitBody(c, next);
    },
    csrfProtection(proxy),
    authenticate({ sessions, tokens, users, publicPaths: PUBLIC_API_PATHS }),
    authorize(),
  );
  app.route(
    '/api/auth',
    authRoutes({
      users,
      failureLog: deps.authFailureLog ?? createAuthFailureLog({ now: clock.now }),
      sessions,
      rateLimiter: deps.adapters.rateLimiter,
      cache: deps.adapters.cache,
      proxy,
      limits: deps.loginLimits ?? DEFAULT_LOGIN_LIMITS,
      sessionMaxAgeSeconds: Math.floor(absoluteMs / 1000),
      audit,
    }),
  );
  app.route('/api/jails', jailsRoutes(deps.fail2ban, overview));
  app.route(
    '/api/jails',
    bansRoutes({
      fail2ban: deps.fail2ban,
      cache: banLists,
      overview,
      audit,
      history: banChanges,
      proxy,
    }),
  );
  app.route(
    '/api/jails',
    jailControlRoutes({
      fail2ban: deps.fail2ban,
      control: deps.jailControl,
      audit,
      changed: (jail) => {
        banLists.invalidate(jail);
        overview.invalidate('');
      },
    }),
  );
  app.route('/api/ips', ipsRoutes(deps.fail2ban, readModels));
  app.route('/api', historyRoutes(readModels));
  app.route('/api/stats', statsRoutes(readModels, clock));
  app.route('/api/audit', auditRoutes(readModels));
  app.route(
    '/api/events',
    eventStreamRoutes({
      eventStore: deps.adapters.eventStore,
      heartbeatMs: deps.heartbeatMs ?? 15_000,
      shutdown: deps.shutdown ?? new AbortController().signal,
    }),
  );
  app.route(
    '/api/auth',
    accountRoutes({
      users,
      sessions,
      rateLimiter: deps.adapters.rateLimiter,
      passwordLimit: (deps.loginLimits ?? DEFAULT_LOGIN_LIMITS).perUsername,
      proxy,
      audit,
      sessionMaxAgeSeconds: Math.floor(absoluteMs / 1000),
    }),
  );
  app.route('/api/users', usersRoutes({ users, listUsers, sessions, audit }));
  app.route('/api/tokens', tokensRoutes({ tokens, listTokens, audit, clock }));
  app.route(
    '/api/admin',
    adminRoutes(() => deps.history.rebuild()),
  );
  app.get('*', webApp(deps.webDir));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) {
      return c.json({ error: { code: 'not-found', message: `No API route ${c.req.path}.` } }, 404);
    }
    return c.text('Not found', 404);
  });

  app.onError((err, c) => {
    const described = describeError(err);
    if (described.unexpected) logger.error(`${c.req.method} ${c.req.path} failed`, err);
    for (const [name, value] of Object.entries(described.headers ?? {})) c.header(name, value);
    return c.json(
      { error: { code: described.code, message: described.message, ...described.details } },
      described.status,
    );
  });
  return app;
}
