import { describe, expect, it } from 'vitest';
import { mayAdminister, mayBan, roleAtLeast, rolesUpTo } from '../src/auth/roles.ts';

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast('operator', 'operator')).toBe(true);
    expect(roleAtLeast('viewer', 'operator')).toBe(false);
  });

  it('offers tokens only up to the creator’s own role', () => {
    expect(rolesUpTo('viewer')).toEqual(['viewer']);
    expect(rolesUpTo('operator')).toEqual(['viewer', 'operator']);
    expect(rolesUpTo('admin')).toEqual(['viewer', 'operator', 'admin']);
  });

  it('shows ban controls from operator up, admin pages to admins only', () => {
    expect([mayBan('viewer'), mayBan('operator'), mayBan('admin')]).toEqual([false, true, true]);
    expect(mayAdminister('operator')).toBe(false);
    expect(mayAdminister('admin')).toBe(true);
  });
});
