import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { ConfigError } from './config-error.ts';
import { readSecret } from './config-secret.ts';
import {
  type LogFormat,
  type LogLevel,
  logFormatSchema,
  logLevelSchema,
} from './logging/log-options.ts';
import { readMetricsToken } from './metrics/metrics-token.ts';
import { formatRange, parseIpOrCidr } from './net/ip-range.ts';

export interface ServerConfig {
  host: string;
  /** 0 = pick a free port. */
  port: number;
  fail2banSocket: string;
  /** Passed as `-c` to fail2ban-client for reloads; undefined = its default. */
  fail2banConfigDir: string | undefined;
  dataDir: string;
  adapter: 'memory' | 'postgres';
  workers: number;
  /** From BANGUI_DATABASE_URL(_FILE); set exactly when adapter is 'postgres'. */
  databaseUrl: string | undefined;
  /** From BANGUI_ADMIN_PASSWORD or BANGUI_ADMIN_PASSWORD_FILE; undefined = generate/reuse. */
  adminPassword: string | undefined;
  webDir: string;
  /** Canonical addresses/networks whose X-Forwarded-For is trusted. */
  trustProxy: string[];
  /** Shared secret of POST /api/ingest/fail2ban; undefined = push ingestion disabled. */
  pushSecret: string | undefined;
  /** How often fail2ban's ban lists are reconciled with the event log. */
  pollSeconds: number;
  /** How often fail2ban's database is read for bans the other channels missed. */
  backfillSeconds: number;
  /** BANGUI_AUTH_LOG: where failed logins are written for fail2ban; undefined = stderr. */
  authLogFile: string | undefined;
  /** Bearer token of GET /metrics (BANGUI_METRICS_TOKEN(_FILE)); undefined = metrics disabled. */
  metricsToken: string | undefined;
  logLevel: LogLevel;
  /** Undefined = JSON unless stdout is a terminal (decided where the logger is made). */
  logFormat: LogFormat | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

// Resolved from this file, not the working directory, so `tsx apps/server/src/main.ts`
// from the repo root and `pnpm start` inside apps/server find the same build.
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const nonBlank = v.pipe(
  v.string(),
  v.check((s) => s.trim() === s && s.length > 0, 'must be non-empty without surrounding spaces'),
);

const portSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,5}$/, 'must be 0 (pick a free port) or an integer from 1 to 65535'),
  v.transform(Number),
  v.maxValue(65535, 'must be 0 (pick a free port) or an integer from 1 to 65535'),
);

const workersSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,4}$/, 'must be an integer of at least 1'),
  v.transform(Number),
  v.minValue(1, 'must be an integer of at least 1'),
);

const adapterSchema = v.picklist(
  ['memory', 'postgres'],
  "must be 'memory' (one worker, state in this process) or 'postgres' (any number of workers)",
);

const trustProxySchema = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const bad = dataset.value.filter((part) => !parseIpOrCidr(part));
    if (bad.length > 0) {
      addIssue({
        message: `not an IP address or CIDR network: ${bad.join(', ')} (expected a comma-separated list)`,
      });
    }
  }),
  v.transform((parts) =>
    parts.map((part) => {
      const range = parseIpOrCidr(part);
      return range ? formatRange(range) : part;
    }),
  ),
);

const secondsSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,5}$/, 'must be a whole number of seconds from 1 to 86400'),
  v.transform(Number),
  v.minValue(1, 'must be a whole number of seconds from 1 to 86400'),
  v.maxValue(86_400, 'must be a whole number of seconds from 1 to 86400'),
);

const envSchema = v.looseObject({
  BANGUI_HOST: v.optional(nonBlank, '127.0.0.1'),
  BANGUI_PORT: v.optional(portSchema, '8080'),
  BANGUI_FAIL2BAN_SOCKET: v.optional(nonBlank, '/var/run/fail2ban/fail2ban.sock'),
  BANGUI_FAIL2BAN_CONFIG_DIR: v.optional(nonBlank),
  BANGUI_DATA_DIR: v.optional(nonBlank, './.data'),
  BANGUI_ADAPTER: v.optional(adapterSchema, 'memory'),
  BANGUI_WORKERS: v.optional(workersSchema, '1'),
  BANGUI_WEB_DIR: v.optional(nonBlank),
  BANGUI_TRUST_PROXY: v.optional(trustProxySchema, ''),
  BANGUI_POLL_SECONDS: v.optional(secondsSchema, '5'),
  BANGUI_BACKFILL_SECONDS: v.optional(secondsSchema, '60'),
  BANGUI_AUTH_LOG: v.optional(nonBlank),
  BANGUI_LOG_LEVEL: v.optional(logLevelSchema, 'info'),
  BANGUI_LOG_FORMAT: v.optional(logFormatSchema),
});

const PUSH_SECRET_VAR = 'BANGUI_PUSH_SECRET';
const MIN_PUSH_SECRET = 16;
const PUSH_SECRET_PATTERN = /^[A-Za-z0-9._~+/=-]{16,}$/;

const DATABASE_URL_VAR = 'BANGUI_DATABASE_URL';

const PASSWORD_VAR = 'BANGUI_ADMIN_PASSWORD';
const PASSWORD_FILE_VAR = 'BANGUI_ADMIN_PASSWORD_FILE';

/**
 * Reads and validates the environment. Throws a ConfigError naming every bad
 * variable at once, so a misconfigured deployment is fixed in one round.
 */
export function loadConfig(env: Env): ServerConfig {
  // An empty value (`VAR=` in a compose file) means "unset", except for the
  // password, where an empty value is always a mistake worth reporting.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => value !== undefined && (value !== '' || key.startsWith(PASSWORD_VAR)),
    ),
  );
  const problems: string[] = [];
  const parsed = v.safeParse(envSchema, cleaned);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      problems.push(`${v.getDotPath(issue) ?? 'environment'}: ${issue.message}`);
    }
  }
  const adminPassword = readAdminPassword(cleaned, problems);
  const pushSecret = readSecret(cleaned, PUSH_SECRET_VAR, problems, (secret) =>
    // The bangui-push action puts it in a curl config header line: no quotes or spaces.
    PUSH_SECRET_PATTERN.test(secret)
      ? undefined
      : `must be at least ${MIN_PUSH_SECRET} characters of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 32)`,
  );
  const databaseUrl = readDatabaseUrl(
    cleaned,
    parsed.success ? parsed.output.BANGUI_ADAPTER : undefined,
    problems,
  );
  const metricsToken = readMetricsToken(cleaned, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const out = parsed.output;
  return {
    host: out.BANGUI_HOST,
    port: out.BANGUI_PORT,
    fail2banSocket: out.BANGUI_FAIL2BAN_SOCKET,
    fail2banConfigDir: out.BANGUI_FAIL2BAN_CONFIG_DIR,
    dataDir: resolve(out.BANGUI_DATA_DIR),
    adapter: out.BANGUI_ADAPTER,
    workers: out.BANGUI_WORKERS,
    databaseUrl,
    adminPassword,
    webDir: out.BANGUI_WEB_DIR ? resolve(out.BANGUI_WEB_DIR) : DEFAULT_WEB_DIR,
    trustProxy: out.BANGUI_TRUST_PROXY,
    pushSecret,
    pollSeconds: out.BANGUI_POLL_SECONDS,
    backfillSeconds: out.BANGUI_BACKFILL_SECONDS,
    authLogFile: out.BANGUI_AUTH_LOG === undefined ? undefined : resolve(out.BANGUI_AUTH_LOG),
    metricsToken,
    logLevel: out.BANGUI_LOG_LEVEL,
    logFormat: out.BANGUI_LOG_FORMAT,
  };
}

/**
 * The PostgreSQL URL: the postgres adapter refuses to start without one (the
 * memory adapter ignores it). Problems never quote the URL: it usually carries the password.
 */
function readDatabaseUrl(
  env: Env,
  adapter: ServerConfig['adapter'] | undefined,
  problems: string[],
): string | undefined {
  const url = readSecret(env, DATABASE_URL_VAR, problems, (value) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return 'is not a URL (expected postgres://user:password@host:5432/database)';
    }
    return parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:'
      ? undefined
      : `must start with postgres:// or postgresql:// (it starts with ${parsed.protocol}//)`;
  });
  const given =
    env[DATABASE_URL_VAR] !== undefined || env[`${DATABASE_URL_VAR}_FILE`] !== undefined;
  if (adapter === 'postgres' && !given) {
    problems.push(
      `${DATABASE_URL_VAR}: BANGUI_ADAPTER=postgres needs the database, e.g. ${DATABASE_URL_VAR}=postgres://bangui:PASSWORD@db:5432/bangui (or ${DATABASE_URL_VAR}_FILE naming a file that holds it)`,
    );
  }
  return url;
}

function readAdminPassword(env: Env, problems: string[]): string | undefined {
  const direct = env[PASSWORD_VAR];
  const file = env[PASSWORD_FILE_VAR];
  if (direct !== undefined && file !== undefined) {
    problems.push(`${PASSWORD_VAR} and ${PASSWORD_FILE_VAR}: set only one of them`);
    return undefined;
  }
  if (direct !== undefined) {
    if (direct.length === 0) problems.push(`${PASSWORD_VAR}: must not be empty`);
    return direct;
  }
  if (file === undefined) return undefined;
  if (file.length === 0) {
    problems.push(`${PASSWORD_FILE_VAR}: must be a file path`);
    return undefined;
  }
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    problems.push(`${PASSWORD_FILE_VAR}: cannot read ${file} (${code})`);
    return undefined;
  }
  // Only the trailing newline an editor or `echo` adds; other whitespace may be intended.
  const password = content.replace(/\r?\n$/, '');
  if (password.length === 0) problems.push(`${PASSWORD_FILE_VAR}: ${file} is empty`);
  return password;
}
