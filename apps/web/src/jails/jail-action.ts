/**
 * What the admin did last on a jail page. Only that action's outcome stays on screen: a
 * "Banned …" message left beside the form after an unban or a new search would describe a
 * state that no longer holds.
 */
export type JailAction = 'ban' | 'unban' | 'search';
