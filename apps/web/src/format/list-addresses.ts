// A pasted block of hundreds of addresses must not turn a one-line message into a wall.
const shownAtMost = 5;

/** "a, b, c" or "a, b, c, d, e and 7 more". */
export function listAddresses(addresses: readonly string[]): string {
  const shown = addresses.slice(0, shownAtMost).join(', ');
  const more = addresses.length - shownAtMost;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
