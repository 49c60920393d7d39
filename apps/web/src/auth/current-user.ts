import { createContext, useContext } from 'react';
import type { User } from '../api/types.ts';

/**
 * The signed-in user, for the controls deep in a page that depend on the role (ban form,
 * unban buttons). Only rendered inside the signed-in shell, which always provides it.
 */
export const CurrentUserContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside the signed-in shell');
  return user;
}
