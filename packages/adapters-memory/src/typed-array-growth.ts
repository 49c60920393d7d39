type GrowableArray = Uint32Array | Float64Array;

/**
 * The array itself when it holds `needed` slots, else a copy at least twice as
 * large: appending n values one by one costs O(n) copying in total, and the
 * slack never exceeds the data (the bound that keeps the event index compact).
 */
export function withCapacity<T extends GrowableArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = Math.max(array.length * 2, 4);
  while (size < needed) size *= 2;
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}
