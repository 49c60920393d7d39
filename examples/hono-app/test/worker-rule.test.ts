import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UnknownAdapterSetError, WorkerRuleError } from '@bangui/core';
import { describe, expect, it } from 'vitest';
import { startExample } from '../src/start.ts';
import { PASSWORD, testConfig } from './helpers.ts';

const run = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));

describe('adapter choice and the worker rule', () => {
  it('memory adapters with 2 workers are refused before anything is opened', async () => {
    await expect(startExample(await testConfig('memory', { workers: 2 }))).rejects.toThrow(
      WorkerRuleError,
    );
  });

  it('an unknown EXAMPLE_ADAPTER names the valid choices', async () => {
    await expect(startExample(await testConfig('memory', { adapter: 'redis' }))).rejects.toThrow(
      UnknownAdapterSetError,
    );
    await expect(startExample(await testConfig('memory', { adapter: 'redis' }))).rejects.toThrow(
      'valid choices: memory, postgres',
    );
  });

  it('the entry point exits non-zero with both fixes named, without listening', async () => {
    const child = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: {
        ...process.env,
        EXAMPLE_ADAPTER: 'memory',
        EXAMPLE_WORKERS: '2',
        EXAMPLE_PASSWORD: PASSWORD,
        EXAMPLE_PORT: '0',
      },
    });
    const failure = await child.then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('EXAMPLE_ADAPTER=postgres');
    expect(failure?.stderr).toContain('EXAMPLE_WORKERS=1');
    expect(failure?.stderr).not.toContain('BANGUI_');
    expect(failure?.stdout).not.toContain('listening');
  });
});
