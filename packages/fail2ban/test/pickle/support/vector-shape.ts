import { isPyOpaque, type PyValue } from '../../../src/pickle/index.ts';

/** The vectors' JSON rendering of a decoded reply: exceptions as `{__exception__, args, state?}`. */
export function toVectorShape(v: PyValue): unknown {
  if (Array.isArray(v)) return v.map(toVectorShape);
  if (isPyOpaque(v)) {
    const out: Record<string, unknown> = { __exception__: v.type, args: v.args.map(toVectorShape) };
    if (v.state !== undefined) out.state = toVectorShape(v.state);
    return out;
  }
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toVectorShape(x)]));
  }
  return v;
}
