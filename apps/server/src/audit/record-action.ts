import type { Clock, EventStore } from '@bangui/core';
import { type ActionContext, auditStream, type DomainEventMap } from '@bangui/domain';
import type { Context } from 'hono';
import type { Logger } from '../logger.ts';
import type { ProxyTrust } from '../net/proxy-trust.ts';

/** The admin actions the API records (a subset of the domain's ADMIN_ACTION_TYPES). */
export type RecordedActionType =
  | 'LoginSucceeded'
  | 'LoginFailed'
  | 'LoggedOut'
  | 'BanRequested'
  | 'UnbanRequested'
  | 'JailControlRequested'
  | 'JailSettingChanged'
  | 'UserChangeRequested'
  | 'TokenChangeRequested';

/** What a route knows; the recorder adds the client address and the time. */
export type ActionInput<K extends RecordedActionType> = Omit<
  DomainEventMap[K],
  'clientAddress' | 'at'
>;

export interface AuditRecorder {
  /**
   * Appends the action to the day's audit stream. Never throws: resolves to the
   * event's position, or null when the append failed (which is logged).
   */
  record<K extends RecordedActionType>(
    c: Context,
    type: K,
    input: ActionInput<K>,
  ): Promise<string | null>;
}

/**
 * Why a failed append is logged and not raised: by the time an action is
 * recorded it has already happened in fail2ban (or the session already exists).
 * Answering 500 would tell the user a ban failed that in fact took effect, and a
 * retry would do it twice. The ban itself still reaches the history through
 * ingestion (poll, backfill, push); what is lost is only who asked for it, and
 * the error log says so with the action's details so an operator can restore it.
 */
export function createAuditRecorder(deps: {
  eventStore: EventStore;
  clock: Clock;
  proxy: ProxyTrust;
  logger: Logger;
}): AuditRecorder {
  return {
    async record(c, type, input) {
      const at = deps.clock.now();
      const data = { ...input, clientAddress: deps.proxy.clientAddress(c), at } as ActionContext;
      try {
        const { position } = await deps.eventStore.append(auditStream(at), [{ type, data }], {
          expectedVersion: 'any',
        });
        return position;
      } catch (err) {
        deps.logger.error(`audit: could not record ${type} ${JSON.stringify(data)}`, err);
        return null;
      }
    },
  };
}
