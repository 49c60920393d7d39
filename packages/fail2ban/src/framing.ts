import { Fail2banError, invalidArgument, protocolError } from './errors.ts';
import type { PyInput, PyValue } from './pickle/index.ts';
import { decodePickleWithLength, encodePickle, PickleError } from './pickle/index.ts';

export const END_MARKER = '<F2B_END_COMMAND>';
export const CLOSE_MARKER = '<F2B_CLOSE_COMMAND>';
const END_BYTES = Buffer.from(END_MARKER, 'latin1');

/** Sent before a client closes: the server closes its side without replying. */
export const CLOSE_FRAME: Uint8Array = Buffer.from(CLOSE_MARKER + END_MARKER, 'latin1');

/** Throws `invalid-argument` if any string in the request (nested too) holds a framing marker. */
export function assertFrameSafe(value: PyInput): void {
  if (typeof value === 'string') {
    // fail2ban splits its input at the first END marker, so such an argument would
    // desynchronise the whole stream (vector 74: one request, two replies).
    if (value.includes(END_MARKER) || value.includes(CLOSE_MARKER)) {
      throw invalidArgument(
        `argument contains a fail2ban framing marker (${END_MARKER} or ${CLOSE_MARKER}) and cannot be sent`,
        [value],
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) assertFrameSafe(item);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const items = 'kind' in value && value.kind === 'py-tuple' ? value.items : undefined;
    if (Array.isArray(items)) {
      for (const item of items) assertFrameSafe(item as PyInput);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      assertFrameSafe(key);
      assertFrameSafe(item as PyInput);
    }
  }
}

/** Request frame: the pickled list (protocol 5, as fail2ban-client sends) + END. */
export function encodeRequest(args: PyInput[]): Buffer {
  assertFrameSafe(args);
  return Buffer.concat([encodePickle(args, 5), END_BYTES]);
}

export interface ReplyReader {
  /** Feeds received bytes; returns every reply completed by them, in order. */
  push(chunk: Uint8Array): PyValue[];
  /** Bytes buffered for an incomplete reply. */
  pending(): number;
  /** How many times the reader tried to decode its buffer (diagnostics and tests). */
  decodeAttempts(): number;
}

/**
 * Incremental reply deframer. A reply is a pickle followed by END; END can also occur inside
 * the pickle (a logged line, regex or id containing it), so a terminator only counts when
 * the pickle decodes completely and END follows its STOP exactly.
 *
 * Cost: received chunks are kept in a list and joined only when a decode is attempted, and
 * a decode (of the whole buffer: it stops at STOP) is attempted only when
 * (a) the buffer ends with END, which is how every real reply ends, or
 * (b) an END arrived since the last failed attempt and the buffer has at least doubled
 *     since then (a reply completing in the middle of a chunk, followed by the next one).
 * So a reply with thousands of END markers inside costs O(log n) attempts plus one per chunk
 * that happens to end with END, instead of one full decode per marker.
 *
 * Throws `reply-too-large` or `protocol`; after a throw the stream is desynchronised and the
 * reader must be discarded.
 */
export function createReplyReader(options: { maxReplyBytes: number }): ReplyReader {
  const { maxReplyBytes } = options;
  let chunks: Buffer[] = [];
  let total = 0;
  // The last END.length bytes received, to see whether the buffer ends with END and to
  // find an END split across two chunks.
  let tail: Buffer = Buffer.alloc(0);
  let endSeenSinceAttempt = false;
  // Buffer size at the last attempt that found the pickle incomplete (0: none yet).
  let failedAt = 0;
  // Set when the pickle was complete but its END had not fully arrived: the reply is
  // complete once the buffer holds this many bytes.
  let completeAt = 0;
  let attempts = 0;

  function joined(): Buffer {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, total)];
    return chunks[0] ?? Buffer.alloc(0);
  }

  function reset(rest: Buffer): void {
    chunks = rest.length > 0 ? [rest] : [];
    total = rest.length;
    tail = rest.subarray(-END_BYTES.length);
    endSeenSinceAttempt = rest.includes(END_BYTES);
    failedAt = 0;
    completeAt = 0;
  }

  function receive(chunk: Buffer): void {
    // An END wholly inside the chunk, or starting in the last 16 bytes before it.
    const seam = Buffer.concat([tail.subarray(1), chunk.subarray(0, END_BYTES.length - 1)]);
    if (seam.includes(END_BYTES) || chunk.includes(END_BYTES)) endSeenSinceAttempt = true;
    tail =
      chunk.length >= END_BYTES.length
        ? chunk.subarray(-END_BYTES.length)
        : Buffer.concat([tail, chunk]).subarray(-END_BYTES.length);
    chunks.push(chunk);
    total += chunk.length;
  }

  function worthTrying(): boolean {
    if (completeAt > 0) return total >= completeAt;
    if (!endSeenSinceAttempt) return false;
    return tail.equals(END_BYTES) || total >= 2 * failedAt || total > maxReplyBytes;
  }

  /** One decode attempt; a reply, or NO_REPLY when more bytes are needed. */
  function tryTakeReply(): PyValue | typeof NO_REPLY {
    attempts += 1;
    endSeenSinceAttempt = false;
    const buffer = joined();
    // A reply's pickle is at most maxReplyBytes; what lies beyond belongs to later replies.
    const window = buffer.subarray(0, Math.min(buffer.length, maxReplyBytes));
    let decoded: { value: PyValue; length: number };
    try {
      decoded = decodePickleWithLength(window, { maxBytes: maxReplyBytes });
    } catch (e) {
      if (e instanceof PickleError && e.code === 'truncated') {
        if (buffer.length > maxReplyBytes) throw tooLarge(maxReplyBytes);
        failedAt = buffer.length;
        return NO_REPLY;
      }
      if (e instanceof PickleError && e.code === 'too-large') {
        // A length field beyond maxReplyBytes, or a value that expands beyond the decoder's
        // logical limits (memo-shared structures): either way the reply is too large.
        throw new Fail2banError('reply-too-large', `fail2ban reply is too large: ${e.message}`, {
          cause: e,
        });
      }
      throw protocolError(`undecodable reply from fail2ban: ${(e as Error).message}`, e);
    }
    const after = buffer.subarray(decoded.length, decoded.length + END_BYTES.length);
    if (!END_BYTES.subarray(0, after.length).equals(after)) {
      throw protocolError(`reply pickle ended at byte ${decoded.length} but no terminator follows`);
    }
    if (after.length < END_BYTES.length) {
      // The pickle is complete but its terminator is still arriving.
      completeAt = decoded.length + END_BYTES.length;
      return NO_REPLY;
    }
    reset(buffer.subarray(decoded.length + END_BYTES.length));
    return decoded.value;
  }

  return {
    push(chunk) {
      // Copied once, so a caller reusing its buffer cannot change what was received.
      receive(Buffer.from(chunk));
      const replies: PyValue[] = [];
      while (worthTrying()) {
        const reply = tryTakeReply();
        if (reply === NO_REPLY) break;
        replies.push(reply);
      }
      // No complete reply is left (worthTrying is false), so this is one reply's beginning.
      if (total > maxReplyBytes + END_BYTES.length) throw tooLarge(maxReplyBytes);
      return replies;
    },
    pending: () => total,
    decodeAttempts: () => attempts,
  };
}

const NO_REPLY: unique symbol = Symbol('no-reply');

function tooLarge(maxReplyBytes: number): Fail2banError {
  return new Fail2banError(
    'reply-too-large',
    `fail2ban reply exceeds maxReplyBytes (${maxReplyBytes} bytes); the connection was dropped`,
  );
}
