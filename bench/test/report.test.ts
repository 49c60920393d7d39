import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/measure.ts';
import { ratios } from '../src/report.ts';
import { seededRandom, summarize } from '../src/stats.ts';

const result = (name: string, unit: CaseResult['unit'], samples: number[]): CaseResult => ({
  name,
  unit,
  runs: samples.length,
  ...summarize(samples),
});

describe('summarize', () => {
  it('gives min, median and max for odd and even sample counts', () => {
    expect(summarize([5, 1, 3])).toMatchObject({ min: 1, median: 3, max: 5 });
    expect(summarize([4, 1, 3, 2])).toMatchObject({ min: 1, median: 2.5, max: 4 });
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('ratios', () => {
  it('compares medians and says which side is better for latencies', () => {
    const [row] = ratios({
      suite: 't',
      cases: [result('cli', 'ms/op', [120, 130, 140]), result('socket', 'ms/op', [0.1, 0.13, 0.2])],
      comparisons: [{ label: 'ping', subject: 'socket', baseline: 'cli' }],
    });
    expect(row?.ratio).toBeCloseTo(0.001, 6);
    expect(row?.meaning).toBe('socket is 1000x better than cli');
  });

  it('treats higher throughput as better', () => {
    const [row] = ratios({
      suite: 't',
      cases: [result('a', 'ops/s', [50]), result('b', 'ops/s', [100])],
      comparisons: [{ label: 'x', subject: 'a', baseline: 'b' }],
    });
    expect(row?.meaning).toBe('a is 2.00x worse than b');
  });
});

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });
});
