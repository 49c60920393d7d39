import { describe, expect, it } from 'vitest';
import { decodeBanRowData } from '../../src/ingest/ban-row-data.ts';

describe("decodeBanRowData (fail2ban's data BLOB)", () => {
  it('decodes UTF-8 JSON bytes with split and plain matches', () => {
    const json = JSON.stringify({
      matches: [
        ['', '2026-12-03 16:15:14', ' Failed login for user0 from 192.0.2.10 port 40000'],
        '2026-12-03 16:15:14 Failed login for üser1 from 192.0.2.10 port 40001',
      ],
      failures: 3,
      ip4: '192.0.2.10',
    });
    expect(decodeBanRowData(Buffer.from(json, 'utf8'))).toEqual({
      failures: 3,
      matches: [
        '2026-12-03 16:15:14 Failed login for user0 from 192.0.2.10 port 40000',
        '2026-12-03 16:15:14 Failed login for üser1 from 192.0.2.10 port 40001',
      ],
    });
  });

  it('a manual ban has no matches and zero failures', () => {
    expect(decodeBanRowData(Buffer.from('{"matches": [], "failures": 0}'))).toEqual({
      failures: 0,
      matches: [],
    });
  });

  it('garbage, null and odd shapes yield no details instead of failing', () => {
    expect(decodeBanRowData(null)).toEqual({});
    expect(decodeBanRowData(Buffer.from([0xff, 0x00, 0x7b]))).toEqual({});
    expect(decodeBanRowData('{"matches": [["a", "b"]]}')).toEqual({});
    expect(decodeBanRowData('[1, 2]')).toEqual({});
  });
});
