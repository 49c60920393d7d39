import { resolve } from 'node:path';
import { type ChildServer, startChildServer } from './child-server.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
export const BENCH_PASSWORD = 'bench-password';

/** BanGUI's real entry point in its own process (node + tsx, no wrapper process). */
export function startBanGuiProcess(env: Record<string, string>): Promise<ChildServer> {
  return startChildServer(['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, BANGUI_PORT: '0', BANGUI_ADMIN_PASSWORD: BENCH_PASSWORD, ...env },
    urlFrom: (line) => /BanGUI listening on (http:\/\/[^\s"]+)/.exec(line)?.[1],
  });
}

/** Signs in as admin and returns the session cookie (`name=value`). */
export async function benchLogin(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'admin', password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
