import { useState } from 'react';
import { isFail2banUnavailable, isNotFound } from '../api/api-error.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { mayAdminister, mayBan } from '../auth/roles.ts';
import { jailsHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { ReadOnlyNote } from '../ui/read-only-note.tsx';
import { BanForm } from './ban-form.tsx';
import { BanList } from './ban-list.tsx';
import type { JailAction } from './jail-action.ts';
import { JailAdminPanel } from './jail-admin-panel.tsx';
import { useJail } from './jail-queries.ts';
import { JailSettings } from './jail-settings.tsx';

export function JailPage({ jail }: { jail: string }) {
  const detail = useJail(jail);
  const user = useCurrentUser();
  const [lastAction, setLastAction] = useState<JailAction | null>(null);
  // The ban list reports fail2ban being offline itself; avoid showing the banner twice.
  const showDetailError = detail.error !== null && !isFail2banUnavailable(detail.error);
  return (
    <section aria-labelledby="jail-title" className="jail-page">
      <p className="breadcrumb">
        <a href={jailsHref}>← All jails</a>
      </p>
      <h1 id="jail-title">
        Jail <code>{jail}</code>
      </h1>
      {showDetailError && <QueryError error={detail.error} />}
      {detail.isPending && <p role="status">Loading jail…</p>}
      {/* An unknown jail: the error above says so; there is nothing to ban in or list. */}
      {isNotFound(detail.error) ? (
        // A stopped jail is unknown to fail2ban until it is started again.
        <JailAdminPanel
          jail={jail}
          detail={undefined}
          notRunning
          mayAdminister={mayAdminister(user.role)}
          mayEditIgnoreList={false}
        />
      ) : (
        <div className="jail-grid">
          <div className="jail-side">
            {detail.data && <JailSettings detail={detail.data} />}
            <JailAdminPanel
              jail={jail}
              detail={detail.data}
              notRunning={false}
              mayAdminister={mayAdminister(user.role)}
              mayEditIgnoreList={mayBan(user.role)}
            />
            {mayBan(user.role) ? (
              <BanForm
                jail={jail}
                ignoreip={detail.data?.settings.ignoreip}
                showOutcome={lastAction === 'ban'}
                onBan={() => setLastAction('ban')}
              />
            ) : (
              <ReadOnlyNote user={user} />
            )}
          </div>
          <BanList jail={jail} showOutcome={lastAction === 'unban'} onAction={setLastAction} />
        </div>
      )}
    </section>
  );
}
