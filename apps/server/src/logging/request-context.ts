import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a log line belongs to. Every line logged while a request is
 * handled (route errors, audit failures, fail2ban errors) carries its id
 * without each caller passing it along.
 */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/** Fields merged into each log line: `{ reqId }` inside a request, nothing outside. */
export function requestFields(): { reqId?: string } {
  return requestContext.getStore() ?? {};
}
