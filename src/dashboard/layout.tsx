/**
 * @module dashboard/layout
 * The frame every page shares: head (one stylesheet, one script, both served from the package), a skip link,
 * the navigation built from the page list, and the CSRF token the script sends with every change.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { DashboardEnv, NavEntry } from './page.ts';
import { UI } from './paths.ts';

interface LayoutProps {
  title: string;
  /** The page's own href, marked current in the navigation. */
  current: string;
  nav: readonly NavEntry[];
  csrf: string;
  children?: Child;
}

export function Layout({ title, current, nav, csrf, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="csrf-token" content={csrf} />
        <title>{`${title} · ci-callback`}</title>
        <link rel="stylesheet" href={`${UI}/assets/dashboard.css`} />
        <script src={`${UI}/assets/dashboard.js`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            ci-callback
          </a>
          <nav aria-label="Pages">
            <ul>
              {nav.map((entry) => (
                <li>
                  <a href={entry.href} aria-current={entry.href === current ? 'page' : undefined}>
                    {entry.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** Answers a whole page. */
export function renderPage(
  c: Context<DashboardEnv>,
  page: { title: string; current: string; status?: 200 | 400 | 401 | 404 },
  children: Child,
) {
  return c.html(
    <Layout title={page.title} current={page.current} nav={c.get('nav')} csrf={c.get('csrf')}>
      {children}
    </Layout>,
    page.status ?? 200,
  );
}
