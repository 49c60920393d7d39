import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a server in its own process (so it does not share a core's event loop with
 * the load generator) and waits for the line that carries its URL.
 */
export async function startChildServer(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; urlFrom: (line: string) => string | undefined },
): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server ${args.join(' ')} did not start`)),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)));
    lines.on('line', (line) => {
      const found = options.urlFrom(line);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
