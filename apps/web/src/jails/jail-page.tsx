import { useState } from 'react';
import { isFail2banUnavailable, isNotFound } from '../api/api-error.ts';
import { jailsHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { BanForm } from './ban-form.tsx';
import { BanList } from './ban-list.tsx';
import type { JailAction } from './jail-action.ts';
import { useJail } from './jail-queries.ts';
import { JailSettings } from './jail-settings.tsx';

export function JailPage({ jail }: { jail: string }) {
  const detail = useJail(jail);
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
      {isNotFound(detail.error) ? null : (
        <div className="jail-grid">
          <div className="jail-side">
            {detail.data && <JailSettings detail={detail.data} />}
            <BanForm
              jail={jail}
              ignoreip={detail.data?.settings.ignoreip}
              showOutcome={lastAction === 'ban'}
              onBan={() => setLastAction('ban')}
            />
          </div>
          <BanList jail={jail} showOutcome={lastAction === 'unban'} onAction={setLastAction} />
        </div>
      )}
    </section>
  );
}
