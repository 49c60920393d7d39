import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import { createTestAdmin, createTestApp, json, login } from '../helpers/test-app.ts';

let admin: AdminAccount;
let cleanup: () => Promise<void>;
let get: (path: string, headers?: Record<string, string>) => Promise<Response>;
beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
  const t = createTestApp(admin);
  const cookie = await login(t.app);
  get = (path, headers = {}) =>
    Promise.resolve(t.app.request(path, { headers: { cookie, ...headers } }));
});
afterAll(() => cleanup());

async function expect400(path: string, message: RegExp, headers?: Record<string, string>) {
  const res = await get(path, headers);
  const body = await json(res);
  expect({ status: res.status, message: body.error?.message }).toEqual({
    status: 400,
    message: expect.stringMatching(message),
  });
}

describe('query validation of the history routes (400 with a clear message, never 500)', () => {
  it.each([
    ['/api/history?from=yesterday', /from must be an ISO 8601 time/],
    // Impossible dates are refused, not rolled over into the next month or day.
    ['/api/history?from=2025-02-30', /from must be an ISO 8601 time/],
    ['/api/history?to=2025-04-31T00:00:00Z', /to must be an ISO 8601 time/],
    ['/api/history?from=2025-01-01T24:00Z', /from must be an ISO 8601 time/],
    ['/api/stats?from=2026-02-29', /from must be an ISO 8601 time/],
    // A filter given twice is refused by name instead of silently keeping one value.
    ['/api/history?jail=a&jail=b', /jail is given more than once/],
    ['/api/stats?from=2025-01-01&from=2025-01-02', /from is given more than once/],
    ['/api/audit?actor=a&actor=b&limit=1', /actor is given more than once/],
    ['/api/history?to=2025-13-45T00:00:00Z', /to must be an ISO 8601 time/],
    // Without a zone the time would depend on the server's local zone.
    ['/api/history?from=2025-01-01T10:00:00', /from must be an ISO 8601 time with a zone/],
    ['/api/history?from=99999999999999999', /from must be/],
    ['/api/history?from=2025-02-01&to=2025-01-01', /from must be earlier than to/],
    ['/api/history?from=1700000000000&to=1700000000000', /from must be earlier than to/],
    ['/api/history?address=10.0.0.300', /address must be an IP address .* or a CIDR network/],
    ['/api/history?address=10.0.0.0/33', /address must be an IP address/],
    ['/api/history?address=fe80::1%25eth0', /address must be an IP address/],
    ['/api/history?origin=carrier-pigeon', /origin must be poll, backfill or push/],
    ['/api/history?kind=maybe', /kind must be ban or unban/],
    ['/api/history?jail=-rf', /jail: a jail name is/],
    ['/api/history?limit=0', /limit must be an integer from 1 to 1000/],
    ['/api/history?limit=5000', /limit must be an integer from 1 to 1000/],
    ['/api/history?cursor=!!', /cursor must be the nextCursor of an earlier page/],
    ['/api/history?cursor=bm90LWpzb24', /cursor is not the nextCursor of an earlier page/],
    ['/api/history?ip=192.0.2.1', /ip: is not a query parameter of this route/],
    ['/api/history?format=xml', /format must be json or csv/],
    ['/api/history.csv?from=2025-02-01&to=2025-01-01', /from must be earlier than to/],
  ])('GET %s', async (path, message) => {
    await expect400(path, message);
  });

  it.each([
    ['/api/audit?outcome=maybe', /outcome must be succeeded, failed or refused/],
    ['/api/audit?type=LoginFailed,Shutdown', /type must be one or more .* of BanRequested/],
    ['/api/audit?from=2025-02-01&to=2025-01-01', /from must be earlier than to/],
    ['/api/audit?cursor=WzEsMl0', /cursor is not the nextCursor/],
    ['/api/audit?limit=501', /limit must be an integer from 1 to 500/],
    ['/api/audit?actor=', /actor must not be empty/],
  ])('GET %s', async (path, message) => {
    await expect400(path, message);
  });

  it.each([
    ['/api/stats?range=1y', /range must be 24h, 7d or 30d/],
    ['/api/stats?range=24h&from=2025-01-01', /either range or from\/to/],
    ['/api/stats?to=2025-01-01', /to needs from/],
    ['/api/stats?from=2025-02-01&to=2025-01-01', /from must be earlier than to/],
    ['/api/stats?from=2025-01-01&to=2025-01-01', /from must be earlier than to/],
    // 10 years of hours: the read model refuses (InvalidQueryError), mapped to 400.
    ['/api/stats?from=2015-01-01&to=2025-01-01&bucket=hour', /more than 5000 hour buckets/],
    ['/api/stats?from=2025-01-01&bucket=week', /bucket must be hour or day/],
    ['/api/stats?bucket=day', /bucket goes with from\/to/],
    ['/api/stats?jails=sshd,-bad', /jails\..*a jail name is/],
    ['/api/stats?top=0', /top must be an integer from 1 to 100/],
  ])('GET %s', async (path, message) => {
    await expect400(path, message);
  });

  it('refuses a bad resume position for the event stream', async () => {
    await expect400('/api/events/stream?after=abc', /Invalid after: must be the id of an event/);
    await expect400('/api/events/stream', /Invalid Last-Event-ID/, { 'last-event-id': '12;drop' });
    await expect400('/api/events/stream?since=3', /since: is not a query parameter/);
  });

  it('accepts ISO times, dates and epoch ms, and IPv6 networks', async () => {
    for (const path of [
      '/api/history?from=2025-01-01&to=2025-01-02T00:00:00.5%2B02:00',
      '/api/history?from=1700000000000&address=2001:db8::/32&kind=ban&origin=push',
      '/api/audit?type=LoginFailed,LoginSucceeded&outcome=refused',
      '/api/stats?from=2025-01-01&to=2025-03-01&jails=sshd,web.login',
    ]) {
      expect((await get(path)).status, path).toBe(200);
    }
  });
});
