/**
 * @module dashboard/pages/send
 * Send what was previewed: target, headers and count; the form posts to POST /emit (through the dashboard's
 * API door), and each delivery's outcome appears below it, linked to its detail.
 */
import { Hono } from 'hono';
import { MAX_EMIT_DELIVERIES } from '../../server/schemas.ts';
import { ErrorBox, Field, HeadersField } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';
import { overrideLines, previewParams } from './preview.tsx';

export const sendPage: DashboardPage = {
  title: 'Send',
  href: `${UI}/send`,
  routes: () =>
    new Hono<DashboardEnv>().get('/', (c) => {
      const params = previewParams(c);
      const sink = `${new URL(c.req.url).origin}/sink`;
      const chosen = [params.format, params.trigger, params.state, params.jsonShape]
        .filter(Boolean)
        .join(' · ');
      const overrides = overrideLines(params.overrides);
      return renderPage(
        c,
        { title: 'Send', current: `${UI}/send` },
        <>
          <p>
            Sends callbacks now, one after another, and shows how each delivery went. They are logged in{' '}
            <a href={`${UI}/deliveries`}>Deliveries</a>.
          </p>
          <form data-api="POST /emit" data-then="emit-results" class="grid">
            <Field label="Tag" name="tag" value={params.tag} required hint="A Tag from the catalog" />
            <input type="hidden" name="format" value={params.format ?? ''} />
            <input type="hidden" name="trigger" value={params.trigger ?? ''} />
            <input type="hidden" name="state" value={params.state ?? ''} />
            <input type="hidden" name="jsonShape" value={params.jsonShape ?? ''} />
            <Field
              label="Seed"
              name="seed"
              json="int"
              value={params.seed}
              hint="With a seed, the i-th payload uses seed + i; empty is random"
            />
            <Field
              label="Overrides"
              name="overrides"
              json="lines"
              textarea
              value={overrides.join('\n')}
              hint="path=value, one per line"
            />
            <p class="span-all muted">
              Variant: {chosen === '' ? 'the defaults (xml, direct, success)' : chosen} —{' '}
              <a href={`${UI}/preview?${new URLSearchParams(params)}`}>back to the preview</a>
            </p>
            <Field
              label="Target URL"
              name="target"
              type="url"
              value={sink}
              required
              hint="Where to POST; this server's /sink shows what arrives"
            />
            <HeadersField />
            <Field
              label="Count"
              name="count"
              type="number"
              json="int"
              value="1"
              hint={`1 … ${MAX_EMIT_DELIVERIES}`}
            />
            <ErrorBox />
            <div class="actions span-all">
              <button type="submit">Send</button>
            </div>
          </form>
          <section aria-label="Results" aria-live="polite">
            <h2>Results</h2>
            <ul data-results class="results">
              <li class="muted">Nothing sent yet.</li>
            </ul>
          </section>
        </>,
      );
    }),
};
