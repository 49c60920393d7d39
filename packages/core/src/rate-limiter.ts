/**
 * Port: rate limiting. A policy allows `limit` units per `windowMs`.
 * `consume` never throws for "limited"; it returns the decision.
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
