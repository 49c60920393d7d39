import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaseResult, higherIsBetter } from './measure.ts';

export interface Comparison {
  /** what is compared, e.g. 'ping: fail2ban-client vs socket client' */
  label: string;
  subject: string;
  baseline: string;
}

export interface SuiteResult {
  suite: string;
  cases: CaseResult[];
  comparisons: Comparison[];
  notes?: string[];
}

export interface RatioRow extends Comparison {
  ratio: number;
  meaning: string;
}

function fmt(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1000) return n.toFixed(0);
  if (abs >= 100) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  if (abs >= 0.01) return n.toFixed(3);
  return n.toPrecision(3);
}

/** subject/baseline of the medians, phrased so a reader sees which way is better. */
export function ratios(suite: SuiteResult): RatioRow[] {
  const byName = new Map(suite.cases.map((c) => [c.name, c]));
  return suite.comparisons.map((cmp) => {
    const s = byName.get(cmp.subject);
    const b = byName.get(cmp.baseline);
    if (!s || !b) throw new Error(`comparison ${cmp.label}: unknown case`);
    const ratio = s.median / b.median;
    const better = higherIsBetter(s.unit) ? ratio >= 1 : ratio <= 1;
    const factor = ratio >= 1 ? ratio : 1 / ratio;
    const meaning = `${cmp.subject} is ${fmt(factor)}x ${better ? 'better' : 'worse'} than ${cmp.baseline}`;
    return { ...cmp, ratio, meaning };
  });
}

export function printSuite(suite: SuiteResult): void {
  console.log(`\n## ${suite.suite}\n`);
  console.log('| case | unit | runs | min | median | max |');
  console.log('|---|---|---|---|---|---|');
  for (const c of suite.cases) {
    console.log(
      `| ${c.name} | ${c.unit} | ${c.runs} | ${fmt(c.min)} | ${fmt(c.median)} | ${fmt(c.max)} |`,
    );
  }
  const rows = ratios(suite);
  if (rows.length > 0) {
    console.log('\n| comparison | ratio of medians (subject / baseline) | meaning |');
    console.log('|---|---|---|');
    for (const r of rows) console.log(`| ${r.label} | ${fmt(r.ratio)} | ${r.meaning} |`);
  }
  for (const note of suite.notes ?? []) console.log(`\n- ${note}`);
}

export function writeResults(
  dir: string,
  suites: SuiteResult[],
  meta: Record<string, unknown>,
): string {
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(
    { ...meta, suites: suites.map((s) => ({ ...s, ratios: ratios(s) })) },
    null,
    2,
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `bench-${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(dir, 'latest.json'), body);
  return file;
}
