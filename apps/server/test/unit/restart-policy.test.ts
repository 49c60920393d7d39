import { describe, expect, it } from 'vitest';
import { createRestartPolicy } from '../../src/cluster/restart-policy.ts';

describe('restart policy of the cluster primary', () => {
  it('backs off exponentially up to the cap, then gives up after maxCrashes within the window', () => {
    const policy = createRestartPolicy({
      maxCrashes: 5,
      windowMs: 60_000,
      baseDelayMs: 200,
      maxDelayMs: 1_000,
    });
    expect([0, 1, 2, 3].map((t) => policy.onCrash(t * 1_000))).toEqual([
      { giveUp: false, delayMs: 200 },
      { giveUp: false, delayMs: 400 },
      { giveUp: false, delayMs: 800 },
      { giveUp: false, delayMs: 1_000 },
    ]);
    expect(policy.onCrash(4_000)).toEqual({ giveUp: true, crashes: 5 });
  });

  it('forgets crashes older than the window', () => {
    const policy = createRestartPolicy({ maxCrashes: 3, windowMs: 10_000, baseDelayMs: 100 });
    policy.onCrash(0);
    policy.onCrash(1_000);
    expect(policy.onCrash(20_000)).toEqual({ giveUp: false, delayMs: 100 });
  });
});
