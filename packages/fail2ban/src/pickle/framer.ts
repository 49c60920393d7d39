import { type ByteSink, createByteSink } from './byte-sink.ts';
import { Op } from './opcodes.ts';

/** CPython's `_Framer`: frames of ~64 KiB; a header only for frames of >= 4 bytes. */
export const FRAME_SIZE_MIN = 4;
export const FRAME_SIZE_TARGET = 64 * 1024;

export interface Framer {
  /** Where opcodes go: the open frame when framing, else the output. */
  readonly sink: ByteSink;
  /** Called before saving each object: closes the frame once it reached the target size. */
  boundary(): void;
  /** Large payloads bypass framing: close the frame, then write header+payload unframed. */
  writeLarge(header: Uint8Array, payload: Uint8Array): void;
  start(): void;
  /** Closes the last frame and returns the whole pickle. */
  finish(): Uint8Array;
}

export function createFramer(): Framer {
  const out = createByteSink();
  let frame: ByteSink | undefined;

  function commit(force: boolean): void {
    if (frame === undefined || (frame.length < FRAME_SIZE_TARGET && !force)) return;
    if (frame.length >= FRAME_SIZE_MIN) {
      out.byte(Op.FRAME);
      out.bytes(u64le(frame.length));
    }
    out.bytes(frame.view());
    frame = createByteSink();
  }

  return {
    get sink() {
      return frame ?? out;
    },
    boundary: () => commit(false),
    writeLarge(header, payload) {
      commit(true);
      out.bytes(header);
      out.bytes(payload);
    },
    start() {
      frame = createByteSink();
    },
    finish() {
      if (frame !== undefined && frame.length > 0) commit(true);
      frame = undefined;
      return out.view().slice();
    },
  };
}

export function u64le(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}
