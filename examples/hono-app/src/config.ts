/** What the example reads from its environment. */
export interface ExampleConfig {
  /** EXAMPLE_ADAPTER: 'memory' (default) or 'postgres' */
  adapter: string;
  /** EXAMPLE_DATABASE_URL: required for 'postgres' */
  databaseUrl?: string;
  /** EXAMPLE_WORKERS: processes serving the app (default 1); > 1 forks with node:cluster */
  workers: number;
  /** EXAMPLE_PASSWORD: the demo user's password (required) */
  password: string;
  /** EXAMPLE_USER: the demo user's name (default 'demo') */
  username: string;
  /** EXAMPLE_PORT: default 3000 (0 = any free port) */
  port: number;
  /** EXAMPLE_RATE_LIMIT: requests per minute per client on /api/quote (default 10) */
  rateLimit: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ExampleConfig {
  const integer = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new ConfigError(`${name} must be an integer >= ${min}, got '${raw}'`);
    }
    return value;
  };
  const password = env.EXAMPLE_PASSWORD;
  if (!password) throw new ConfigError('EXAMPLE_PASSWORD is required (the demo user password)');
  const adapter = env.EXAMPLE_ADAPTER || 'memory';
  const databaseUrl = env.EXAMPLE_DATABASE_URL || undefined;
  if (adapter === 'postgres' && !databaseUrl) {
    throw new ConfigError('EXAMPLE_ADAPTER=postgres needs EXAMPLE_DATABASE_URL');
  }
  return {
    adapter,
    databaseUrl,
    workers: integer('EXAMPLE_WORKERS', 1, 1),
    password,
    username: env.EXAMPLE_USER || 'demo',
    port: integer('EXAMPLE_PORT', 3000, 0),
    rateLimit: integer('EXAMPLE_RATE_LIMIT', 10, 1),
  };
}
