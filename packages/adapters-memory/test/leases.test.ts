import { createManualClock } from '@bangui/core';
import { leasesContract } from '@bangui/core/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryLeases } from '../src/memory-leases.ts';

const noPeer = 'process-scoped adapter: a second instance never shares state (one worker only)';

leasesContract('memory', ({ clock }) => ({ instance: createMemoryLeases({ clock }) }), {
  skip: { 'peer-exclusion': noPeer, 'peer-claim-tick': noPeer },
});

describe('memory leases stay bounded', () => {
  it('remembers a tick claim for the retention period, then forgets it', async () => {
    const clock = createManualClock();
    const leases = createMemoryLeases({ clock, claimRetentionMs: 1000 });
    const tick = clock.now();
    expect(await leases.claimTick('job', tick, 'a')).toBe(true);
    clock.advance(999);
    expect(await leases.claimTick('job', tick, 'b')).toBe(false);
    clock.advance(1);
    // Pruned: the claim is gone, which is what keeps memory bounded.
    expect(await leases.claimTick('job', tick, 'b')).toBe(true);
  });

  it('prunes old claims even when only other ticks are claimed', async () => {
    const clock = createManualClock();
    const leases = createMemoryLeases({ clock, claimRetentionMs: 1000 });
    const first = clock.now();
    await leases.claimTick('job', first, 'a');
    for (let i = 1; i <= 5; i++) {
      clock.advance(500);
      expect(await leases.claimTick('job', first + i * 500, 'a')).toBe(true);
    }
    expect(await leases.claimTick('job', first, 'b')).toBe(true);
  });
});
