import type { RecordedEvent } from '@bangui/core';

/** The part of an event the index does not hold; data and metadata as JSON text. */
export interface EventBodyFields {
  id: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: number;
}

interface EventBodyJson {
  i: string;
  t: string;
  r: number;
  d: unknown;
  m: Record<string, unknown>;
}

/**
 * An event body as one JSON object. Built by concatenation because data and
 * metadata already are JSON text: no second stringify on the hot path.
 */
export function encodeEventBody(e: EventBodyFields): string {
  return `{"i":"${e.id}","t":${JSON.stringify(e.type)},"r":${e.recordedAt},"d":${e.data},"m":${e.metadata}}`;
}

/**
 * A recorded event from its body and index entry. Parsed on every read: each
 * read hands out fresh objects, and values behave as they will in PostgreSQL's
 * jsonb (no Dates, Maps or undefined survive).
 */
export function decodeEventBody(
  body: string,
  stream: string,
  version: number,
  position: number,
): RecordedEvent {
  const b = JSON.parse(body) as EventBodyJson;
  return {
    id: b.i,
    stream,
    version,
    position: String(position),
    type: b.t,
    data: b.d,
    metadata: b.m,
    recordedAt: b.r,
  };
}
