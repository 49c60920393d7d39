import { createDatabase } from '@bangui/adapters-postgres/testing';
import { inject } from 'vitest';

/** A database of this test file's own: a clone of the migrated template (see test/global-setup.ts). */
export function freshDatabase(): Promise<string> {
  return createDatabase(inject('postgresUrl'), { template: inject('templateDatabase') });
}
