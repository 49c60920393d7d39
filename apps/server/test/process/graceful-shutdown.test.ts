import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@bangui/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(serverDir, 'node_modules', '.bin', 'tsx');
const PASSWORD = 'shutdown-test-password';

let sandbox: Sandbox;
let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-shutdown-'));
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await sandbox?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

type LogLine = Record<string, unknown>;

/** The real entry point with JSON logs at debug (they say which requests the server began). */
async function startProcess(): Promise<{ url: string; logs: LogLine[]; proc: ChildProcess }> {
  const proc = spawn(tsx, ['src/main.ts'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: join(dataDir, 'data'),
      BANGUI_ADMIN_PASSWORD: PASSWORD,
      BANGUI_WEB_DIR: join(dataDir, 'no-web'),
      BANGUI_LOG_LEVEL: 'debug',
      BANGUI_LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let buffered = '';
  let stderr = '';
  proc.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line) as LogLine;
        logs.push(parsed);
        const found = /^BanGUI listening on (\S+)$/.exec(String(parsed.msg))?.[1];
        if (found) resolve(found);
      }
    });
    proc.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { url, logs, proc };
}

function waitForLog(logs: LogLine[], match: (line: LogLine) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const check = () => {
      if (logs.some(match)) return resolve();
      if (++tries > 200) return reject(new Error('log line never came'));
      setTimeout(check, 25);
    };
    check();
  });
}

interface Outcome {
  id: string;
  /** headers arrived: the server answered; then the body must be whole */
  status?: number;
  body?: unknown;
  /** no response at all (connection refused or closed before the server read the request) */
  error?: string;
  /** headers arrived but the body broke off: the failure this test exists to rule out */
  broken?: string;
}

async function one(url: string, cookie: string, id: string): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`${url}/api/jails`, { headers: { cookie, 'x-request-id': id } });
  } catch (err) {
    return { id, error: String((err as { cause?: { code?: string } }).cause?.code ?? err) };
  }
  try {
    return { id, status: res.status, body: JSON.parse(await res.text()) };
  } catch (err) {
    return { id, status: res.status, broken: String(err) };
  }
}

/** A login whose body arrives in two parts: in flight, inside the handler, until `finish()`. */
function slowLogin(url: string, id: string) {
  const body = JSON.stringify({ username: 'admin', password: PASSWORD });
  const half = Math.floor(body.length / 2);
  let finish = () => {};
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: url,
          'x-request-id': id,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

describe('graceful shutdown (real process)', () => {
  it('SIGTERM during a stream of requests: every request the server began is answered in full, then exit 0', async () => {
    const started = await startProcess();
    child = started.proc;
    const { url, logs, proc } = started;
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const slow = slowLogin(url, 'slow-login');
    await waitForLog(logs, (l) => l.msg === 'request started' && l.reqId === 'slow-login');

    const exited = once(proc, 'exit') as Promise<[number | null, string | null]>;
    let running = true;
    void exited.then(() => {
      running = false;
    });
    const outcomes: Outcome[] = [];
    let counter = 0;
    const loops = Array.from({ length: 6 }, async (_, loop) => {
      while (running) {
        outcomes.push(await one(url, cookie, `loop${loop}-${counter++}`));
      }
    });
    // Requests are flowing before the signal.
    await new Promise<void>((resolve) => {
      const check = () => (outcomes.length >= 30 ? resolve() : setTimeout(check, 10));
      check();
    });
    proc.kill('SIGTERM');
    await waitForLog(logs, (l) => l.msg === 'BanGUI stopping: finishing requests in flight');
    slow.finish();

    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ user: { name: 'admin' } });
    const [code] = await exited;
    await Promise.all(loops);
    expect(code).toBe(0);

    const begun = new Set(
      logs.filter((l) => l.msg === 'request started').map((l) => String(l.reqId)),
    );
    const answered = outcomes.filter((o) => o.status !== undefined);
    expect(answered.length).toBeGreaterThanOrEqual(30);
    expect(outcomes.filter((o) => o.broken)).toEqual([]);
    for (const o of answered) {
      expect(o.status, o.id).toBe(200);
      expect(o.body, o.id).toHaveProperty('jails');
    }
    // A request that got no answer never reached the server's handlers.
    const unanswered = outcomes.filter((o) => o.error !== undefined);
    expect(unanswered.filter((o) => begun.has(o.id))).toEqual([]);
    expect(logs.some((l) => l.msg === 'BanGUI stopped')).toBe(true);
  });
});
