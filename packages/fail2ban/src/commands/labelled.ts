import { protocolError } from '../errors.ts';
import type { PyValue } from '../pickle/index.ts';

/**
 * fail2ban's status replies are lists of `(label, value)` tuples, nested for sections
 * (`("Filter", [...])`). Returns every leaf label -> value, sections flattened, so parsing
 * goes by label and tolerates entries added by other versions or flavors.
 */
export function labelledEntries(list: PyValue[], what: string): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  for (const entry of list) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      throw protocolError(`expected (label, value) pairs in ${what}`);
    }
    const [label, value] = entry as [string, PyValue];
    if (Array.isArray(value) && value.length > 0 && value.every(isPair)) {
      for (const [k, v] of labelledEntries(value, `${what}/${label}`)) out.set(k, v);
    } else {
      out.set(label, value);
    }
  }
  return out;
}

function isPair(v: PyValue): boolean {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string';
}
