import { describe, expect } from 'vitest';
import { createSessionManager, type SessionManager } from '../../session-manager.ts';
import type { SessionStore } from '../../session-store.ts';
import { hashSessionSecret } from '../../session-token.ts';
import {
  type ContractFactory,
  type ContractOptions,
  caseRegistrar,
  requirePeer,
  uniqueKey,
  useFixture,
} from '../contract-kit.ts';

export const sessionManagerCases = [
  'create-validate',
  'stores-only-hash',
  'wrong-secret',
  'malformed-tokens',
  'inactivity-expiry',
  'sliding-expiry',
  'absolute-expiry',
  'touch-throttled',
  'revoke',
  'revoke-all-for-user',
  'list-live-only',
  'peer-revocation',
] as const;
export type SessionManagerCase = (typeof sessionManagerCases)[number];

const MINUTE = 60_000;
const settings = {
  inactivityMs: 30 * MINUTE,
  absoluteMs: 120 * MINUTE,
  touchIntervalMs: 5 * MINUTE,
};

/** Session logic (createSessionManager) on top of one SessionStore adapter. */
export function sessionManagerContract(
  name: string,
  factory: ContractFactory<SessionStore>,
  options: ContractOptions<SessionManagerCase> = {},
): void {
  describe(`SessionManager contract: ${name}`, () => {
    const fx = useFixture(factory);
    const test = caseRegistrar('sessionManagerContract', sessionManagerCases, options);
    const manager = (store: SessionStore = fx.instance): SessionManager =>
      createSessionManager({ store, clock: fx.clock, ...settings });

    test('create-validate', 'a fresh token validates to its session', async () => {
      const m = manager();
      const userId = uniqueKey('u');
      const { token, session } = await m.create(userId, { ip: '192.0.2.7' });
      const [id, secret] = token.split('.');
      expect(id).toBe(session.id);
      expect(Buffer.from(secret ?? '', 'base64url').length).toBeGreaterThanOrEqual(20);
      expect(await m.validate(token)).toMatchObject({
        id: session.id,
        userId,
        data: { ip: '192.0.2.7' },
      });
    });

    test(
      'stores-only-hash',
      'the store holds the SHA-256 of the secret, never the secret',
      async () => {
        const { token, session } = await manager().create(uniqueKey('u'));
        const secret = token.split('.')[1] ?? '';
        const stored = await fx.instance.get(session.id);
        expect(stored?.secretHash).toBe(hashSessionSecret(secret));
        expect(JSON.stringify(stored)).not.toContain(secret);
      },
    );

    test(
      'wrong-secret',
      'the right id with a wrong secret is rejected and changes nothing',
      async () => {
        const m = manager();
        const { token } = await m.create(uniqueKey('u'));
        const other = (await m.create(uniqueKey('u'))).token;
        const forged = `${token.split('.')[0]}.${other.split('.')[1]}`;
        expect(await m.validate(forged)).toBeUndefined();
        await m.revoke(forged);
        expect(await m.validate(token)).toBeDefined();
      },
    );

    test('malformed-tokens', 'malformed tokens are rejected', async () => {
      const m = manager();
      const { token } = await m.create(uniqueKey('u'));
      const bad = [
        '',
        '.',
        token.replace('.', ''),
        `${token}x`,
        `${token}.x`,
        token.replace(/.$/, '+'),
        'a'.repeat(100_000),
      ];
      for (const t of bad) expect(await m.validate(t)).toBeUndefined();
      await expect(m.revoke('nonsense')).resolves.toBeUndefined();
    });

    test(
      'inactivity-expiry',
      'a session idle for inactivityMs is rejected and deleted',
      async () => {
        const m = manager();
        const { token, session } = await m.create(uniqueKey('u'));
        fx.clock.advance(settings.inactivityMs - 1);
        expect(await m.validate(token)).toBeDefined();
        fx.clock.advance(settings.inactivityMs);
        expect(await m.validate(token)).toBeUndefined();
        expect(await fx.instance.get(session.id)).toBeUndefined();
      },
    );

    test('sliding-expiry', 'regular activity keeps a session alive past inactivityMs', async () => {
      const m = manager();
      const { token } = await m.create(uniqueKey('u'));
      for (let i = 0; i < 6; i++) {
        fx.clock.advance(settings.touchIntervalMs * 2);
        expect(await m.validate(token)).toBeDefined();
      }
    });

    test(
      'absolute-expiry',
      'even an active session ends at absoluteMs and is deleted',
      async () => {
        const m = manager();
        const { token, session } = await m.create(uniqueKey('u'));
        const steps = settings.absoluteMs / (10 * MINUTE);
        for (let i = 1; i < steps; i++) {
          fx.clock.advance(10 * MINUTE);
          expect(await m.validate(token)).toBeDefined();
        }
        fx.clock.advance(10 * MINUTE);
        expect(await m.validate(token)).toBeUndefined();
        expect(await fx.instance.get(session.id)).toBeUndefined();
      },
    );

    test(
      'touch-throttled',
      'lastSeenAt is written only once touchIntervalMs has passed',
      async () => {
        const m = manager();
        const { token, session } = await m.create(uniqueKey('u'));
        fx.clock.advance(settings.touchIntervalMs - 1);
        await m.validate(token);
        expect((await fx.instance.get(session.id))?.lastSeenAt).toBe(session.lastSeenAt);
        fx.clock.advance(1);
        const validated = await m.validate(token);
        expect(validated?.lastSeenAt).toBe(fx.clock.now());
        expect((await fx.instance.get(session.id))?.lastSeenAt).toBe(fx.clock.now());
      },
    );

    test('revoke', 'a revoked token no longer validates', async () => {
      const m = manager();
      const { token } = await m.create(uniqueKey('u'));
      await m.revoke(token);
      expect(await m.validate(token)).toBeUndefined();
    });

    test(
      'revoke-all-for-user',
      "revokeAllForUser ends every session of that user and no one else's",
      async () => {
        const m = manager();
        const alice = uniqueKey('u');
        const a1 = await m.create(alice);
        const a2 = await m.create(alice);
        const bob = await m.create(uniqueKey('u'));
        expect(await m.revokeAllForUser(alice)).toBe(2);
        expect(await m.validate(a1.token)).toBeUndefined();
        expect(await m.validate(a2.token)).toBeUndefined();
        expect(await m.validate(bob.token)).toBeDefined();
      },
    );

    test('list-live-only', "list shows the user's live sessions only", async () => {
      const m = manager();
      const userId = uniqueKey('u');
      const old = await m.create(userId);
      fx.clock.advance(settings.inactivityMs - MINUTE);
      const fresh = await m.create(userId);
      await m.create(uniqueKey('u'));
      fx.clock.advance(2 * MINUTE);
      expect((await m.list(userId)).map((s) => s.id)).toEqual([fresh.session.id]);
      expect(old.session.id).not.toBe(fresh.session.id);
      expect(await m.revokeById(fresh.session.id)).toBe(true);
      expect(await m.list(userId)).toEqual([]);
    });

    test('peer-revocation', 'a logout on one worker is effective on another at once', async () => {
      const here = manager();
      const there = manager(requirePeer(fx.fixture));
      const { token } = await here.create(uniqueKey('u'));
      expect(await there.validate(token)).toBeDefined();
      await there.revoke(token);
      expect(await here.validate(token)).toBeUndefined();
    });
  });
}
