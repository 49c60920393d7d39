import { describe, expect, it } from 'vitest';
import { decideGcra } from '../src/gcra.ts';

describe('decideGcra', () => {
  it('handles intervals that are not whole milliseconds without losing a unit', () => {
    const policy = { limit: 3, windowMs: 1000 };
    let tat: number | undefined;
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = decideGcra(tat, 0, policy);
      expect(result.decision.allowed).toBe(true);
      remaining.push(result.decision.remaining);
      tat = result.tat;
    }
    expect(remaining).toEqual([2, 1, 0]);
    const denied = decideGcra(tat, 0, policy);
    expect(denied.decision.allowed).toBe(false);
    // one unit refills after 1000/3 ms, rounded up to a whole millisecond
    expect(denied.decision.retryAfterMs).toBe(334);
    expect(decideGcra(tat, 334, policy).decision.allowed).toBe(true);
  });

  it('keeps the stored TAT unchanged when denying', () => {
    const policy = { limit: 1, windowMs: 100 };
    const first = decideGcra(undefined, 0, policy);
    const denied = decideGcra(first.tat, 10, policy);
    expect(denied.tat).toBe(first.tat);
    expect(denied.decision.retryAfterMs).toBe(90);
  });

  it('sustains exactly limit per window over a long run of steady traffic', () => {
    const policy = { limit: 7, windowMs: 1000 };
    let tat: number | undefined;
    let allowed = 0;
    for (let now = 0; now < 10_000; now++) {
      const result = decideGcra(tat, now, policy);
      if (result.decision.allowed) allowed++;
      tat = result.tat;
    }
    // a burst of 7 at t=0, then one at each k*1000/7 ms for k = 1..69 (k = 70 is t=10 000, past the run)
    expect(allowed).toBe(7 + 69);
  });
});
