import { describe, expect, it } from 'vitest';
import { checkWorkerRule, WorkerRuleError } from '../src/worker-rule.ts';

describe('checkWorkerRule', () => {
  it('rejects process-scoped adapters with more than one worker', () => {
    expect(() => checkWorkerRule({ name: 'memory', scope: 'process' }, 2)).toThrow(WorkerRuleError);
  });

  it('reads scope, not name: a process-scoped adapter named postgres is rejected', () => {
    expect(() => checkWorkerRule({ name: 'postgres', scope: 'process' }, 4)).toThrow(
      WorkerRuleError,
    );
  });

  it('reads scope, not name: a shared adapter named memory passes', () => {
    expect(() => checkWorkerRule({ name: 'memory', scope: 'shared' }, 8)).not.toThrow();
  });

  it('allows a process-scoped adapter with a single worker', () => {
    expect(() => checkWorkerRule({ name: 'memory', scope: 'process' }, 1)).not.toThrow();
  });

  it('explains what breaks and names both fixes', () => {
    let error: unknown;
    try {
      checkWorkerRule({ name: 'memory', scope: 'process' }, 3);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkerRuleError);
    const message = (error as Error).message;
    for (const phrase of [
      'Sessions',
      'rate limits',
      'runtime state',
      'scheduled jobs',
      'logged out',
      'once per worker',
      'BANGUI_ADAPTER=postgres',
      'BANGUI_WORKERS=1',
    ]) {
      expect(message).toContain(phrase);
    }
    expect((error as WorkerRuleError).name).toBe('WorkerRuleError');
  });
});
