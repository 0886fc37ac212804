/**
 * @module dashboard/pages/sink
 * What the built-in /sink receiver got, newest first, following new arrivals live.
 */
import { Hono } from 'hono';
import type { SinkEntry } from '../../api/sink-log.ts';
import { when } from '../components.tsx';
import { highlight } from '../highlight.tsx';
import { renderPage } from '../layout.tsx';
import { liveStream } from '../live.ts';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

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
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Callbacks received</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Received</th>
                    <th scope="col">Content-Type</th>
                    <th scope="col">Attempt</th>
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
