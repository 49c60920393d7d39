/**
 * Where the store keeps event bodies (see event-body.ts), by position: in
 * process memory, or in the journal file with only their place in memory.
 */
export interface EventBodies {
  /**
   * Keeps the bodies of the events at positions first, first + 1, ... (of one
   * append to `stream`, from version firstVersion); resolves once they are
   * durable, or returns null when there is nothing to wait for. Throws, before
   * keeping anything, when they can no longer be stored.
   */
  append(
    stream: string,
    firstVersion: number,
    firstPosition: number,
    bodies: readonly string[],
  ): Promise<void> | null;
  /** the bodies at these positions (ascending), as JSON text */
  read(positions: ArrayLike<number>): string[];
  /** resolves once every append handed over is durable or has failed */
  drain(): Promise<void>;
  /** releases the storage; reads fail afterwards */
  close(): void;
}
