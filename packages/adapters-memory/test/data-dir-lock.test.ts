import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from '../src/data-dir-lock.ts';
import { createMemoryEventStore } from '../src/memory-event-store.ts';
import { type Child, spawnFixture } from './helpers/child-process.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
});

function spawn(args: string[]): Child {
  const child = spawnFixture('open-store', args);
  children.push(child);
  return child;
}

describe('acquireDataDirLock', () => {
  it('refuses a second holder in this process, naming the holder; release frees it', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(`held by pid ${process.pid}`);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('release does not remove a lock file that is no longer its own', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(lock.path, JSON.stringify({ pid: 1, host: 'elsewhere', createdAt: 'x' }));
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });

  it('refuses an unreadable lock file rather than guessing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), 'garbage');
    expect(() => acquireDataDirLock(dir)).toThrow(/unreadable lock file/);
  });

  it('a journal-backed store holds the lock until close', async () => {
    const dir = tempDir();
    const store = createMemoryEventStore({ dataDir: dir });
    expect(() => createMemoryEventStore({ dataDir: dir })).toThrow(DataDirLockedError);
    await store.close();
    await createMemoryEventStore({ dataDir: dir }).close();
  });

  it('a child process refuses to open a data dir this process holds', async () => {
    const dir = tempDir();
    const store = createMemoryEventStore({ dataDir: dir });
    try {
      const child = spawn([dir]);
      expect(await child.exited).toBe(2);
      expect(child.stderr()).toContain(`DataDirLockedError: data directory is in use`);
      expect(child.stderr()).toContain(`held by pid ${process.pid}`);
    } finally {
      await store.close();
    }
  });

  it('refuses while a child holds the lock, and recovers it once the child is killed', async () => {
    const dir = tempDir();
    const child = spawn([dir, 'hold']);
    await vi.waitFor(() => expect(child.lines).toContain('opened'), { timeout: 10_000 });
    const pid = child.process.pid;
    expect(() => createMemoryEventStore({ dataDir: dir })).toThrow(`held by pid ${pid}`);
    child.process.kill('SIGKILL');
    await child.exited;
    // The lock file is still there, but its process is dead: stale, so recovered.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(pid);
    const store = createMemoryEventStore({ dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    await store.close();
    // And a child can open it again after our close.
    const next = spawn([dir]);
    expect(await next.exited).toBe(0);
    expect(next.lines).toContain('appended');
  });
});
