import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';
import { endSession } from '../auth/end-session.ts';
import { jailsHref, replaceWithJails } from '../routing/hash-route.ts';

export function AppHeader({ user }: { user: User }) {
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    // Whatever the server said, this browser tab is signed out now: forget all cached data,
    // and start the next sign-in at the jail list rather than where this session left off.
    onSettled: () => {
      replaceWithJails();
      endSession(client);
    },
  });
  return (
    <header className="app-header">
      <a className="brand" href={jailsHref}>
        BanGUI
      </a>
      <div className="who">
        <span className="muted" data-testid="current-user">
          {user.name}
        </span>
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
