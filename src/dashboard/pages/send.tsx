/**
 * @module dashboard/pages/send
 * Send what was previewed: target, headers and count; the form posts to POST /emit (through the dashboard's
 * API door), and each delivery's outcome appears below it, linked to its detail. A WorkflowFinish preview
 * arrives with its nodes: send the WorkflowFinish alone or the whole run (each node's TaskFinish, then the
 * WorkflowFinish, one RunId); the results then list each run's deliveries in the order they were sent. A
 * moderation preview arrives with its kind, form and result, sent as POST /emit's `review` with the
 * `X-Ci-Content-Version` of its form.
 */
import { Hono } from 'hono';
import { MAX_EMIT_DELIVERIES } from '../../api/schemas.ts';
import { ErrorBox, Field, HeadersField, SendingFields } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';
import { overrideLines, type PreviewParams, previewParams, ReviewFields } from './preview.tsx';

/** What a Tag's TaskFinish needs beyond the shared fields: the Tag and its trigger. */
function TaskFields({ tag, trigger }: { tag: string | undefined; trigger: string | undefined }) {
  return (
    <>
      <Field label="Tag" name="tag" value={tag} required hint="A Tag from the catalog" />
      <input type="hidden" name="trigger" value={trigger ?? ''} />
    </>
  );
}

/** A workflow's nodes, and the choice: its WorkflowFinish alone or the whole run (all workflow-triggered). */
function WorkflowFields({ nodes, wholeRun }: { nodes: string | undefined; wholeRun: boolean }) {
  return (
    <>
      <Field
        label="Workflow nodes"
        name="tags"
        json="list"
        value={nodes}
        required
        hint="One Tag per node, in order, comma-separated"
      />
      <input type="hidden" name="event" value="workflow-finish" />
      <fieldset class="span-all">
        <legend>What to send</legend>
        <label>
          <input type="radio" name="run" value="false" data-json="boolean" checked={!wholeRun} /> Just the
          WorkflowFinish
        </label>
        <label>
          <input type="radio" name="run" value="true" data-json="boolean" checked={wholeRun} /> The whole run:
          each node's TaskFinish, then the WorkflowFinish (one RunId)
        </label>
      </fieldset>
    </>
  );
}

/** What a TaskFinish or WorkflowFinish takes beyond the event: its variant, and overrides. */
function VariantFields({ params, workflow }: { params: PreviewParams; workflow: boolean }) {
  return (
    <>
      <input type="hidden" name="format" value={params.format ?? ''} />
      <input type="hidden" name="state" value={params.state ?? ''} />
      <input type="hidden" name="jsonShape" value={params.jsonShape ?? ''} />
      <Field
        label="Overrides"
        name="overrides"
        json="lines"
        textarea
        value={overrideLines(params.overrides).join('\n')}
        hint={workflow ? 'path=value, one per line, in the WorkflowFinish body' : 'path=value, one per line'}
      />
    </>
  );
}

/** The line under the fields: what will be sent, and the way back to its preview. */
function variantLine(params: PreviewParams, workflow: boolean, review: boolean): string {
  if (review) return 'A moderation callback (JSON), sent with the X-Ci-Content-Version that names its form';
  const chosen = [params.format, workflow ? 'workflow' : params.trigger, params.state, params.jsonShape]
    .filter(Boolean)
    .join(' · ');
  return `${workflow ? 'WorkflowFinish, variant' : 'Variant'}: ${chosen === '' ? 'the defaults (xml, direct, success)' : chosen}`;
}

export const sendPage: DashboardPage = {
  title: 'Send',
  href: `${UI}/send`,
  routes: () =>
    new Hono<DashboardEnv>().get('/', (c) => {
      const params = previewParams(c);
      const workflow = params.kind === 'workflow';
      const review = params.kind === 'review';
      const sink = `${new URL(c.req.url).origin}/sink`;
      return renderPage(
        c,
        { title: 'Send', current: `${UI}/send` },
        <>
          <p>
            Sends callbacks now, one after another, and shows how each delivery went. They are logged in{' '}
            <a href={`${UI}/deliveries`}>Deliveries</a>.
          </p>
          <form data-api="POST /emit" data-then="emit-results" class="grid">
            {review ? (
              <ReviewFields params={params} />
            ) : workflow ? (
              <WorkflowFields nodes={params.nodes} wholeRun={c.req.query('run') === 'true'} />
            ) : (
              <TaskFields tag={params.tag} trigger={params.trigger} />
            )}
            <Field
              label="Seed"
              name="seed"
              json="int"
              value={params.seed}
              hint={
                workflow
                  ? "The run's seed (the preview's gives its RunId and bodies); run i uses seed + i; empty is random"
                  : 'With a seed, the i-th payload uses seed + i; empty is random'
              }
            />
            {review ? null : <VariantFields params={params} workflow={workflow} />}
            <p class="span-all muted">
              {variantLine(params, workflow, review)} —{' '}
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
            <SendingFields />
            <Field
              label={workflow ? 'Runs' : 'Count'}
              name="count"
              type="number"
              json="int"
              value="1"
              hint={`1 … ${MAX_EMIT_DELIVERIES}${workflow ? ' deliveries in all (a whole run is one per node, plus one)' : ''}`}
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
