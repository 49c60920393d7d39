import { randomUUID } from 'node:crypto';

// What a proxy or client may send: UUIDs, trace ids, ULIDs. Anything else
// (too long, spaces, control characters) is replaced, so a header cannot
// forge or bloat log lines.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:=-]{1,128}$/;

/** The incoming X-Request-Id when it is a plausible id, else a fresh UUID. */
export function pickRequestId(incoming: string | undefined): string {
  return incoming !== undefined && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
