/**
 * Selected bans across jails: jail -> ids. Kept when the admin switches jail, so one bulk
 * unban can cover several jails (one request per jail). Immutable updates for React state.
 */
export type Selection = ReadonlyMap<string, ReadonlySet<string>>;

export const emptySelection: Selection = new Map();

export function toggle(selection: Selection, jail: string, id: string): Selection {
  const next = new Map(selection);
  const ids = new Set(selection.get(jail));
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  if (ids.size === 0) next.delete(jail);
  else next.set(jail, ids);
  return next;
}

export const isSelected = (selection: Selection, jail: string, id: string) =>
  selection.get(jail)?.has(id) ?? false;

export const selectedCount = (selection: Selection) =>
  [...selection.values()].reduce((sum, ids) => sum + ids.size, 0);

/** One unban request per jail: [jail, ids][]. */
export const requestsPerJail = (selection: Selection): [string, string[]][] =>
  [...selection].map(([jail, ids]) => [jail, [...ids]]);
