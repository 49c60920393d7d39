// `npm run bench`: every benchmark, a table of min / median / max per case and the
// ratios of medians measured side by side in this run, plus JSON in bench-results/.
// `npm run bench -- --quick` does fewer runs; `-- fail2ban` picks suites by name.
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { printSuite, type SuiteResult, writeResults } from './report.ts';
import { bigJailSuite } from './suites/big-jail.ts';
import { eventStoreSuite } from './suites/event-store.ts';
import { fail2banSuite } from './suites/fail2ban.ts';
import { httpSuite } from './suites/http.ts';
import { memorySuite } from './suites/memory.ts';
import { projectionsSuite } from './suites/projections.ts';
import { sessionsSuite } from './suites/sessions.ts';
import { webSuite } from './suites/web.ts';

const suites: Record<string, (o: { quick: boolean }) => Promise<SuiteResult>> = {
  'big-jail': bigJailSuite,
  'event-store': eventStoreSuite,
  fail2ban: fail2banSuite,
  http: httpSuite,
  memory: memorySuite,
  projections: projectionsSuite,
  sessions: sessionsSuite,
  web: webSuite,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const picked = args.filter((a) => !a.startsWith('--'));
  const names = picked.length > 0 ? picked : Object.keys(suites);
  const unknown = names.filter((n) => !(n in suites));
  if (unknown.length > 0) {
    throw new Error(
      `unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`,
    );
  }
  console.log(`# BanGUI benchmarks (${quick ? 'quick' : 'full'}; ${cpus().length} cores)`);
  const results: SuiteResult[] = [];
  for (const name of names) {
    const suite = suites[name];
    if (!suite) continue;
    console.error(`running ${name} ...`);
    const result = await suite({ quick });
    printSuite(result);
    results.push(result);
  }
  const file = writeResults(join(resolve(import.meta.dirname, '../..'), 'bench-results'), results, {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryBytes: totalmem(),
    quick,
  });
  console.log(`\nResults written to ${file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
