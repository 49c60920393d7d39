import { type FakeServer, startFakeServer } from './fake-server.ts';
import type { Vector } from './vectors.ts';

/**
 * A fake fail2ban that answers each request with the recorded reply of the vector whose
 * command it equals. Unknown requests get no answer (the test would time out loudly).
 */
export function startVectorServer(vectors: Iterable<Vector>): Promise<FakeServer> {
  const byCommand = new Map<string, Buffer>();
  for (const v of vectors) byCommand.set(JSON.stringify(v.command), v.reply);
  return startFakeServer((request, conn) => {
    const reply = byCommand.get(JSON.stringify(request));
    if (reply) conn.write(reply);
  });
}
