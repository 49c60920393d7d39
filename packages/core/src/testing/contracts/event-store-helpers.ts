import type { NewEvent, RecordedEvent } from '../../event-store.ts';

/** Small builders shared by the event-store contract's case files. */
export const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });
export const nums = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
export const numbered = (from: number, count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ev('numbered', { n: from + i }));
