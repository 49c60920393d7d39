export type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** A copy of `array` with room for `capacity` entries (new entries are 0). */
export function grown<T extends Column>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
