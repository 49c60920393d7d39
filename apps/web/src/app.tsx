import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoginForm } from './auth/login-form.tsx';
import { createQueryClient } from './auth/query-client.ts';
import { loadSession, sessionKey } from './auth/session.ts';
import { JailPage } from './jails/jail-page.tsx';
import { JailsPage } from './jails/jails-page.tsx';
import { jailsHref, useHashRoute } from './routing/hash-route.ts';
import { AppHeader } from './ui/app-header.tsx';
import { QueryError } from './ui/query-error.tsx';

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
  return (
    <>
      <AppHeader user={user} />
      <main className="content">
        <Page />
      </main>
    </>
  );
}

function Page() {
  const route = useHashRoute();
  switch (route.page) {
    case 'jails':
      return <JailsPage />;
    case 'jail':
      // Keyed so that search and paging state start fresh for each jail.
      return <JailPage key={route.jail} jail={route.jail} />;
    case 'not-found':
      return (
        <p>
          This page does not exist. <a href={jailsHref}>Go to the jail list.</a>
        </p>
      );
  }
}
