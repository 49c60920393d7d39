import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp, json, jsonInit, login } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
});
afterAll(() => cleanup());

async function signedIn() {
  const t = createTestApp(admin);
  const cookie = await login(t.app);
  const get = (path: string) => t.app.request(path, { headers: { cookie } });
  const post = (path: string, body: unknown) =>
    t.app.request(path, jsonInit('POST', body, { cookie }));
  return { ...t, get, post };
}

const HOUR = 3_600_000;

describe('GET /api/jails/:jail/bans', () => {
  it('pages newest first with ISO times and the permanent flag', async () => {
    const { get, fake } = await signedIn();
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 7; i++) {
      fake.addBan('sshd', {
        id: `192.0.2.${i}`,
        startedAt: base + i * HOUR,
        bantimeSeconds: i === 3 ? -1 : 600,
        endsAt: i === 3 ? null : base + i * HOUR + 600_000,
        permanent: i === 3,
      });
    }
    const res = await get('/api/jails/sshd/bans?offset=2&limit=3');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ total: 7, offset: 2, limit: 3 });
    expect(body.items.map((b: { id: string }) => b.id)).toEqual([
      '192.0.2.4',
      '192.0.2.3',
      '192.0.2.2',
    ]);
    expect(body.items[1]).toEqual({
      id: '192.0.2.3',
      startedAt: '2026-01-01T03:00:00.000Z',
      endsAt: null,
      permanent: true,
      bantimeSeconds: -1,
    });
    expect(body.items[0].endsAt).toBe('2026-01-01T04:10:00.000Z');
  });

  it('defaults to offset 0 and limit 50', async () => {
    const { get } = await signedIn();
    expect(await json(await get('/api/jails/sshd/bans'))).toEqual({
      items: [],
      total: 0,
      offset: 0,
      limit: 50,
    });
  });

  it.each(['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'offset=1.5'])(
    'refuses %s with 400',
    async (query) => {
      const { get } = await signedIn();
      const res = await get(`/api/jails/sshd/bans?${query}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toContain(query.split('=')[0]);
    },
  );

  it('searches by substring and by IP/CIDR containment in canonical form', async () => {
    const { get, post } = await signedIn();
    await post('/api/jails/sshd/bans', {
      ids: ['2001:db8::23', '2001:db8:1::5', '198.51.100.23', '203.0.113.0/24', '192.0.2.7'],
    });
    const ids = async (q: string) =>
      (
        (await json(await get(`/api/jails/sshd/bans?q=${encodeURIComponent(q)}`))).items as {
          id: string;
        }[]
      )
        .map((b) => b.id)
        .sort();
    expect(await ids('2001:db8')).toEqual(['2001:db8:1::5', '2001:db8::23']);
    expect(await ids('2001:DB8:0:0::23')).toEqual(['2001:db8::23']);
    expect(await ids('198.51.100.0/24')).toEqual(['198.51.100.23']);
    expect(await ids('203.0.113.99')).toEqual(['203.0.113.0/24']);
    expect(await ids('100.23')).toEqual(['198.51.100.23']);
    expect(await ids('nothing')).toEqual([]);
  });

  it('serves pages from a short cache, refetching after 2 s or after a ban', async () => {
    const { get, post, fake, clock } = await signedIn();
    await get('/api/jails/sshd/bans?offset=0');
    await get('/api/jails/sshd/bans?offset=50');
    expect(fake.calls.bans).toBe(1);
    clock.advance(2_000);
    await get('/api/jails/sshd/bans');
    expect(fake.calls.bans).toBe(2);
    await post('/api/jails/sshd/bans', { ids: ['192.0.2.1'] });
    const body = await json(await get('/api/jails/sshd/bans'));
    expect(fake.calls.bans).toBe(3);
    expect(body.total).toBe(1);
  });
});

describe('ban and unban', () => {
  it('bans IPv4, IPv6 and a CIDR in one request, idempotently', async () => {
    const { post, fake } = await signedIn();
    const ids = ['198.51.100.23', '2001:DB8::23', '203.0.113.0/24'];
    const first = await post('/api/jails/web.login/bans', { ids });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ requested: 3, banned: 3, changed: true });
    const again = await post('/api/jails/web.login/bans', { ids });
    expect(await json(again)).toEqual({ requested: 3, banned: 0, changed: false });
    expect(fake.calls.ban).toBe(2);
  });

  it('sends canonical, de-duplicated ids to fail2ban', async () => {
    const { post, get } = await signedIn();
    const res = await post('/api/jails/sshd/bans', {
      ids: ['2001:db8:0:0::1', '2001:DB8::1', '198.51.100.7/24'],
    });
    expect(await json(res)).toMatchObject({ requested: 2, banned: 2 });
    const body = await json(await get('/api/jails/sshd/bans'));
    expect(body.items.map((b: { id: string }) => b.id).sort()).toEqual([
      '198.51.100.0/24',
      '2001:db8::1',
    ]);
  });

  it('refuses invalid ids with 400 naming each of them, and bans nothing', async () => {
    const { post, fake } = await signedIn();
    const res = await post('/api/jails/sshd/bans', {
      ids: ['192.0.2.1', 'evil.example', '1.2.3', '10.0.0.0/33'],
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('invalid-ids');
    expect(error.invalid).toEqual(['evil.example', '1.2.3', '10.0.0.0/33']);
    for (const id of error.invalid) expect(error.message).toContain(id);
    expect(fake.calls.ban).toBeUndefined();
  });

  it('names a missing field plainly', async () => {
    const { post } = await signedIn();
    const res = await post('/api/jails/sshd/bans', { ips: ['192.0.2.1'] });
    expect((await json(res)).error.message).toBe('Invalid request body: ids: is required');
  });

  it.each([
    ['no ids', {}],
    ['an empty list', { ids: [] }],
    ['a non-string id', { ids: [42] }],
    ['an empty id', { ids: [''] }],
    ['an over-long id', { ids: ['1'.repeat(257)] }],
    ['too many ids', { ids: Array.from({ length: 10_001 }, () => '192.0.2.1') }],
  ])('refuses %s with 400', async (_name, body) => {
    const { post, fake } = await signedIn();
    const res = await post('/api/jails/sshd/bans', body);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid-request');
    expect(fake.calls.ban).toBeUndefined();
  });

  it('unbans, idempotently', async () => {
    const { post } = await signedIn();
    await post('/api/jails/sshd/bans', { ids: ['192.0.2.1', '192.0.2.2'] });
    const res = await post('/api/jails/sshd/unban', { ids: ['192.0.2.1', '192.0.2.2'] });
    expect(await json(res)).toEqual({ requested: 2, unbanned: 2, changed: true });
    const again = await post('/api/jails/sshd/unban', { ids: ['192.0.2.1'] });
    expect(await json(again)).toEqual({ requested: 1, unbanned: 0, changed: false });
  });

  it('unbans non-address IDs as given, canonicalises addresses, refuses control characters', async () => {
    const { post, fake } = await signedIn();
    await post('/api/jails/sshd/unban', { ids: ['alice@example', '2001:DB8:0::1'] });
    expect(fake.lastUnban()).toEqual(['sshd', ['alice@example', '2001:db8::1']]);
    const bad = await post('/api/jails/sshd/unban', { ids: ['a\nb'] });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('invalid-ids');
  });

  it('answers 404 for a ban in an unknown jail', async () => {
    const { post } = await signedIn();
    expect((await post('/api/jails/nope/bans', { ids: ['192.0.2.1'] })).status).toBe(404);
  });
});
