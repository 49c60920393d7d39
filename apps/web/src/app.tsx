import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AddressPage } from './address/address-page.tsx';
import type { User } from './api/types.ts';
import { AuditPage } from './audit/audit-page.tsx';
import { CurrentUserContext } from './auth/current-user.ts';
import { LoginForm } from './auth/login-form.tsx';
import { createQueryClient } from './auth/query-client.ts';
import { loadSession, sessionKey } from './auth/session.ts';
import { BansPage } from './bans/bans-page.tsx';
import { DashboardPage } from './dashboard/dashboard-page.tsx';
import { HistoryPage } from './history/history-page.tsx';
import { JailPage } from './jails/jail-page.tsx';
import { JailsPage } from './jails/jails-page.tsx';
import { dashboardHref, type Route, useHashRoute } from './routing/hash-route.ts';
import { SettingsPage } from './settings/settings-page.tsx';
import { AdminOnly } from './ui/admin-only.tsx';
import { AppHeader } from './ui/app-header.tsx';
import { QueryError } from './ui/query-error.tsx';
import { UsersPage } from './users/users-page.tsx';

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const session = useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => loadSession(signal),
    // The session changes only through login, logout and 401s, which all set it directly.
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (session.isPending) return <p role="status">Loading…</p>;
  if (session.isError) {
    return (
      <main className="login">
        <QueryError error={session.error} />
        <button type="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  const { user, notice } = session.data;
  if (!user) return <LoginForm notice={notice} />;
  return <SignedIn user={user} />;
}

function SignedIn({ user }: { user: User }) {
  const route = useHashRoute();
  return (
    <CurrentUserContext value={user}>
      <AppHeader route={route} user={user} />
      {/* Focusable so the skip link can move focus here; no outline for that programmatic focus. */}
      <main className="content" id="main-content" tabIndex={-1}>
        <Page route={route} user={user} />
      </main>
    </CurrentUserContext>
  );
}

function Page({ route, user }: { route: Route; user: User }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'jails':
      return <JailsPage />;
    case 'jail':
      // Keyed so that search and paging state start fresh for each jail.
      return <JailPage key={route.jail} jail={route.jail} />;
    case 'bans':
      return <BansPage jail={route.jail} />;
    case 'address':
      return <AddressPage key={route.ip} ip={route.ip} />;
    case 'history':
      return <HistoryPage />;
    case 'audit':
      return (
        <AdminOnly user={user}>
          <AuditPage />
        </AdminOnly>
      );
    case 'users':
      return (
        <AdminOnly user={user}>
          <UsersPage me={user} />
        </AdminOnly>
      );
    case 'settings':
      return <SettingsPage user={user} />;
    case 'not-found':
      return (
        <p>
          This page does not exist. <a href={dashboardHref}>Go to the dashboard.</a>
        </p>
      );
  }
}
