import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(serverDir, 'node_modules', '.bin', 'tsx');

export interface ClusterProcess {
  url: string;
  child: ChildProcess;
  /** everything the primary and its workers printed */
  output(): string;
  /** SIGTERM, then the exit code */
  stop(): Promise<number | null>;
}

/** Runs the real entry point (main.ts) and waits for "BanGUI listening on <url>". */
export async function startCluster(env: Record<string, string>): Promise<ClusterProcess> {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', BANGUI_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'listening' line:\n${output}`)), 45_000);
    const check = () => {
      const found = /BanGUI listening on (http:\/\/[^\s"]+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

export interface OneShot {
  status: number;
  /** `<worker id>:<pid>` from X-BanGUI-Worker */
  worker: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request on a connection of its own (no keep-alive agent), so that
 * node:cluster's round-robin hands consecutive requests to different workers.
 */
export function oneShot(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<OneShot> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        agent: false,
        headers: {
          connection: 'close',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', origin: new URL(url).origin }),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: String(res.headers['x-bangui-worker'] ?? ''),
            headers: res.headers,
            body: text,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A connection handed to a worker that is then killed may never be answered.
    req.setTimeout(5_000, () => req.destroy(new Error('no response within 5 s')));
    req.end(body);
  });
}
