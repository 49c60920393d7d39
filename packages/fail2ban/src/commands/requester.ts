import type { PyInput, PyValue } from '../pickle/index.ts';

/** What every command module needs: a raw request returning the unwrapped value. */
export type Requester = (args: PyInput[], options?: { timeoutMs?: number }) => Promise<PyValue>;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
