import type { EventStore } from '@bangui/core';

/**
 * Head position minus the read models' checkpoint. Positions are integers in
 * both adapter sets (PostgreSQL's may skip numbers, so there it is an upper
 * bound on the events behind); anything else is not measured.
 */
export function projectionLag(
  eventStore: Pick<EventStore, 'headPosition'>,
  checkpoint: () => string | null,
): () => Promise<number | undefined> {
  return async () => {
    const head = await eventStore.headPosition();
    if (head === null) return 0;
    const applied = checkpoint() ?? '0';
    if (!/^\d+$/.test(head) || !/^\d+$/.test(applied)) return undefined;
    return Number(BigInt(head) - BigInt(applied));
  };
}
