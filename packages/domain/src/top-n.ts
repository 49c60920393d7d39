/**
 * The n best items by `better` (a strict total order), in best-first order, with
 * a bounded heap: O(items * log n) time and O(n) memory, whatever the item count.
 */
export function topN<T>(items: Iterable<T>, n: number, better: (a: T, b: T) => boolean): T[] {
  if (n <= 0) return [];
  // Min-heap on `better`: the root is the worst of the kept items.
  const heap: T[] = [];
  const worse = (a: T, b: T) => better(b, a);
  const swap = (i: number, j: number) => {
    const t = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = t;
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as T, heap[m] as T)) m = l;
      if (r < heap.length && worse(heap[r] as T, heap[m] as T)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < n) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i] as T, heap[p] as T)) break;
        swap(i, p);
        i = p;
      }
    } else if (better(item, heap[0] as T)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
