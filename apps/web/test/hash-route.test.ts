import { describe, expect, it } from 'vitest';
import { jailHref, parseRoute } from '../src/routing/hash-route.ts';

describe('hash routes', () => {
  it('maps the empty hash and #/ to the jail list', () => {
    expect(parseRoute('')).toEqual({ page: 'jails' });
    expect(parseRoute('#/')).toEqual({ page: 'jails' });
  });

  it('round-trips jail names with dots, dashes and reserved characters', () => {
    for (const jail of ['web.login', 'nginx-auth', 'odd/name?x#y']) {
      expect(parseRoute(jailHref(jail))).toEqual({ page: 'jail', jail });
    }
  });

  it('reports unknown paths and malformed escapes as not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/jails/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});
