/**
 * - `truncated`: the input ended before STOP. More bytes could make it valid, so a framing
 *   reader should keep reading (the END terminator may sit inside a string).
 * - `malformed`: the bytes can never form a valid pickle (bad UTF-8, stack underflow, ...).
 * - `unsupported-opcode`: a valid opcode this decoder refuses (bytes, PERSID, NEWOBJ, ...).
 * - `unsupported-value`: a value this codec cannot represent (e.g. an unhashable dict key,
 *   or an encoder input that is not a PyInput).
 * - `too-large`: input, a length field or the memo exceeds the configured limits.
 * - `too-deep`: the decoded value nests deeper than `maxDepth`.
 * - `trailing-data`: bytes follow STOP where none were expected.
 */
export type PickleErrorCode =
  | 'truncated'
  | 'malformed'
  | 'unsupported-opcode'
  | 'unsupported-value'
  | 'too-large'
  | 'too-deep'
  | 'trailing-data';

export class PickleError extends Error {
  readonly code: PickleErrorCode;
  /** Byte offset in the input where the problem was detected (decoder only). */
  readonly offset: number | undefined;

  constructor(code: PickleErrorCode, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'PickleError';
    this.code = code;
    this.offset = offset;
  }
}
