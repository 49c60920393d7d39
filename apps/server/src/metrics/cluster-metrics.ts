import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

// Worker -> primary: "sum every worker's registry"; primary -> worker: the text.
const REQUEST = 'bangui:metrics-request';
const REPLY = 'bangui:metrics-reply';
// prom-client gives up on silent workers after 5 s; this only catches a primary that never answers.
const REPLY_TIMEOUT_MS = 7_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsReply {
  type: typeof REPLY;
  id: string;
  text?: string;
  error?: string;
}

/**
 * Cluster mode: workers share one port, so a scrape reaches whichever worker
 * node:cluster hands the connection to. Per-worker series would then jump
 * between workers from one scrape to the next (and rate() over them would be
 * nonsense), so the worker that gets the scrape asks the primary, which
 * collects every worker's registry through prom-client's AggregatorRegistry
 * (counters summed, gauges per their aggregator) and sends back one text.
 * Call once in the primary, before forking.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => send(worker, { type: REPLY, id: message.id, text }),
      (err: Error) => send(worker, { type: REPLY, id: message.id, error: err.message }),
    );
  });
}

/** In a worker: offers `registry` to the primary's aggregation and returns how to ask for the sum. */
export function clusterMetricsSource(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's worker-side listener that answers the primary.
  new AggregatorRegistry();
  const pending = new Map<string, (reply: MetricsReply) => void>();
  process.on('message', (message: unknown) => {
    if (isReply(message)) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not send the metrics in time'));
      }, REPLY_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        if (reply.text !== undefined) resolve(reply.text);
        else reject(new Error(`cluster metrics: ${reply.error ?? 'no answer'}`));
      });
      process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
    });
}

function send(
  worker: { isConnected(): boolean; send(message: MetricsReply): unknown },
  reply: MetricsReply,
) {
  if (worker.isConnected()) worker.send(reply);
}

function isRequest(message: unknown): message is MetricsRequest {
  return (
    (message as MetricsRequest | null)?.type === REQUEST &&
    typeof (message as MetricsRequest).id === 'string'
  );
}

function isReply(message: unknown): message is MetricsReply {
  return (
    (message as MetricsReply | null)?.type === REPLY &&
    typeof (message as MetricsReply).id === 'string'
  );
}
