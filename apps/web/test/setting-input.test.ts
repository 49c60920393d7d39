import { describe, expect, it } from 'vitest';
import { isAddressOrNetwork, readSettingInput } from '../src/jails/setting-input.ts';

describe('the jail setting editors', () => {
  it('accept what the server accepts for the times and maxretry', () => {
    expect(readSettingInput('bantime', '-1')).toEqual({ value: -1 });
    expect(readSettingInput('bantime', '600')).toEqual({ value: 600 });
    expect(readSettingInput('bantime', '1h 30m')).toEqual({ value: '1h 30m' });
    expect(readSettingInput('findtime', '10m')).toEqual({ value: '10m' });
    expect(readSettingInput('maxretry', '1000')).toEqual({ value: 1000 });
    for (const [setting, text] of [
      ['findtime', '-1'],
      ['bantime', '0'],
      ['bantime', 'soon'],
      ['bantime', '1+1'],
      ['maxretry', '0'],
      ['maxretry', '1001'],
      ['maxretry', '2.5'],
    ] as const) {
      expect(readSettingInput(setting, text), `${setting} ${text}`).toHaveProperty('error');
    }
  });

  it('take IP addresses and CIDR networks for the ignore list', () => {
    expect(isAddressOrNetwork('192.0.2.1')).toBe(true);
    expect(isAddressOrNetwork('192.0.2.0/24')).toBe(true);
    expect(isAddressOrNetwork('2001:db8::/32')).toBe(true);
    expect(isAddressOrNetwork('1.2.3')).toBe(false);
    expect(isAddressOrNetwork('example.org')).toBe(false);
    expect(isAddressOrNetwork('10.0.0.0/33')).toBe(false);
  });
});
