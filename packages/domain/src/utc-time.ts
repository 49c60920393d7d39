/** UTC bucket arithmetic on ms epochs. No time zones: the browser converts for display. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type BucketSize = 'hour' | 'day';

export function bucketMs(size: BucketSize): number {
  return size === 'hour' ? HOUR_MS : DAY_MS;
}

/** Start of the UTC hour/day containing `t` (floor also for times before 1970). */
export function bucketStart(t: number, size: BucketSize): number {
  const ms = bucketMs(size);
  return Math.floor(t / ms) * ms;
}

/** Largest |t| a Date can hold (±100,000,000 days). */
export const MAX_DATE_MS = 8.64e15;

/**
 * ISO text for a ms epoch, or null when it is not a finite time a Date can hold.
 * Why: escalating ban times can end past year 275760, and `new Date(x).toISOString()`
 * throws a RangeError there.
 */
export function isoOrNull(t: number | null | undefined): string | null {
  if (typeof t !== 'number' || !Number.isFinite(t) || Math.abs(t) > MAX_DATE_MS) return null;
  return new Date(t).toISOString();
}
