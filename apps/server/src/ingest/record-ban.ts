import { type EventStore, WrongExpectedVersionError } from '@bangui/core';
import { type BanEndedData, type BanObservedData, banStream } from '@bangui/domain';

export type ObservedOutcome = 'recorded' | 'already-recorded';
export type EndedOutcome = 'recorded' | 'already-ended' | 'never-observed';

/**
 * Appends BanObserved as the first event of the ban's own stream. The stream
 * is keyed by (jail, ID, time of ban), so when several channels see the same
 * ban, exactly one append wins and the others learn it is already recorded.
 */
export async function recordBanObserved(
  store: EventStore,
  data: BanObservedData,
): Promise<ObservedOutcome> {
  try {
    await store.append(
      banStream(data.jail, data.id, data.bannedAt),
      [{ type: 'BanObserved', data }],
      {
        expectedVersion: 'no-stream',
      },
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return 'already-recorded';
    throw error;
  }
}

/** Appends BanEnded as the second event of the ban's stream: recorded once, whoever sees it first. */
export async function recordBanEnded(store: EventStore, data: BanEndedData): Promise<EndedOutcome> {
  try {
    await store.append(banStream(data.jail, data.id, data.bannedAt), [{ type: 'BanEnded', data }], {
      expectedVersion: 1,
    });
    return 'recorded';
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      return error.actual === 0 ? 'never-observed' : 'already-ended';
    }
    throw error;
  }
}
