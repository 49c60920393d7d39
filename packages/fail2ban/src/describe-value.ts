import { isPyOpaque, type PyValue } from './pickle/index.ts';

// Larger bigints are described by size only: converting a LONG4 int of millions of bits
// to text costs seconds and memory, and nobody reads such a number in an error message.
const BIGINT_PRINT_LIMIT = 2n ** 256n;

/**
 * A short, Python-like rendering of a decoded reply for error messages, at most `maxChars`
 * characters plus an ellipsis. It writes left to right and stops as soon as the budget is
 * spent, so shared sub-structures (a DAG built with the memo) or even cycles are never
 * expanded, bigints are fine, and the cost is O(maxChars) whatever the value's size.
 * Never use JSON.stringify/String() on a reply: both expand shared structures and throw.
 */
export function describeValue(value: unknown, maxChars = 200): string {
  let out = '';
  const full = () => out.length >= maxChars;
  const write = (text: string) => {
    out += text.slice(0, maxChars - out.length + 1);
  };

  function visit(v: unknown): void {
    if (full()) return;
    if (Array.isArray(v)) visitItems('[', v, ']');
    else if (isPyOpaque(v)) {
      write(v.type);
      visitItems('(', v.args, ')');
    } else if (typeof v === 'object' && v !== null) visitDict(v as Record<string, PyValue>);
    else write(describeScalar(v, maxChars));
  }

  function visitItems(open: string, items: readonly unknown[], close: string): void {
    write(open);
    // Index loop with an early exit: a huge list costs only what fits in the budget.
    for (let i = 0; i < items.length && !full(); i++) {
      if (i > 0) write(', ');
      visit(items[i]);
    }
    write(close);
  }

  function visitDict(dict: Record<string, unknown>): void {
    write('{');
    let first = true;
    // for..in stops early, unlike Object.entries which would copy every entry first.
    for (const key in dict) {
      if (full()) break;
      if (!first) write(', ');
      first = false;
      write(`${JSON.stringify(key.slice(0, maxChars))}: `);
      visit(dict[key]);
    }
    write('}');
  }

  visit(value);
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}

function describeScalar(v: unknown, maxChars: number): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return describeBigint(v);
  if (typeof v === 'string') return JSON.stringify(v.slice(0, maxChars));
  if (typeof v === 'number') return String(v);
  return typeof v;
}

function describeBigint(v: bigint): string {
  if (v < BIGINT_PRINT_LIMIT && v > -BIGINT_PRINT_LIMIT) return v.toString();
  return v < 0n ? '<int below -2**256>' : '<int above 2**256>';
}
