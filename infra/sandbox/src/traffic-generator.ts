import { documentationIpPool } from './documentation-ip.ts';
import { mulberry32 } from './mulberry32.ts';
import type { Sandbox } from './start-sandbox.ts';

export interface TrafficGeneratorOptions {
  /** Average failed-login lines per second across all jails (default 3). */
  linesPerSecond?: number;
  /** PRNG seed; the same seed gives the same sequence of lines (default 1). */
  seed?: number;
  /** Jails to target (default: all of the sandbox's jails). */
  jails?: readonly string[];
  /** Called when a write fails; the generator keeps going. Default: stderr. */
  onError?: (error: unknown) => void;
}

export interface TrafficGenerator {
  stop(): void;
}

interface Attacker {
  jail: string;
  ip: string;
  remaining: number;
}

// A few attackers interleave, each sending a burst of 1..MAX_BURST attempts.
// Bursts longer than a jail's maxretry (2, 3 or 5) end in a ban within
// seconds; shorter ones stay "currently failed", as on a real host.
const MAX_CONCURRENT_ATTACKERS = 3;
const MAX_BURST = 7;

/**
 * Appends failed-login lines to the sandbox's jail logs at a modest random
 * pace, from documentation addresses only, so that bans happen on their own.
 */
export function startTrafficGenerator(
  sandbox: Pick<Sandbox, 'jails' | 'appendFailures'>,
  options: TrafficGeneratorOptions = {},
): TrafficGenerator {
  const linesPerSecond = options.linesPerSecond ?? 3;
  if (!(linesPerSecond > 0)) throw new Error(`linesPerSecond must be > 0: ${linesPerSecond}`);
  const jails = options.jails ?? sandbox.jails;
  if (jails.length === 0) throw new Error('no jails to send traffic to');
  const random = mulberry32(options.seed ?? 1);
  const pickIp = documentationIpPool(random);
  const onError =
    options.onError ?? ((error: unknown) => process.stderr.write(`traffic generator: ${error}\n`));
  const attackers: Attacker[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const nextAttacker = (): Attacker => {
    if (attackers.length < MAX_CONCURRENT_ATTACKERS) {
      attackers.push({
        jail: pick(jails),
        ip: pickIp(),
        remaining: 1 + Math.floor(random() * MAX_BURST),
      });
    }
    return pick(attackers);
  };

  const tick = () => {
    const attacker = nextAttacker();
    attacker.remaining--;
    if (attacker.remaining <= 0) attackers.splice(attackers.indexOf(attacker), 1);
    sandbox.appendFailures(attacker.jail, attacker.ip).catch(onError);
    schedule();
  };

  const schedule = () => {
    if (stopped) return;
    // Exponential gaps (a Poisson process) look like real, bursty traffic.
    const delayMs = (-Math.log(1 - random()) / linesPerSecond) * 1000;
    timer = setTimeout(tick, Math.min(delayMs, 10_000));
  };

  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
