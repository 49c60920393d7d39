import { type BanLedger, createBanLedger } from './ban-ledger.ts';

/**
 * Which ledger a new ban projection uses. The public factories take no ledger
 * (their signatures are the package's API), so `createBanGuiProjections` builds
 * its projections inside `withSharedBanLedger` and they find the shared one
 * here; a projection created on its own gets a ledger of its own.
 */
let shared: BanLedger | undefined;

export function withSharedBanLedger<T>(build: () => T): T {
  const outer = shared;
  shared = createBanLedger();
  try {
    return build();
  } finally {
    shared = outer;
  }
}

export function ledgerForProjection(): BanLedger {
  return shared ?? createBanLedger();
}
