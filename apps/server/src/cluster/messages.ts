/** Primary -> worker: stop accepting connections, finish in-flight requests, exit 0. */
export const DRAIN_MESSAGE = 'bangui:drain';

export function isDrainMessage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === DRAIN_MESSAGE
  );
}
