import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, it } from 'vitest';
import { createManualClock, type ManualClock } from '../clock.ts';

/** What every contract hands to an adapter's factory. */
export interface ContractContext {
  /** Adapters must read time from this clock so tests can move it. */
  clock: ManualClock;
}

export interface ContractFixture<T> {
  instance: T;
  /**
   * A second instance on the same backend (another worker). Required by the
   * `peer-*` cases; process-scoped adapters declare those cases skipped.
   */
  peer?: T;
  close?: () => void | Promise<void>;
}

export type ContractFactory<T> = (
  context: ContractContext,
) => ContractFixture<T> | Promise<ContractFixture<T>>;

export interface ContractOptions<Case extends string> {
  /**
   * Cases this adapter cannot honour, each with the reason. The reason is
   * printed in the skipped test's name so a report shows why.
   */
  skip?: Partial<Record<Case, string>>;
}

/**
 * Returns a `case(id, title, fn)` registrar bound to the contract's known
 * case ids. Unknown ids in `skip` throw so a typo cannot silently skip nothing.
 */
export function caseRegistrar<Case extends string>(
  contract: string,
  known: readonly Case[],
  options: ContractOptions<Case>,
): (id: Case, title: string, fn: () => Promise<void>) => void {
  const skip: Partial<Record<Case, string>> = options.skip ?? {};
  for (const id of Object.keys(skip)) {
    if (!known.includes(id as Case)) {
      throw new Error(`${contract}: unknown case '${id}' in skip; known: ${known.join(', ')}`);
    }
  }
  return (id, title, fn) => {
    const reason = skip[id];
    if (reason) it.skip(`[${id}] ${title} — skipped: ${reason}`, fn);
    else it(`[${id}] ${title}`, fn);
  };
}

/** Keys unique per test so contracts can run against a backend that outlives one test. */
export function uniqueKey(prefix: string): string {
  return `${prefix}:${randomUUID()}`;
}

export function requirePeer<T>(fixture: ContractFixture<T>): T {
  if (!fixture.peer) {
    throw new Error(
      'this case needs fixture.peer (a second instance); declare it skipped if the adapter is process-scoped',
    );
  }
  return fixture.peer;
}

export interface FixtureHandle<T> {
  readonly clock: ManualClock;
  readonly fixture: ContractFixture<T>;
  readonly instance: T;
}

/** Registers beforeEach/afterEach that build a fresh clock + fixture per test. Call inside describe. */
export function useFixture<T>(factory: ContractFactory<T>): FixtureHandle<T> {
  let clock: ManualClock | undefined;
  let fixture: ContractFixture<T> | undefined;
  beforeEach(async () => {
    clock = createManualClock();
    fixture = await factory({ clock });
  });
  afterEach(async () => {
    await fixture?.close?.();
    fixture = undefined;
  });
  const must = <V>(value: V | undefined): V => {
    if (value === undefined) throw new Error('fixture used outside a test');
    return value;
  };
  return {
    get clock() {
      return must(clock);
    },
    get fixture() {
      return must(fixture);
    },
    get instance() {
      return must(fixture).instance;
    },
  };
}
