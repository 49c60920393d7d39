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
}

/**
 * Incremental reply deframer. A reply is a pickle followed by END; END can also occur inside
 * the pickle (a logged line or regex containing it), so a terminator only counts when the
 * pickle before it decodes completely and ends exactly there. Throws `reply-too-large` or
 * `protocol`; after a throw the stream is desynchronised and the reader must be discarded.
 */
export function createReplyReader(options: { maxReplyBytes: number }): ReplyReader {
  const { maxReplyBytes } = options;
  let buffer: Buffer = Buffer.alloc(0);
  // Where to resume searching for END: everything before it was already ruled out.
  let searchFrom = 0;

  function tryTakeReply(): PyValue | typeof NO_REPLY {
    for (;;) {
      const end = buffer.indexOf(END_BYTES, searchFrom);
      if (end < 0) {
        searchFrom = Math.max(0, buffer.length - END_BYTES.length + 1);
        if (buffer.length > maxReplyBytes) throw tooLarge(maxReplyBytes);
        return NO_REPLY;
      }
      if (end > maxReplyBytes) throw tooLarge(maxReplyBytes);
      let decoded: { value: PyValue; length: number };
      try {
        decoded = decodePickleWithLength(buffer.subarray(0, end), { maxBytes: maxReplyBytes });
      } catch (e) {
        if (e instanceof PickleError && e.code === 'truncated') {
          // The END bytes were data inside the pickle: keep looking further on.
          searchFrom = end + 1;
          continue;
        }
        throw protocolError(`undecodable reply from fail2ban: ${(e as Error).message}`, e);
      }
      if (decoded.length !== end) {
        throw protocolError(
          `reply pickle ended at byte ${decoded.length} but the terminator is at byte ${end}`,
        );
      }
      buffer = buffer.subarray(end + END_BYTES.length);
      searchFrom = 0;
      return decoded.value;
    }
  }

  return {
    push(chunk) {
      buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
      const replies: PyValue[] = [];
      for (;;) {
        const reply = tryTakeReply();
        if (reply === NO_REPLY) return replies;
        replies.push(reply);
      }
    },
    pending: () => buffer.length,
  };
}

const NO_REPLY: unique symbol = Symbol('no-reply');

function tooLarge(maxReplyBytes: number): Fail2banError {
  return new Fail2banError(
    'reply-too-large',
    `fail2ban reply exceeds maxReplyBytes (${maxReplyBytes} bytes); the connection was dropped`,
  );
}
