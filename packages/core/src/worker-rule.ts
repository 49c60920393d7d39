import type { AdapterScope } from './adapter-set.ts';

/** Thrown at startup when process-scoped state would be split across workers. */
export class WorkerRuleError extends Error {
  override readonly name = 'WorkerRuleError';
  readonly code = 'WORKER_RULE';
}

/**
 * The worker rule: process-scoped adapters are correct for exactly one worker.
 * Decided from `scope` only — an adapter's name says nothing about where its
 * state lives.
 */
export function checkWorkerRule(
  adapters: { scope: AdapterScope; name: string },
  workers: number,
): void {
  if (workers <= 1 || adapters.scope !== 'process') return;
  throw new WorkerRuleError(
    `Refusing to start ${workers} workers with the '${adapters.name}' adapter set: it keeps ` +
      'state in process memory, so each worker would have its own copy. Sessions, rate limits, ' +
      'runtime state and scheduled jobs would diverge per worker: users would be logged out at ' +
      'random when a request lands on another worker, rate limits would be multiplied by the ' +
      `worker count (${workers}x), and scheduled jobs would run once per worker. ` +
      'Fix: set BANGUI_ADAPTER=postgres (state shared by all workers), or set BANGUI_WORKERS=1.',
  );
}
