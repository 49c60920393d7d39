/** Strings to dense indexes and back, so columns can store 4-byte numbers. */
export interface InterningTable {
  intern(value: string): number;
  indexOf(value: string): number | undefined;
  at(index: number): string;
  readonly size: number;
  clear(): void;
}

export function createInterningTable(): InterningTable {
  const indexes = new Map<string, number>();
  const values: string[] = [];
  return {
    intern(value) {
      let index = indexes.get(value);
      if (index === undefined) {
        index = values.length;
        values.push(value);
        indexes.set(value, index);
      }
      return index;
    },
    indexOf: (value) => indexes.get(value),
    at: (index) => values[index] as string,
    get size() {
      return values.length;
    },
    clear() {
      indexes.clear();
      values.length = 0;
    },
  };
}
