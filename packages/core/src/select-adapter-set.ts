import type { AdapterScope, AdapterSet } from './adapter-set.ts';
import { checkWorkerRule, WorkerRuleError } from './worker-rule.ts';

/** What the worker rule needs to know about an adapter set before it exists. */
export interface AdapterSetInfo {
  readonly name: string;
  readonly scope: AdapterScope;
}

/**
 * One adapter set the configuration may choose. `info` must be known without
 * creating anything (e.g. `MEMORY_ADAPTER_SET_INFO`), so a refused start opens
 * no file and no connection.
 */
export interface AdapterSetCandidate<A extends AdapterSet = AdapterSet> {
  readonly info: AdapterSetInfo;
  create(): A | Promise<A>;
}

export interface SelectAdapterSetOptions<Candidates extends Record<string, AdapterSetCandidate>> {
  /** the configured name, e.g. from an environment variable; must be a key of `candidates` */
  choice: string;
  /** how many worker processes will share this configuration (1 = single process) */
  workers: number;
  candidates: Candidates;
  /**
   * Replaces the fixes a worker-rule refusal names (BanGUI's own
   * BANGUI_ADAPTER / BANGUI_WORKERS) with this app's, e.g. "set
   * MYAPP_ADAPTER=postgres or MYAPP_WORKERS=1.". Default: BanGUI's wording.
   */
  fixHint?: string;
}

/** Thrown when the configured adapter set is not one of the candidates. */
export class UnknownAdapterSetError extends Error {
  override readonly name = 'UnknownAdapterSetError';
  readonly code = 'UNKNOWN_ADAPTER_SET';
  constructor(
    readonly choice: string,
    readonly valid: readonly string[],
  ) {
    super(`Unknown adapter set '${choice}'; valid choices: ${valid.join(', ')}.`);
  }
}

/**
 * Picks the adapter set named by `choice` and applies the worker rule to its
 * `info.scope` BEFORE creating it: a process-scoped set with more than one
 * worker throws WorkerRuleError and `create` is never called. An unknown
 * choice throws UnknownAdapterSetError listing the valid ones; a `workers`
 * value that is not a positive integer throws RangeError.
 */
export async function selectAdapterSet<Candidates extends Record<string, AdapterSetCandidate>>(
  options: SelectAdapterSetOptions<Candidates>,
): Promise<Awaited<ReturnType<Candidates[keyof Candidates]['create']>>> {
  const { choice, workers, candidates } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a positive integer, got ${String(workers)}`);
  }
  const valid = Object.keys(candidates);
  const candidate = Object.hasOwn(candidates, choice) ? candidates[choice] : undefined;
  if (!candidate) throw new UnknownAdapterSetError(choice, valid);
  try {
    checkWorkerRule(candidate.info, workers);
  } catch (error) {
    // checkWorkerRule names BanGUI's own settings as the fixes; an app names its own.
    if (options.fixHint && error instanceof WorkerRuleError) {
      error.message = error.message.replace(/Fix: .*$/s, `Fix: ${options.fixHint}`);
    }
    throw error;
  }
  const adapters = await candidate.create();
  if (adapters.scope !== candidate.info.scope) {
    // The rule was decided on info.scope: a set that turns out otherwise must not run.
    await adapters.close();
    throw new Error(
      `adapter set '${choice}' declared scope '${candidate.info.scope}' but created scope '${adapters.scope}'`,
    );
  }
  return adapters as Awaited<ReturnType<Candidates[keyof Candidates]['create']>>;
}
