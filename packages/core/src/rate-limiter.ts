/**
 * Port: rate limiting. A policy allows `limit` units per `windowMs`.
 * `consume` never throws for "limited"; it returns the decision.
 *
 * Semantics (every adapter must follow them; see `decideGcra` in gcra.ts):
 * the Generic Cell Rate Algorithm, a sliding-window equivalent of a token
 * bucket of size `limit` refilling one unit every `windowMs / limit` ms.
 * - A fresh key allows a burst of `limit` units, then one more unit every
 *   `windowMs / limit` ms. Within any window of `windowMs` at most `limit`
 *   (plus what refilled meanwhile) is allowed, so there is no 2x burst at a
 *   window boundary as with fixed windows.
 * - After `windowMs` without traffic a key is back to the full `limit`.
 * - A denied call consumes nothing; `retryAfterMs` is exactly how long until
 *   the same `cost` would be allowed.
 * - `remaining` is how many whole units could be consumed right now after this
 *   decision.
 * - `cost` must be a positive integer no larger than `limit`, and `limit` and
 *   `windowMs` must be positive: anything else is a programming error and
 *   throws a RangeError (it is not "limited").
 *
 * The whole state of a key is one number, its theoretical arrival time (TAT),
 * which is what makes a one-statement PostgreSQL decision possible:
 *
 *   INSERT INTO rate_limits (key, tat, allowed) VALUES ($key, $now + $inc, true)
 *   ON CONFLICT (key) DO UPDATE SET
 *     allowed = GREATEST(rate_limits.tat, $now) + $inc - $window <= $now,
 *     tat = CASE WHEN GREATEST(rate_limits.tat, $now) + $inc - $window <= $now
 *                THEN GREATEST(rate_limits.tat, $now) + $inc
 *                ELSE rate_limits.tat END
 *   RETURNING tat, allowed
 *
 * where `$inc = cost * windowMs / limit` (double precision). SET expressions
 * see the old row, so both columns are computed from the same TAT under the
 * row lock taken by ON CONFLICT: concurrent calls serialise on the row and no
 * burst slips through (a read-then-write would). The caller derives
 * `remaining` / `retryAfterMs` from the returned TAT with `describeGcra`.
 * The first insert is always allowed because `cost <= limit`. Rows whose TAT is
 * in the past carry no information and can be deleted by a sweeper.
 */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** 0 when allowed; otherwise how long until `cost` units would be allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  consume(key: string, policy: RateLimitPolicy, cost?: number): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
}
