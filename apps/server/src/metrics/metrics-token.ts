import type { Env } from '../config.ts';
import { readSecret } from '../config-secret.ts';

const TOKEN_VAR = 'BANGUI_METRICS_TOKEN';
// Prometheus sends it in an Authorization header (bearer_token / credentials_file).
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,}$/;

/** The /metrics Bearer token from BANGUI_METRICS_TOKEN or BANGUI_METRICS_TOKEN_FILE; undefined = disabled. */
export function readMetricsToken(env: Env, problems: string[]): string | undefined {
  return readSecret(env, TOKEN_VAR, problems, (token) =>
    TOKEN_PATTERN.test(token)
      ? undefined
      : 'must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 32)',
  );
}
