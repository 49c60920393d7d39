import type { RecordedEvent } from '@bangui/core';
import { isAfter } from './position.ts';

/**
 * A read model built from the event log. `apply` ignores any event at or before
 * the checkpoint, so replaying an overlapping range (a retry, a subscription that
 * re-delivers, a crash between apply and checkpoint save) changes nothing.
 */
export interface Projection {
  readonly name: string;
  /** position of the last applied event, null before the first */
  checkpoint(): string | null;
  apply(event: RecordedEvent): void;
  /** back to the empty state with a null checkpoint (for a rebuild) */
  reset(): void;
}

/**
 * Wraps a projection's event handler with the checkpoint rule. The handler sees
 * each position at most once, in increasing order.
 */
export function createCheckpointGate(handle: (event: RecordedEvent) => void): {
  checkpoint(): string | null;
  apply(event: RecordedEvent): void;
  reset(): void;
} {
  let checkpoint: string | null = null;
  return {
    checkpoint: () => checkpoint,
    apply(event) {
      if (!isAfter(event.position, checkpoint)) return;
      handle(event);
      checkpoint = event.position;
    },
    reset() {
      checkpoint = null;
    },
  };
}
