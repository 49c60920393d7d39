import type { EventStore, RecordedEvent } from '@bangui/core';
import { comparePositions, isoOrNull } from '@bangui/domain';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { eventVisibleTo } from './event-visibility.ts';

export interface EventStreamOptions {
  eventStore: EventStore;
  /** a comment line this often keeps proxies from closing an idle stream */
  heartbeatMs: number;
  /** aborted when the server shuts down: every open stream ends, so close() is not held open */
  shutdown: AbortSignal;
}

/** Positions are decimal integers in every store BanGUI has. */
const POSITION = /^(?:0|[1-9]\d{0,19})$/;

/**
 * Mounted at /api/events: GET /stream sends every new domain event as a
 * Server-Sent Event (id = global position, event = type, data = JSON of
 * { stream, data, recordedAt }). A reconnecting EventSource sends Last-Event-ID
 * and gets exactly the events after it; `?after=` does the same by hand.
 * Without either, the stream starts at the current head (no replay of history).
 */
export function eventStreamRoutes(options: EventStreamOptions): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/stream', async (c) => {
    const resume = resumePosition(c.req.header('last-event-id'), c.req.query());
    const head = await options.eventStore.headPosition();
    // An id from beyond the head (the log was replaced since) resumes at the head:
    // waiting for the log to grow past it would silently drop what comes first.
    const after =
      resume !== undefined && (head === null || comparePositions(resume, head) > 0)
        ? head
        : (resume ?? head);
    // Checked at each heartbeat: a stream ends when its session or token was revoked or expired.
    const principal = c.get('principal');
    const visible = eventVisibleTo(principal.role);
    // nginx buffers proxied responses by default, which would hold events back.
    c.header('X-Accel-Buffering', 'no');
    const response = streamSSE(c, async (stream) => {
      // Removed in `finally`: the shutdown signal lives as long as the process, so a
      // listener left on it per stream would pile up with every connection.
      let onShutdown: () => void = () => {};
      const ended = new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        onShutdown = () => resolve();
        if (options.shutdown.aborted) resolve();
        options.shutdown.addEventListener('abort', onShutdown, { once: true });
      });
      let close: () => void = () => {};
      const closed = new Promise<void>((resolve) => {
        close = resolve;
      });
      const unsubscribe = options.eventStore.subscribe(
        async (events) => {
          // Awaiting each write lets a slow client slow its own subscription only.
          for (const event of events) {
            if (visible(event)) await stream.writeSSE(toMessage(event));
          }
        },
        { after },
      );
      const heartbeat = setInterval(() => {
        void (async () => {
          if (!(await principal.alive())) return close();
          await stream.write(': heartbeat\n\n');
        })();
      }, options.heartbeatMs);
      try {
        await Promise.race([ended, closed]);
      } finally {
        options.shutdown.removeEventListener('abort', onShutdown);
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
    // Why not keep-alive: a stream ends only at shutdown or disconnect, and at
    // shutdown a socket left idle after it would hold server.close() open until
    // the client's own keep-alive timer gives up. Reconnects are rare; let them
    // open a new connection.
    response.headers.set('Connection', 'close');
    return response;
  });
}

function toMessage(event: RecordedEvent) {
  return {
    id: event.position,
    event: event.type,
    data: JSON.stringify({
      stream: event.stream,
      data: event.data,
      recordedAt: isoOrNull(event.recordedAt),
    }),
  };
}

function resumePosition(
  lastEventId: string | undefined,
  query: Record<string, string>,
): string | undefined {
  const unknown = Object.keys(query).filter((key) => key !== 'after');
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      'invalid-request',
      `Invalid query: ${unknown.join(', ')}: is not a query parameter of this route.`,
    );
  }
  const value = lastEventId?.trim() || query.after;
  if (value === undefined) return undefined;
  if (!POSITION.test(value)) {
    const from = lastEventId?.trim() ? 'Last-Event-ID' : 'after';
    throw new HttpError(
      400,
      'invalid-request',
      `Invalid ${from}: must be the id of an event this stream sent (a decimal position).`,
    );
  }
  return value;
}
