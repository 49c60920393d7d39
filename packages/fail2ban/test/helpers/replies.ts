import { encodePickle, type PyInput, pyTuple } from '../../src/index.ts';

const END = Buffer.from('<F2B_END_COMMAND>', 'latin1');

/** A framed `(0, value)` success reply, as fail2ban would send it. */
export function okReply(value: PyInput): Buffer {
  return Buffer.concat([encodePickle(pyTuple(0, value), 5), END]);
}

/** Any framed pickle (e.g. a bare string, as fail2ban sends for unreadable requests). */
export function rawReply(value: PyInput): Buffer {
  return Buffer.concat([encodePickle(value, 5), END]);
}
