export interface RestartPolicyOptions {
  /** this many crashes within `windowMs` and the supervisor gives up (default 5) */
  maxCrashes?: number;
  /** default 60 s */
  windowMs?: number;
  /** the first restart waits this long, each further crash in the window twice as long (default 200 ms) */
  baseDelayMs?: number;
  /** default 5 s */
  maxDelayMs?: number;
}

export type RestartDecision =
  | { giveUp: false; delayMs: number }
  | { giveUp: true; crashes: number };

export interface RestartPolicy {
  /** Records a crash at `now` and says whether (and after how long) to restart. */
  onCrash(now: number): RestartDecision;
  readonly windowMs: number;
}

/**
 * When to restart a crashed worker. A worker that crashes now and then is
 * restarted almost at once; one that keeps crashing (a bad deployment, the
 * database refusing connections for good) is restarted ever more slowly, and
 * after `maxCrashes` within the window the supervisor stops trying: a crash
 * loop hides the error and burns CPU, an exit makes the orchestrator (systemd,
 * Docker) and the operator see it.
 */
export function createRestartPolicy(options: RestartPolicyOptions = {}): RestartPolicy {
  const maxCrashes = options.maxCrashes ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  let crashes: number[] = [];
  return {
    windowMs,
    onCrash(now) {
      crashes = [...crashes.filter((at) => at > now - windowMs), now];
      if (crashes.length >= maxCrashes) return { giveUp: true, crashes: crashes.length };
      return {
        giveUp: false,
        delayMs: Math.min(maxDelayMs, baseDelayMs * 2 ** (crashes.length - 1)),
      };
    },
  };
}
