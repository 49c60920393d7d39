import type { RateLimitDecision, RateLimitPolicy } from './rate-limiter.ts';

/**
 * Pure GCRA decision shared by every rate-limiter adapter (see rate-limiter.ts
 * for the semantics). `tat` is the key's stored theoretical arrival time, or
 * undefined for a key never seen (or reset). Returns the decision and the TAT
 * to store (unchanged when denied).
 */
export function decideGcra(
  tat: number | undefined,
  now: number,
  policy: RateLimitPolicy,
  cost = 1,
): { decision: RateLimitDecision; tat: number } {
  assertValid(policy, cost);
  const increment = (cost * policy.windowMs) / policy.limit;
  const base = Math.max(tat ?? now, now);
  const next = base + increment;
  const allowed = next - policy.windowMs <= now + EPSILON_MS;
  const storedTat = allowed ? next : base;
  return { decision: describeGcra(storedTat, now, policy, allowed, increment), tat: storedTat };
}

/**
 * Builds the decision from the TAT stored after the call (what the PostgreSQL
 * statement returns). `increment` is `cost * windowMs / limit`.
 */
export function describeGcra(
  storedTat: number,
  now: number,
  policy: RateLimitPolicy,
  allowed: boolean,
  increment: number,
): RateLimitDecision {
  const interval = policy.windowMs / policy.limit;
  const backlog = Math.max(storedTat, now) - now;
  // EPSILON_MS absorbs float error from non-integer intervals (e.g. 1000/3 ms).
  const remaining = Math.max(
    0,
    Math.min(policy.limit, Math.floor((policy.windowMs - backlog) / interval + EPSILON_MS)),
  );
  const retryAfterMs = allowed
    ? 0
    : Math.max(
        1,
        Math.ceil(Math.max(storedTat, now) + increment - policy.windowMs - now - EPSILON_MS),
      );
  return { allowed, remaining, retryAfterMs };
}

const EPSILON_MS = 1e-6;

function assertValid(policy: RateLimitPolicy, cost: number): void {
  if (!(policy.limit > 0) || !Number.isInteger(policy.limit)) {
    throw new RangeError(`rate limit must be a positive integer, got ${policy.limit}`);
  }
  if (!(policy.windowMs > 0)) {
    throw new RangeError(`rate limit window must be positive, got ${policy.windowMs}`);
  }
  if (!Number.isInteger(cost) || cost < 1 || cost > policy.limit) {
    throw new RangeError(`cost must be an integer in 1..${policy.limit}, got ${cost}`);
  }
}
