import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TreeRss {
  /** MB per process: the root first (the cluster primary, or the only server), then its children */
  perProcess: number[];
  describe: string;
}

/** Resident set size of a process and its direct children (the cluster's workers), from ps. */
export async function rssOfTree(pid: number): Promise<TreeRss> {
  const { stdout } = await run('ps', ['-e', '-o', 'pid=,ppid=,rss=']);
  const rows = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row): row is [number, number, number] => row.length === 3);
  const mb = (kb: number) => Math.round(kb / 1024);
  const root = rows.find(([p]) => p === pid);
  const children = rows.filter(([, parent]) => parent === pid);
  const perProcess = [root ? mb(root[2]) : 0, ...children.map(([, , kb]) => mb(kb))];
  const [first, ...rest] = perProcess;
  const describe =
    rest.length > 1
      ? `primary ${first} MB, workers ${rest.join(' / ')} MB, total ${perProcess.reduce((a, b) => a + b, 0)} MB`
      : `${first} MB`;
  return { perProcess, describe };
}
