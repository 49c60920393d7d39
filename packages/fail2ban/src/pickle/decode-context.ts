import type { ByteReader } from './byte-reader.ts';
import type { DecodeMachine } from './decode-machine.ts';
import { PickleError, type PickleErrorCode } from './pickle-error.ts';

/** What an opcode handler may touch: the input, the machine and the error helper. */
export interface OpContext {
  readonly r: ByteReader;
  readonly m: DecodeMachine;
  /** Throws a PickleError located at the current opcode. */
  fail(code: PickleErrorCode, message: string): never;
}

export type OpHandler = (ctx: OpContext, op: number) => void;

// Text-opcode arguments (numbers, memo indexes) are short; a longer line is garbage.
const MAX_TEXT_ARG = 4096;

/** A protocol-0 argument line as Latin-1 text, bounded in length. */
export function textLine(ctx: OpContext): string {
  const line = ctx.r.line();
  if (line.length > MAX_TEXT_ARG) ctx.fail('malformed', 'text argument line is too long');
  return String.fromCharCode(...line);
}

export function createOpContext(r: ByteReader, m: DecodeMachine, at: () => number): OpContext {
  return {
    r,
    m,
    fail(code, message) {
      throw new PickleError(code, message, at());
    },
  };
}
