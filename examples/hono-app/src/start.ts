import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AdapterSet } from '@bangui/core';
import { serve } from '@hono/node-server';
import { openAdapters } from './adapters.ts';
import { createApp } from './app.ts';
import type { ExampleConfig } from './config.ts';
import { startTickJob, type TickJobOptions } from './job.ts';

export interface StartOptions {
  /** the heartbeat job's croner pattern (default every 10 s) */
  jobPattern?: string;
  /** called for every tick attempt of the heartbeat job */
  onTick?: TickJobOptions['onTick'];
  /** listen on this host (default 127.0.0.1) */
  hostname?: string;
}

export interface RunningExample {
  readonly url: string;
  readonly owner: string;
  readonly adapters: AdapterSet;
  /** stops the job, then the server, then closes the adapters (reverse order of start) */
  stop(): Promise<void>;
}

/** Composition: adapters (worker rule first) -> app -> listen -> job. */
export async function startExample(
  config: ExampleConfig,
  options: StartOptions = {},
): Promise<RunningExample> {
  const adapters = await openAdapters(config);
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const app = createApp({
    adapters,
    user: { name: config.username, password: config.password },
    quotePolicy: { limit: config.rateLimit, windowMs: 60_000 },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, hostname: options.hostname ?? '127.0.0.1' },
      () => resolve(s),
    );
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    await adapters.close();
    throw error;
  });
  const { port, address } = server.address() as AddressInfo;
  const job = startTickJob({
    name: 'heartbeat',
    pattern: options.jobPattern,
    leases: adapters.leases,
    owner,
    onTick: options.onTick,
    // The job's work: record who ran the latest tick, visible to every process.
    run: (scheduledFor) => adapters.runtimeState.set('example:heartbeat', { scheduledFor, owner }),
  });
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    owner,
    adapters,
    async stop() {
      await job.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await adapters.close();
    },
  };
}
