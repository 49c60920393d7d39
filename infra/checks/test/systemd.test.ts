import { describe, expect, it } from 'vitest';
import { infraPath } from '../src/paths.ts';
import { parseUnit, readUnit, values } from '../src/systemd.ts';

const unit = readUnit(infraPath('systemd/bangui.service'));
const service = (key: string) => values(unit, 'Service', key);

describe('bangui.service', () => {
  it('runs node itself through tsx, as root', () => {
    expect(service('ExecStart')).toEqual(['/usr/bin/node --import tsx src/main.ts']);
    expect(service('User')).toEqual(['root']);
    expect(service('EnvironmentFile')).toHaveLength(1);
  });

  it('stops with SIGTERM and a bounded timeout', () => {
    expect(service('KillSignal')).toEqual(['SIGTERM']);
    expect(service('TimeoutStopSec')).toHaveLength(1);
    expect(service('Restart')).toEqual(['on-failure']);
  });

  it('is hardened and still reaches the socket and its data dir', () => {
    expect(service('ProtectSystem')).toEqual(['strict']);
    expect(service('ReadWritePaths')).toEqual(['/var/lib/bangui']);
    expect(service('ProtectHome')).toEqual(['yes']);
    expect(service('PrivateTmp')).toEqual(['yes']);
    expect(service('NoNewPrivileges')).toEqual(['yes']);
    expect(service('CapabilityBoundingSet')).toEqual(['']);
    expect(service('RestrictAddressFamilies')).toEqual(['AF_UNIX AF_INET AF_INET6']);
    // V8 needs writable executable memory.
    expect(service('MemoryDenyWriteExecute')).toEqual([]);
  });

  it('keeps the data dir where the example environment points', () => {
    expect(service('StateDirectory')).toEqual(['bangui']);
  });
});

describe('unit file parser', () => {
  it('keeps repeated keys, empty values and sections apart', () => {
    const parsed = parseUnit('# c\n[Unit]\nA=1\n[Service]\nA=2\nA=\nB=x \\\n  y\n');
    expect(values(parsed, 'Unit', 'A')).toEqual(['1']);
    expect(values(parsed, 'Service', 'A')).toEqual(['2', '']);
    expect(values(parsed, 'Service', 'B')).toEqual(['x    y']);
  });

  it('refuses a line outside a section', () => {
    expect(() => parseUnit('A=1\n')).toThrow(/not a unit file line/);
  });
});
