import { grown } from './grown.ts';

/**
 * (jail id, address id) pairs to dense pair ids, so a projection can keep a
 * number per pair in a typed array instead of a Map per jail keyed by address
 * strings. An address's pairs form a chain in the order they were first seen:
 * an address is banned in few jails, so finding one walks a few entries.
 */
export const NO_PAIR = -1;

export function createPairTable() {
  let size = 0;
  let jailOf = new Uint32Array(0);
  let addressOf = new Uint32Array(0);
  let nextOf = new Int32Array(0);
  /** by address id: its first and last pair, NO_PAIR for none (stored + 1, so 0 is none) */
  let firstOf = new Int32Array(0);
  let lastOf = new Int32Array(0);

  function find(jail: number, address: number): number {
    let p = address < firstOf.length ? (firstOf[address] as number) - 1 : NO_PAIR;
    while (p !== NO_PAIR && jailOf[p] !== jail) p = nextOf[p] as number;
    return p;
  }

  return {
    intern(jail: number, address: number): number {
      const found = find(jail, address);
      if (found !== NO_PAIR) return found;
      if (size === jailOf.length) {
        const capacity = Math.max(1024, size * 2);
        jailOf = grown(jailOf, capacity);
        addressOf = grown(addressOf, capacity);
        nextOf = grown(nextOf, capacity);
      }
      if (address >= firstOf.length) {
        const capacity = Math.max(1024, firstOf.length * 2, address + 1);
        firstOf = grown(firstOf, capacity);
        lastOf = grown(lastOf, capacity);
      }
      const p = size++;
      jailOf[p] = jail;
      addressOf[p] = address;
      nextOf[p] = NO_PAIR;
      const last = (lastOf[address] as number) - 1;
      if (last === NO_PAIR) firstOf[address] = p + 1;
      else nextOf[last] = p;
      lastOf[address] = p + 1;
      return p;
    },
    /** the address's first pair, then `next` of each; NO_PAIR ends the chain */
    first: (address: number) =>
      address < firstOf.length ? (firstOf[address] as number) - 1 : NO_PAIR,
    next: (pair: number) => nextOf[pair] as number,
    jailOf: (pair: number) => jailOf[pair] as number,
    addressOf: (pair: number) => addressOf[pair] as number,
    get size() {
      return size;
    },
    clear(): void {
      size = 0;
      jailOf = new Uint32Array(0);
      addressOf = new Uint32Array(0);
      nextOf = new Int32Array(0);
      firstOf = new Int32Array(0);
      lastOf = new Int32Array(0);
    },
  };
}

export type PairTable = ReturnType<typeof createPairTable>;
