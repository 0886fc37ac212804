/**
 * @module dashboard/login
 * The sign-in page of a server started with `--token`: the token is asked for once, and the session cookie
 * keeps the browser signed in until the server restarts with another token.
 */
import { Hono } from 'hono';
import { ErrorBox } from './components.tsx';
import { renderPage } from './layout.tsx';
import type { DashboardEnv } from './page.ts';
import { UI } from './paths.ts';
import { CSRF_FIELD, type DashboardSession, safeNext } from './session.ts';

function SignIn({ csrf, next, wrong }: { csrf: string; next: string; wrong: boolean }) {
  return (
    <form method="post" action={`${UI}/login`} class="narrow">
      <p>This server was started with a token. Give it once; the browser keeps a session cookie.</p>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="next" value={next} />
      <div class="field">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus />
      </div>
      <ErrorBox
        problem={
          wrong
            ? {
                error: 'unauthorized',
                detail: 'That token is wrong; use the --token the server was started with.',
              }
            : undefined
        }
      />
      <div class="actions">
        <button type="submit">Sign in</button>
      </div>
    </form>
  );
}

export function loginRoutes(session: DashboardSession) {
  return new Hono<DashboardEnv>()
    .get('/', (c) =>
      renderPage(
        c,
        { title: 'Sign in', current: `${UI}/login` },
        <SignIn csrf={c.get('csrf')} next={safeNext(c.req.query('next'))} wrong={false} />,
      ),
    )
    .post('/', async (c) => {
      const form = await c.req.parseBody();
      const next = safeNext(typeof form['next'] === 'string' ? form['next'] : undefined);
      const token = typeof form['token'] === 'string' ? form['token'] : '';
      if (session.signIn(c, token)) return c.redirect(next, 303);
      return renderPage(
        c,
        { title: 'Sign in', current: `${UI}/login`, status: 401 },
        <SignIn csrf={c.get('csrf')} next={next} wrong />,
      );
    });
}
