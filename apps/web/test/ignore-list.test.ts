import { describe, expect, it } from 'vitest';
import { findIgnored } from '../src/jails/ignore-list.ts';

const ignoreip = ['127.0.0.0/8', '::1', '192.0.2.10', 'localhost', 'file:/etc/ignored'];

describe('findIgnored', () => {
  it('finds addresses inside an ignored network or equal to an ignored address', () => {
    expect(findIgnored(['127.0.0.1', '203.0.113.7', '::1', '192.0.2.10'], ignoreip)).toEqual([
      { address: '127.0.0.1', entry: '127.0.0.0/8' },
      { address: '::1', entry: '::1' },
      { address: '192.0.2.10', entry: '192.0.2.10' },
    ]);
  });

  it('treats an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(findIgnored(['::ffff:127.0.0.5'], ignoreip)).toEqual([
      { address: '::ffff:127.0.0.5', entry: '127.0.0.0/8' },
    ]);
  });

  it('flags an entered network that overlaps an ignored one, either way round', () => {
    expect(findIgnored(['127.1.0.0/16', '192.0.2.0/24', '10.0.0.0/8'], ignoreip)).toEqual([
      { address: '127.1.0.0/16', entry: '127.0.0.0/8' },
      { address: '192.0.2.0/24', entry: '192.0.2.10' },
    ]);
  });

  it('never matches across address families', () => {
    expect(findIgnored(['::2', '0.0.0.1'], ['0.0.0.0/8', '::/127'])).toEqual([
      { address: '0.0.0.1', entry: '0.0.0.0/8' },
    ]);
  });

  it('skips what is not an address on either side', () => {
    expect(findIgnored(['not-an-ip', 'localhost'], ignoreip)).toEqual([]);
  });
});
