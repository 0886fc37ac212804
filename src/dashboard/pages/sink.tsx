/**
 * @module dashboard/pages/sink
 * What the built-in /sink receiver got and answered, newest first, following new arrivals live; and what it
 * answers (its setting, changed through PUT /sink/response).
 */
import { Hono } from 'hono';
import type { SinkSettingView } from '../../api/sink-answers.ts';
import type { SinkAnswered, SinkEntry } from '../../api/sink-log.ts';
import { ErrorBox, Field, when } from '../components.tsx';
import { highlight } from '../highlight.tsx';
import { renderPage } from '../layout.tsx';
import { liveStream } from '../live.ts';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

/** `503 after 2s (asked)`: what the sink answered, and whether a request or the setting asked for it. */
function describeAnswer({ status, delayMs, by }: SinkAnswered): string {
  const wait = delayMs === 0 ? '' : ` after ${delayMs >= 1_000 ? `${delayMs / 1_000}s` : `${delayMs}ms`}`;
  const why = by === 'query' ? ' (asked in the query)' : by === 'setting' ? ' (the setting)' : '';
  return `${status}${wait}${why}`;
}

/** The sink's setting and the form that changes it (PUT /sink/response), or takes it back to 200. */
function SettingForm({ setting }: { setting: SinkSettingView | null }) {
  return (
    <section aria-label="What the sink answers">
      <h2>What it answers</h2>
      <p>
        {setting
          ? `Every callback that asks nothing itself: ${setting.status.join(', ')} in turn (next: #${setting.next + 1})${setting.delay === null ? '' : `, after ${setting.delay}`}${setting.body === null ? '' : ', with the body set'}.`
          : '200 at once, to every callback that asks nothing itself.'}{' '}
        A target can ask for its own answer: <code>/sink?status=503,503,200&amp;delay=2s</code>.
      </p>
      <form data-api="PUT /sink/response" data-then="reload" class="grid" aria-label="Sink answer">
        <Field
          label="Status"
          name="status"
          placeholder="503,503,200"
          hint="200 … 599, or several answered in turn and again"
        />
        <Field label="Delay" name="delay" placeholder="2s" hint="Wait before answering, at most 30s" />
        <Field label="Body" name="body" hint="Text to answer instead of the JSON receipt" />
        <ErrorBox />
        <div class="actions span-all">
          <button type="submit">Set</button>
          {setting ? (
            <button type="button" data-api="DELETE /sink/response" data-then="reload">
              Back to 200
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function SinkRow({ entry }: { entry: SinkEntry }) {
  const firstLine = entry.body.slice(0, 120).replace(/\s+/g, ' ');
  return (
    <tr id={`sink-${entry.id}`} data-key={String(entry.id)}>
      <td>#{entry.id}</td>
      <td>
        <time datetime={entry.receivedAt}>{when(entry.receivedAt)}</time>
      </td>
      <td>{entry.contentType ?? '–'}</td>
      <td class="num">{entry.attempt ?? '–'}</td>
      <td>{describeAnswer(entry.answered)}</td>
      <td class="num">{entry.size}</td>
      <td>
        <details>
          <summary>{firstLine}</summary>
          <pre>
            <code>{highlight(entry.body, entry.contentType ?? '')}</code>
          </pre>
          {entry.truncated ? <p class="muted">Cut at the sink's limit.</p> : null}
        </details>
      </td>
    </tr>
  );
}

export const sinkPage: DashboardPage = {
  title: 'Sink',
  href: `${UI}/sink`,
  routes: (deps) =>
    new Hono<DashboardEnv>()
      .get('/', (c) => {
        const { sinkLog } = deps;
        const origin = new URL(c.req.url).origin;
        return renderPage(
          c,
          { title: 'Sink', current: `${UI}/sink` },
          <>
            <p>
              A receiver built in: anything POSTed to <code>{origin}/sink</code> shows here (the latest{' '}
              {sinkLog.capacity}; {sinkLog.total} since start). New callbacks appear as they arrive.
            </p>
            <SettingForm setting={sinkLog.answers.setting()} />
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Callbacks received</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Received</th>
                    <th scope="col">Content-Type</th>
                    <th scope="col">Attempt</th>
                    <th scope="col">Answered</th>
                    <th scope="col">Bytes</th>
                    <th scope="col">Body</th>
                  </tr>
                </thead>
                <tbody data-live={`${UI}/sink/events`} data-live-limit={String(sinkLog.capacity)}>
                  {sinkLog.list().map((entry) => (
                    <SinkRow entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          </>,
        );
      })
      .get('/events', (c) =>
        liveStream(
          c,
          (send) =>
            deps.sinkLog.subscribe((entry) =>
              send({
                event: 'row',
                data: { key: String(entry.id), html: String(<SinkRow entry={entry} />) },
              }),
            ),
          deps.shutdownSignal,
        ),
      ),
};
