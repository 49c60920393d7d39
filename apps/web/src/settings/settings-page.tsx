import type { User } from '../api/types.ts';
import { ChangePassword } from './change-password.tsx';
import { MySessions } from './my-sessions.tsx';
import { MyTokens } from './my-tokens.tsx';
import { SignOutButton } from './sign-out-button.tsx';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The signed-in user's account (password, sessions, API tokens) and how the app displays. */
export function SettingsPage({ user }: { user: User }) {
  return (
    <section aria-labelledby="settings-page-title">
      <h1 id="settings-page-title">Settings</h1>
      <div className="card">
        <h2>Session</h2>
        <p>
          Signed in as <strong data-testid="settings-user">{user.name}</strong> with the{' '}
          <strong data-testid="settings-role">{user.role}</strong> role. The session ends after a
          period of inactivity; you are then asked to sign in again and come back to the page you
          were on.
        </p>
        <SignOutButton />
      </div>
      <ChangePassword />
      <MySessions />
      <MyTokens user={user} />
      <div className="card">
        <h2>Display</h2>
        <dl className="settings">
          <dt>Time zone</dt>
          <dd data-testid="settings-zone">{timeZone} (times are shown with their UTC offset)</dd>
          <dt>Theme</dt>
          <dd>Light or dark, following your system setting.</dd>
        </dl>
      </div>
    </section>
  );
}
