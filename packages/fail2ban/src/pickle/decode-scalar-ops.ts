import { type OpHandler, textLine } from './decode-context.ts';
import { decodeLongBytes, normaliseInt } from './int-bytes.ts';
import { HIGHEST_PROTOCOL, Op } from './opcodes.ts';
import { parsePythonFloat } from './python-float.ts';
import { decodeRawUnicodeEscape } from './raw-unicode-escape.ts';
import { decodeUtf8 } from './utf8.ts';

const DECIMAL_INT = /^[+-]?\d+$/;

const pushUtf8: OpHandler = ({ r, m }, op) => {
  const n = op === Op.SHORT_BINUNICODE ? r.u8() : op === Op.BINUNICODE ? r.u32le() : r.u64Length();
  const at = r.pos;
  m.push(decodeUtf8(r.take(n), at));
};

/** Opcodes that push a None, bool, int, float or str, plus the PROTO/FRAME headers. */
export const scalarOps = new Map<number, OpHandler>([
  [
    Op.PROTO,
    (ctx) => {
      const version = ctx.r.u8();
      if (version > HIGHEST_PROTOCOL)
        ctx.fail('malformed', `unsupported pickle protocol: ${version}`);
    },
  ],
  [
    Op.FRAME,
    // Frames only help buffered readers. The length is still checked, so a frame cut
    // short reads as truncated right away.
    (ctx) => {
      const n = ctx.r.u64Length();
      if (n > ctx.r.remaining) ctx.fail('truncated', 'pickle data was truncated (frame)');
    },
  ],
  [Op.NONE, ({ m }) => m.push(null)],
  [Op.NEWTRUE, ({ m }) => m.push(true)],
  [Op.NEWFALSE, ({ m }) => m.push(false)],
  [Op.BININT1, ({ r, m }) => m.push(r.u8())],
  [Op.BININT2, ({ r, m }) => m.push(r.u16le())],
  [Op.BININT, ({ r, m }) => m.push(r.i32le())],
  [Op.LONG1, ({ r, m }) => m.push(decodeLongBytes(r.take(r.u8())))],
  [
    Op.LONG4,
    (ctx) => {
      const n = ctx.r.i32le();
      if (n < 0) ctx.fail('malformed', 'LONG pickle has negative byte count');
      ctx.m.push(decodeLongBytes(ctx.r.take(n)));
    },
  ],
  [
    Op.INT,
    (ctx) => {
      const s = textLine(ctx);
      // Protocol 0/1 spell True/False as INT 01/00.
      if (s === '00' || s === '01') ctx.m.push(s === '01');
      else if (DECIMAL_INT.test(s)) ctx.m.push(normaliseInt(BigInt(s)));
      else ctx.fail('malformed', 'bad INT argument');
    },
  ],
  [
    Op.LONG,
    (ctx) => {
      const s = textLine(ctx);
      const digits = s.endsWith('L') ? s.slice(0, -1) : s;
      if (!DECIMAL_INT.test(digits)) ctx.fail('malformed', 'bad LONG argument');
      ctx.m.push(normaliseInt(BigInt(digits)));
    },
  ],
  [Op.BINFLOAT, ({ r, m }) => m.push(r.f64be())],
  [
    Op.FLOAT,
    (ctx) => {
      const value = parsePythonFloat(textLine(ctx));
      if (value === undefined) return ctx.fail('malformed', 'bad FLOAT argument');
      ctx.m.push(value);
    },
  ],
  [Op.SHORT_BINUNICODE, pushUtf8],
  [Op.BINUNICODE, pushUtf8],
  [Op.BINUNICODE8, pushUtf8],
  [
    Op.UNICODE,
    ({ r, m }) => {
      const at = r.pos;
      m.push(decodeRawUnicodeEscape(r.line(), at));
    },
  ],
]);
