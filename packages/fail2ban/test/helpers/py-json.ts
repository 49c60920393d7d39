import { isPyOpaque, type PyValue } from '../../src/index.ts';

/**
 * Converts a decoded reply to the JSON form the vector files use (`decoded`): exceptions
 * as `{ __exception__, args, state? }`, bigints as numbers (JSON.parse rounds the same way).
 */
export function toVectorJson(v: PyValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toVectorJson);
  if (isPyOpaque(v)) {
    const out: Record<string, unknown> = { __exception__: v.type, args: v.args.map(toVectorJson) };
    if (v.state !== undefined) out.state = toVectorJson(v.state);
    return out;
  }
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toVectorJson(x)]));
  }
  return v;
}
