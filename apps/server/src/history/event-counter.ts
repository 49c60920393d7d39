import type { RecordedEvent } from '@bangui/core';
import { createCheckpointGate, type Projection } from '@bangui/domain';

export interface EventCounter extends Projection {
  /** events applied since the last reset */
  count(): number;
}

/**
 * Counts the events the runner feeds: a rebuild's summary reports how many
 * events it replayed, and the runner is the only thing that sees them all.
 */
export function createEventCounter(): EventCounter {
  let count = 0;
  const gate = createCheckpointGate((_event: RecordedEvent) => {
    count++;
  });
  return {
    name: 'event-counter',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      count = 0;
      gate.reset();
    },
    count: () => count,
  };
}
