import type { User } from '../api/types.ts';
import { mayAdminister } from '../auth/roles.ts';
import {
  auditHref,
  bansHref,
  dashboardHref,
  historyHref,
  jailsHref,
  type Route,
  settingsHref,
  usersHref,
} from '../routing/hash-route.ts';

interface NavLink {
  href: string;
  label: string;
  /** the routes that belong to this section */
  pages: Route['page'][];
  /** shown to admins only: the server refuses these pages to everyone else */
  adminOnly?: boolean;
}

const links: NavLink[] = [
  { href: dashboardHref, label: 'Dashboard', pages: ['dashboard'] },
  { href: jailsHref, label: 'Jails', pages: ['jails', 'jail'] },
  { href: bansHref(), label: 'Bans', pages: ['bans', 'address'] },
  { href: historyHref, label: 'History', pages: ['history'] },
  { href: auditHref, label: 'Audit log', pages: ['audit'], adminOnly: true },
  { href: usersHref, label: 'Users', pages: ['users'], adminOnly: true },
  { href: settingsHref, label: 'Settings', pages: ['settings'] },
];

/**
 * The skip link (first in the tab order, visible on focus) and the site navigation. The
 * current section is marked with aria-current so screen readers announce it too.
 */
export function AppHeader({ route, user }: { route: Route; user: User }) {
  const visible = links.filter((link) => !link.adminOnly || mayAdminister(user.role));
  return (
    <>
      <button type="button" className="skip-link" onClick={skipToContent}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="brand" href={dashboardHref}>
          BanGUI
        </a>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {visible.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  aria-current={link.pages.includes(route.page) ? 'page' : undefined}
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          <a href={settingsHref} data-testid="current-user">
            {user.name}
          </a>
          <span className="badge role" data-testid="current-role" title="Your role">
            {user.role}
          </span>
        </span>
      </header>
    </>
  );
}

// A button, not an "#main-content" link: with hash routing that href would replace the route.
function skipToContent() {
  document.getElementById('main-content')?.focus();
}
