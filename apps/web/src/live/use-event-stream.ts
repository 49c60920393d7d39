import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { endSession } from '../auth/end-session.ts';
import { loadSession, sessionExpiredNotice } from '../auth/session.ts';
import type { StreamEvent } from './stream-event.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

// EventSource delivers named events only to listeners for that name: list every type.
const eventTypes = [
  'BanObserved',
  'BanEnded',
  'BanRequested',
  'UnbanRequested',
  'JailControlRequested',
  'JailSettingChanged',
  'LoginSucceeded',
  'LoginFailed',
  'LoggedOut',
];

/** Wait before opening a new stream after the server refused or ended the last one. */
const reopenDelayMs = 3_000;

/**
 * Follows GET api/events/stream and calls `onEvent` for each event. The browser's
 * EventSource reconnects by itself after a network drop (sending Last-Event-ID, so nothing
 * is missed); but an HTTP error (a 401 after the session expired, a 502 from a proxy) closes
 * it for good. Then this hook checks the session (gone: back to the login form) and opens a
 * new stream after the last event it saw.
 */
export function useEventStream(onEvent: (event: StreamEvent) => void): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let source: EventSource | undefined;
    let lastId: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const receive = (message: MessageEvent<string>) => {
      lastId = message.lastEventId || lastId;
      try {
        const body = JSON.parse(message.data) as Omit<StreamEvent, 'position' | 'type'>;
        handler.current({ ...body, position: message.lastEventId, type: message.type });
      } catch {
        // A malformed message is skipped; the next one is independent of it.
      }
    };

    const reopen = async () => {
      const session = await loadSession().catch(() => undefined);
      if (stopped) return;
      if (session && !session.user) {
        endSession(client, sessionExpiredNotice);
        return;
      }
      open();
    };

    const open = () => {
      const query = lastId === undefined ? '' : `?after=${encodeURIComponent(lastId)}`;
      // Relative URL: works under any sub-path.
      source = new EventSource(`api/events/stream${query}`);
      source.onopen = () => setState('live');
      source.onerror = () => {
        setState('reconnecting');
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        timer = setTimeout(() => void reopen(), reopenDelayMs);
      };
      for (const type of eventTypes) source.addEventListener(type, receive);
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [client]);

  return state;
}
