import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubPathProxy {
  /** e.g. http://127.0.0.1:41234/bangui/ */
  url: string;
  close(): Promise<void>;
}

/**
 * A minimal reverse proxy that publishes `target` under `prefix` (like `location /bangui/`
 * in nginx), keeping the Host header so same-origin checks see the proxy's origin. It
 * proves the app uses relative URLs only.
 */
export async function startSubPathProxy(target: string, prefix: string): Promise<SubPathProxy> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (!path.startsWith(prefix)) {
      outgoing.writeHead(404).end('outside the proxied prefix');
      return;
    }
    const forwarded = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: `/${path.slice(prefix.length)}`,
        headers: incoming.headers,
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end('upstream error'));
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
