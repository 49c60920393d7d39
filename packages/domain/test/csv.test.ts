import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../src/csv.ts';
import {
  createBanGuiProjections,
  createReadModels,
  HISTORY_CSV_HEADER,
} from '../src/read-models.ts';
import { banEnded, banObserved, createLog, T0 } from './support/events.ts';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlead', "'\tlead"],
    [' padded ', '" padded "'],
    // Spreadsheets trim leading whitespace before they look for a formula.
    ['  =1+1', "'  =1+1"],
    [' @SUM(A1)', "' @SUM(A1)"],
    ['\t -cmd', "'\t -cmd"],
    [' not-a-formula', '" not-a-formula"'],
  ])('escapes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers (a negative ban time stays -1), and nothing for null', () => {
    expect(csvLine([-1, null, 2.5, true])).toBe('-1,,2.5,true\r\n');
  });

  it('exports the filtered history newest first, across pages, with safe cells', async () => {
    const log = createLog();
    const p = createBanGuiProjections();
    const events = [
      banObserved('sshd', '=cmd|calc', T0),
      banObserved('sshd', '10.0.0.1', T0 + 1000, { endsAt: null, endsBeyondRange: true }),
      banEnded('sshd', '=cmd|calc', T0, T0 + 2000),
    ];
    for (let i = 0; i < 1500; i++)
      events.push(banObserved('nginx', `10.1.${i >> 8}.${i & 255}`, T0 + i));
    for (const e of events) {
      const r = log.record(e);
      for (const x of p.all) x.apply(r);
    }
    const lines: string[] = [];
    for await (const line of createReadModels(p).exportHistoryCsv({ jail: 'sshd' }))
      lines.push(line);
    expect(lines).toEqual([
      `${HISTORY_CSV_HEADER.join(',')}\r\n`,
      `${new Date(T0 + 2000).toISOString()},unban,sshd,'=cmd|calc,${new Date(T0).toISOString()},,,poll,expired,,3\r\n`,
      `${new Date(T0 + 1000).toISOString()},ban,sshd,10.0.0.1,${new Date(T0 + 1000).toISOString()},600,beyond-range,poll,,,2\r\n`,
      `${new Date(T0).toISOString()},ban,sshd,'=cmd|calc,${new Date(T0).toISOString()},600,${new Date(T0 + 600_000).toISOString()},poll,,,1\r\n`,
    ]);
    let count = 0;
    for await (const _ of createReadModels(p).exportHistoryCsv({ jail: 'nginx' })) count++;
    expect(count).toBe(1501);
  });
});
