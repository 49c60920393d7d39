import type { ManualClock } from '@bangui/core';
import type { ContractFixture } from '@bangui/core/testing';
import { inject } from 'vitest';
import {
  createPostgresAdapterSet,
  type PostgresAdapterSet,
} from '../../src/postgres-adapter-set.ts';
import { createDatabase } from '../../src/testing/test-databases.ts';

/** A fresh, migrated, otherwise empty database of this test's own. */
export function freshDatabase(): Promise<string> {
  return createDatabase(inject('databaseUrl'), { template: inject('templateDatabase') });
}

/**
 * A contract fixture: two adapter sets (two workers) on one database, both
 * reading the test's clock; closing it closes both.
 */
export async function twoWorkers<T>(
  clock: ManualClock,
  port: (set: PostgresAdapterSet) => T,
  url: string = inject('databaseUrl'),
): Promise<ContractFixture<T>> {
  const here = await createPostgresAdapterSet({ url, clock, max: 4 });
  const there = await createPostgresAdapterSet({ url, clock, max: 4 }).catch(async (error) => {
    await here.close();
    throw error;
  });
  return {
    instance: port(here),
    peer: port(there),
    close: async () => {
      await Promise.all([here.close(), there.close()]);
    },
  };
}
