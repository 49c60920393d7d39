import { withCapacity } from './typed-array-growth.ts';

/**
 * What the store must know about every event without reading its body: its
 * stream and version, and per stream the positions of its events. Kept in
 * typed arrays (about 12 bytes per event) instead of one object per event, so
 * a journal of millions of events fits the backend's memory limit. Positions
 * are 1-based; a Uint32Array caps the log at 2^32 - 1 events.
 */
export interface EventIndex {
  /** events sequenced so far (positions 1..length), readable or still being written */
  readonly length: number;
  /** the stream's current version: its number of events, 0 for an unknown stream */
  versionOf(stream: string): number;
  /** sequences `count` events of `stream` at positions length + 1 .. length + count */
  add(stream: string, count: number): void;
  /** the positions of the stream's events in version order (a view: do not keep it) */
  positionsOf(stream: string): Uint32Array;
  streamAt(position: number): string;
  versionAt(position: number): number;
}

export function createEventIndex(): EventIndex {
  // Streams are interned: each name is kept once, events refer to it by number.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const streamPositions: Uint32Array[] = [];
  let streamLengths = new Uint32Array(0);
  let eventStreams = new Uint32Array(0);
  let eventVersions = new Uint32Array(0);
  let length = 0;

  const idOf = (stream: string): number => {
    let id = ids.get(stream);
    if (id === undefined) {
      id = names.length;
      ids.set(stream, id);
      names.push(stream);
      streamPositions.push(new Uint32Array(0));
      streamLengths = withCapacity(streamLengths, names.length);
    }
    return id;
  };

  return {
    get length() {
      return length;
    },
    versionOf(stream) {
      const id = ids.get(stream);
      return id === undefined ? 0 : (streamLengths[id] as number);
    },
    add(stream, count) {
      const id = idOf(stream);
      const version = streamLengths[id] as number;
      eventStreams = withCapacity(eventStreams, length + count);
      eventVersions = withCapacity(eventVersions, length + count);
      const positions = withCapacity(streamPositions[id] as Uint32Array, version + count);
      streamPositions[id] = positions;
      for (let i = 0; i < count; i++) {
        eventStreams[length + i] = id;
        eventVersions[length + i] = version + i + 1;
        positions[version + i] = length + i + 1;
      }
      streamLengths[id] = version + count;
      length += count;
    },
    positionsOf(stream) {
      const id = ids.get(stream);
      if (id === undefined) return new Uint32Array(0);
      return (streamPositions[id] as Uint32Array).subarray(0, streamLengths[id]);
    },
    streamAt(position) {
      return names[eventStreams[position - 1] as number] as string;
    },
    versionAt(position) {
      return eventVersions[position - 1] as number;
    },
  };
}
