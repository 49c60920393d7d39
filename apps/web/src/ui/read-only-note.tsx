import type { User } from '../api/types.ts';

/** Stands where the ban and unban controls would be, so a viewer knows why they are missing. */
export function ReadOnlyNote({ user }: { user: User }) {
  return (
    <p className="hint" data-testid="read-only-note">
      You are signed in as a {user.role}: you can look, but banning and unbanning need the operator
      role. Ask an admin if you need it.
    </p>
  );
}
