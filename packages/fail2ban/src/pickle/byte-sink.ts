/** Append-only growable byte buffer (doubling, so appends are amortised O(1)). */
export interface ByteSink {
  readonly length: number;
  byte(b: number): void;
  bytes(data: Uint8Array): void;
  /** Writes a string of code points < 256 (opcode text, ASCII numbers). */
  ascii(text: string): void;
  /** A view of everything written so far (not a copy). */
  view(): Uint8Array;
}

export function createByteSink(initialCapacity = 256): ByteSink {
  let buf = new Uint8Array(initialCapacity);
  let len = 0;

  function reserve(extra: number): void {
    if (len + extra <= buf.length) return;
    let cap = buf.length * 2;
    while (cap < len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(buf.subarray(0, len));
    buf = next;
  }

  return {
    get length() {
      return len;
    },
    byte(b) {
      reserve(1);
      buf[len++] = b;
    },
    bytes(data) {
      reserve(data.length);
      buf.set(data, len);
      len += data.length;
    },
    ascii(text) {
      reserve(text.length);
      for (let i = 0; i < text.length; i++) buf[len++] = text.charCodeAt(i);
    },
    view() {
      return buf.subarray(0, len);
    },
  };
}
