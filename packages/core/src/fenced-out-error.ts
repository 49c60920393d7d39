/**
 * A fenced write was refused: the stored entry was written under a newer
 * acquisition of the same lease (a higher fencing token). The writer's lease
 * expired and someone took it over, so the writer must stop, not retry.
 */
export class FencedOutError extends Error {
  override readonly name = 'FencedOutError';
  readonly code = 'FENCED_OUT';
  constructor(
    readonly key: string,
    readonly lease: string,
    /** the token the refused writer holds */
    readonly writerToken: number,
    /** the higher token already stored under the key */
    readonly fencingToken: number,
  ) {
    super(
      `write to '${key}' refused: lease '${lease}' token ${writerToken} is older than the stored token ${fencingToken}`,
    );
  }
}
