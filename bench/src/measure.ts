import { type Summary, summarize } from './stats.ts';

export type Unit = 'ms/op' | 'ops/s' | 's' | 'MB';

/** Lower is better for times and sizes, higher for throughput. */
export function higherIsBetter(unit: Unit): boolean {
  return unit === 'ops/s';
}

export interface CaseResult extends Summary {
  name: string;
  unit: Unit;
  runs: number;
}

export interface CaseOptions {
  name: string;
  unit: Unit;
  /** measured runs; each yields one value in `unit` */
  runs: number;
  /** discarded runs first, to warm up JIT, caches and connections */
  warmup: number;
  run: () => Promise<number>;
}

export async function measureCase(options: CaseOptions): Promise<CaseResult> {
  for (let i = 0; i < options.warmup; i++) await options.run();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) samples.push(await options.run());
  return { name: options.name, unit: options.unit, runs: options.runs, ...summarize(samples) };
}

/** Times `iterations` sequential calls and returns milliseconds per call. */
export async function msPerOp(iterations: number, op: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await op();
  return (performance.now() - start) / iterations;
}
