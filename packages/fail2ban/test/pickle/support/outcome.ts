import { type DecodeOptions, decodePickle, type PyValue } from '../../../src/pickle/index.ts';

/** Runs the decoder and returns either the value or the thrown error, for later assertions. */
export function outcome(
  bytes: Uint8Array,
  options?: DecodeOptions,
): { value: PyValue } | { error: unknown } {
  try {
    return { value: decodePickle(bytes, options) };
  } catch (error) {
    return { error };
  }
}
