import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp, login } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

describe('GET /api/events/stream', () => {
  it('leaves no listener on the shutdown signal once a stream ends', async () => {
    const shutdown = new AbortController();
    const { app } = createTestApp(admin, { shutdown: shutdown.signal });
    const cookie = await login(app);
    for (let i = 0; i < 5; i++) {
      const res = await app.request('/api/events/stream', { headers: { cookie } });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    // Cancelling reaches the stream's abort handler on a later turn of the loop.
    await expect
      .poll(() => getEventListeners(shutdown.signal, 'abort').length, { timeout: 5_000 })
      .toBe(0);
  });
});
