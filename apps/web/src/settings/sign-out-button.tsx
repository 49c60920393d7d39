import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/endpoints.ts';
import { endSession } from '../auth/end-session.ts';
import { replaceWithDashboard } from '../routing/hash-route.ts';

export function SignOutButton() {
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    // Whatever the server said, this browser tab is signed out now: forget all cached data,
    // and start the next sign-in at the dashboard rather than where this session left off.
    onSettled: () => {
      replaceWithDashboard();
      endSession(client);
    },
  });
  return (
    <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {signOut.isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
