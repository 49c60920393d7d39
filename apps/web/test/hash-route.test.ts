import { describe, expect, it } from 'vitest';
import { addressHref, bansHref, jailHref, parseRoute } from '../src/routing/hash-route.ts';

describe('hash routes', () => {
  it('maps the empty hash and #/ to the dashboard', () => {
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/jails')).toEqual({ page: 'jails' });
    expect(parseRoute('#/history')).toEqual({ page: 'history' });
    expect(parseRoute('#/users')).toEqual({ page: 'users' });
  });

  it('round-trips jail names with dots, dashes and reserved characters', () => {
    for (const jail of ['web.login', 'nginx-auth', 'odd/name?x#y']) {
      expect(parseRoute(jailHref(jail))).toEqual({ page: 'jail', jail });
      expect(parseRoute(bansHref(jail))).toEqual({ page: 'bans', jail });
    }
    expect(parseRoute(bansHref())).toEqual({ page: 'bans', jail: null });
  });

  it('round-trips IPv4 and IPv6 addresses', () => {
    for (const ip of ['203.0.113.7', '2001:db8::7']) {
      expect(parseRoute(addressHref(ip))).toEqual({ page: 'address', ip });
    }
  });

  it('reports unknown paths and malformed escapes as not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/jails/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});
