/**
 * Row numbers sorted by (time, row), kept lazily: rows arrive in log order, which
 * is mostly but not always time order (a backfill brings old bans late). New rows
 * wait in a pending tail; the next query sorts the tail and appends it when it is
 * all newer (the live case, O(tail)) or merges it in one O(n) pass otherwise.
 * Memory: 4 bytes per row (plus a transient copy during a merge).
 */
export interface TimeIndex {
  /** rows [indexed, rowCount) are pending */
  sync(rowCount: number): void;
  readonly size: number;
  rowAt(i: number): number;
  /** the sorted rows (valid until the next sync), for hot loops */
  rows(): Uint32Array;
  /** first index whose (time, row) is >= (t, row) */
  lowerBound(t: number, row: number): number;
  clear(): void;
}

export function createTimeIndex(timeOf: (row: number) => number): TimeIndex {
  let order = new Uint32Array(0);
  let size = 0;

  const before = (a: number, b: number) => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    return ta < tb || (ta === tb && a < b);
  };

  function ensure(capacity: number): void {
    if (capacity <= order.length) return;
    const next = new Uint32Array(Math.max(1024, order.length * 2, capacity));
    next.set(order.subarray(0, size));
    order = next;
  }

  return {
    sync(rowCount) {
      if (rowCount <= size) return;
      const tail: number[] = [];
      for (let row = size; row < rowCount; row++) tail.push(row);
      tail.sort((a, b) => timeOf(a) - timeOf(b) || a - b);
      const first = tail[0] as number;
      ensure(rowCount);
      if (size === 0 || !before(first, order[size - 1] as number)) {
        order.set(tail, size);
        size = rowCount;
        return;
      }
      // Merge from the back into the same buffer: no second full-size array.
      let i = size - 1;
      let j = tail.length - 1;
      let k = rowCount - 1;
      while (j >= 0) {
        const t = tail[j] as number;
        if (i >= 0 && before(t, order[i] as number)) order[k--] = order[i--] as number;
        else order[k--] = tail[j--] as number;
      }
      size = rowCount;
    },
    get size() {
      return size;
    },
    rowAt: (i) => order[i] as number,
    rows: () => order.subarray(0, size),
    lowerBound(t, row) {
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const r = order[mid] as number;
        const tr = timeOf(r);
        if (tr < t || (tr === t && r < row)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    clear() {
      order = new Uint32Array(0);
      size = 0;
    },
  };
}
