import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, type EventStore, WrongExpectedVersionError } from '@bangui/core';
import { type BanEndedData, type BanObservedData, banStream } from '@bangui/domain';
import { type BanStreamState, foldBanStream } from './ban-stream-state.ts';
import { type Decided, decideEnded, decideObserved } from './decide-ban.ts';
import type { LiftMarks } from './lift-marks.ts';

export type ObservedOutcome = 'recorded' | 'already-recorded';
export type EndedOutcome = 'recorded' | 'already-ended' | 'never-observed';

export interface BanRecorder {
  /** Records a ban seen by a channel, unless its (jail, ID) stream already holds it. */
  observed(data: BanObservedData): Promise<ObservedOutcome>;
  /** Records the end of a ban the stream holds, once, whoever sees it first. */
  ended(data: BanEndedData): Promise<EndedOutcome>;
}

export interface BanRecorderDeps {
  eventStore: EventStore;
  clock: Clock;
  /** when given, an end that would be 'lifted-by-fail2ban' is 'lifted-through-bangui' while marked */
  liftMarks?: LiftMarks;
}

/** Enough for any realistic number of channels and workers racing on one (jail, ID). */
const MAX_ATTEMPTS = 20;
const READABLE_POLL_MS = 2;
const READABLE_WAIT_MS = 5_000;

/**
 * Every channel (poll, backfill, push, the ban and unban routes) records bans
 * through this: read the (jail, ID) stream, decide, append with the exact
 * version read. A writer that loses a race reads again and decides again, so
 * whichever order the channels arrive in, a ban is recorded once and each end
 * once, and a newer ban ends the older in the same atomic append.
 */
export function createBanRecorder(deps: BanRecorderDeps): BanRecorder {
  const { eventStore, clock, liftMarks } = deps;

  async function attribute(event: Decided): Promise<Decided> {
    if (event.kind !== 'BanEnded' || event.data.reason !== 'lifted-by-fail2ban' || !liftMarks) {
      return event;
    }
    const mark = await liftMarks.get(event.data.jail, event.data.id);
    if (!mark) return event;
    return {
      kind: 'BanEnded',
      data: { ...event.data, reason: 'lifted-through-bangui', actor: mark.actor },
    };
  }

  /** Reads, decides and appends until an append wins; returns what `decide` returned last. */
  async function settle<R>(
    stream: string,
    decide: (state: BanStreamState) => { append: Decided[]; result: R },
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const state = foldBanStream(await eventStore.readStream(stream));
      const { append, result } = decide(state);
      if (append.length === 0) return result;
      const events = await Promise.all(append.map(attribute));
      try {
        await eventStore.append(
          stream,
          events.map((e) => ({ type: e.kind, data: e.data })),
          { expectedVersion: state.version },
        );
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        await readableUpTo(stream, error.actual);
      }
    }
  }

  /**
   * Waits until the winner's events can be read. Why: a store may acknowledge (and
   * make readable) an append only once it is durable, e.g. after the journal's
   * fsync, while it already counts the version; re-reading at once would see the
   * old version again and lose every retry within those milliseconds.
   */
  async function readableUpTo(stream: string, version: number): Promise<void> {
    for (let waited = 0; waited < READABLE_WAIT_MS; waited += READABLE_POLL_MS) {
      const events = await eventStore.readStream(stream, { fromVersion: version, limit: 1 });
      if (events.length > 0) return;
      await sleep(READABLE_POLL_MS);
    }
  }

  return {
    observed(data) {
      return settle(banStream(data.jail, data.id), (state) => {
        const append = decideObserved(state, data, clock.now());
        return { append, result: append.length > 0 ? 'recorded' : 'already-recorded' };
      });
    },
    ended(data) {
      return settle(banStream(data.jail, data.id), (state) => {
        const decision = decideEnded(state, data);
        if (decision.kind !== 'append') return { append: [], result: decision.kind };
        return { append: [{ kind: 'BanEnded', data: decision.data }], result: 'recorded' };
      });
    },
  };
}
