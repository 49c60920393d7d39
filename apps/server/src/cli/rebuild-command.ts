import { stat } from 'node:fs/promises';
import { createMemoryAdapterSet } from '@bangui/adapters-memory';
import { createHistoryService } from '../history/history-service.ts';
import type { RebuildSummary } from '../history/rebuild-summary.ts';

/** A refusal to print as-is (no stack trace): the operator can fix it. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/**
 * Opens the data dir the way the server does (taking its lock, so this refuses
 * with DataDirLockedError while BanGUI runs on it), replays the whole journal
 * into fresh read models and summarises them. Nothing is written: the read
 * models live in memory, so the point is the check (digests to compare with
 * POST /api/admin/rebuild, or between two copies of a data dir).
 */
export async function rebuildFromDataDir(dataDir: string): Promise<RebuildSummary> {
  const info = await stat(dataDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new CliError(
      `no BanGUI data directory at ${dataDir} (set BANGUI_DATA_DIR or pass --data-dir)`,
    );
  }
  const adapters = createMemoryAdapterSet({ dataDir });
  try {
    const history = createHistoryService({
      eventStore: adapters.eventStore,
      onError: (err) => {
        throw err;
      },
    });
    await history.catchUp();
    return history.summary();
  } finally {
    await adapters.close();
  }
}

/** The summary as the CLI prints it. */
export function formatSummary(dataDir: string, summary: RebuildSummary): string {
  const lines = [
    `Rebuilt the read models from ${dataDir}`,
    `events: ${summary.events} (last position ${summary.checkpoint ?? 'none'})`,
  ];
  for (const [name, p] of Object.entries(summary.projections)) {
    lines.push(
      `  ${name.padEnd(11)} ${String(p.count).padStart(9)} ${p.unit.padEnd(15)} ${p.digest}`,
    );
  }
  lines.push(`digest: ${summary.digest}`);
  return `${lines.join('\n')}\n`;
}
