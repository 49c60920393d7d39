import type { ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { mayAdminister } from '../auth/roles.ts';
import { dashboardHref } from '../routing/hash-route.ts';

/**
 * An admin page reached by a typed or bookmarked URL: say why it is not there instead of
 * letting its queries run into the server's 403.
 */
export function AdminOnly({ user, children }: { user: User; children: ReactNode }) {
  if (mayAdminister(user.role)) return children;
  return (
    <p className="notice" role="status" data-testid="admin-only">
      This page is for admins; you are signed in as {user.name}, {article(user.role)} {user.role}.{' '}
      <a href={dashboardHref}>Go to the dashboard.</a>
    </p>
  );
}

const article = (role: string) => (role === 'admin' || role === 'operator' ? 'an' : 'a');
