import type { BanObservedData, ObservationSource } from '@bangui/domain';

/** The largest ms epoch a JavaScript Date holds. */
const MAX_DATE_MS = 8.64e15;

export interface BanFacts {
  jail: string;
  id: string;
  /** time of ban, ms epoch (fail2ban keeps whole seconds) */
  bannedAt: number;
  /** -1 = permanent */
  bantimeSeconds: number;
  failures?: number;
  matches?: string[];
}

/**
 * BanObserved data for one ban, whichever channel saw it. The end is computed
 * with a range check: escalating ban times can put it beyond what a Date holds.
 */
export function banObserved(facts: BanFacts, source: ObservationSource): BanObservedData {
  const bannedAt = Math.floor(facts.bannedAt / 1000) * 1000;
  const permanent = facts.bantimeSeconds < 0;
  const end = bannedAt + facts.bantimeSeconds * 1000;
  const beyond = !permanent && !(end <= MAX_DATE_MS);
  return {
    jail: facts.jail,
    id: facts.id,
    bannedAt,
    bantimeSeconds: facts.bantimeSeconds,
    endsAt: permanent || beyond ? null : end,
    ...(beyond ? { endsBeyondRange: true } : {}),
    source,
    ...(facts.failures !== undefined ? { failures: facts.failures } : {}),
    ...(facts.matches !== undefined ? { matches: facts.matches } : {}),
  };
}
