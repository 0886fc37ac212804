/**
 * @module dashboard/pages/delivery
 * One delivery: the request (headers and body) and every attempt with its status, latency and the
 * receiver's response snippet or the error, all escaped. Replay sends it again as a new delivery; "Copy as
 * curl" fetches the command (with the real, unmasked target) only when asked. A pending delivery's page
 * reloads itself when an attempt ends (retries can take half a minute).
 */
import { Hono } from 'hono';
import { PROBLEMS } from '../../api/problem.ts';
import type { DeliveryDetail } from '../../delivery/store.ts';
import { BodyBlock, ErrorBox, maskTarget, ms, StatusBadge, when } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import { liveStream } from '../live.ts';
import type { DashboardDeps, DashboardEnv } from '../page.ts';
import { UI } from '../paths.ts';

/** A shell word in single quotes: safe for any text. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The curl command that repeats the delivery's first attempt, as CI would send it: without the emitter's own
 * X-CI-Callback-Attempt (off by default, and not logged with the delivery).
 */
export function curlCommand(d: DeliveryDetail): string {
  const headers = { 'Content-Type': d.request.contentType, ...d.request.headers };
  return [
    `curl -X POST ${shellQuote(d.target)}`,
    ...Object.entries(headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  --data-binary ${shellQuote(d.request.body)}`,
  ].join(' \\\n');
}

function Detail({ d }: { d: DeliveryDetail }) {
  const facts: [string, string][] = [
    ['Status', d.status],
    ['Target', maskTarget(d.target)],
    ['Tag', d.tag ?? 'payload'],
    ['Variant', [d.format, d.trigger, d.state].filter(Boolean).join(' · ') || '–'],
    ['Seed', d.seed === null ? '–' : String(d.seed)],
    ['Schedule', d.scheduleId === null ? '–' : `#${d.scheduleId}`],
    ['Created', when(d.createdAt)],
    ['Finished', when(d.finishedAt)],
  ];
  return (
    <>
      <div class="actions">
        <button
          type="button"
          data-api={`POST /deliveries/${d.id}/replay`}
          data-then={`goto:${UI}/deliveries/{id}`}
        >
          Replay
        </button>
        <button type="button" data-curl={`${UI}/deliveries/${d.id}/curl`}>
          Copy as curl
        </button>
        <a href={`${UI}/deliveries`}>All deliveries</a>
      </div>
      <ErrorBox />
      <textarea class="curl" aria-label="curl command" readonly hidden data-curl-output rows={6} />
      <dl class="facts">
        {facts.map(([name, value]) =>
          name === 'Status' ? (
            <>
              <dt>{name}</dt>
              <dd>
                <StatusBadge status={value} />
                {d.replayOf === null ? null : (
                  <>
                    {' '}
                    replay of <a href={`${UI}/deliveries/${d.replayOf}`}>#{d.replayOf}</a>
                  </>
                )}
              </dd>
            </>
          ) : (
            <>
              <dt>{name}</dt>
              <dd class="wrap">{value}</dd>
            </>
          ),
        )}
      </dl>
      <h2>Attempts</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Status</th>
              <th scope="col">HTTP</th>
              <th scope="col">Latency</th>
              <th scope="col">Started</th>
              <th scope="col">Response or error</th>
            </tr>
          </thead>
          <tbody>
            {d.attempts.map((a) => (
              <tr>
                <td>{a.number}</td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td>{a.httpStatus ?? '–'}</td>
                <td class="num">{ms(a.latencyMs)}</td>
                <td>{when(a.startedAt)}</td>
                <td>
                  {a.error ? (
                    <span class="error-text">
                      {a.error.kind}: {a.error.message}
                    </span>
                  ) : null}
                  {a.responseSnippet ? <pre class="snippet">{a.responseSnippet}</pre> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Request headers</h2>
      <dl class="facts">
        <dt>Content-Type</dt>
        <dd>{d.request.contentType}</dd>
        {Object.entries(d.request.headers).map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd class="wrap">{value}</dd>
          </>
        ))}
      </dl>
      <h2>Request body</h2>
      <BodyBlock
        body={d.request.body}
        contentType={d.request.contentType}
        filename={`delivery-${d.id}.${/json/.test(d.request.contentType) ? 'json' : 'xml'}`}
      />
    </>
  );
}

export function deliveryDetailRoutes(deps: DashboardDeps) {
  const found = (id: string) => {
    const delivery = deps.store.getDelivery(Number(id));
    if (!delivery) throw PROBLEMS.notFound(`no delivery ${id}; the Deliveries page lists them`, ['id']);
    return delivery;
  };
  return new Hono<DashboardEnv>()
    .get('/:id{[0-9]+}', (c) => {
      const delivery = deps.store.getDelivery(Number(c.req.param('id')));
      const title = `Delivery #${c.req.param('id')}`;
      if (!delivery) {
        return renderPage(
          c,
          { title, current: `${UI}/deliveries`, status: 404 },
          <ErrorBox
            problem={{ error: 'not_found', detail: 'No such delivery; the Deliveries page lists them.' }}
          />,
        );
      }
      const follow = delivery.status === 'pending' ? `${UI}/deliveries/${delivery.id}/events` : undefined;
      return renderPage(
        c,
        { title, current: `${UI}/deliveries` },
        <div data-live={follow}>
          <Detail d={delivery} />
        </div>,
      );
    })
    .get('/:id{[0-9]+}/events', (c) => {
      const id = Number(c.req.param('id'));
      return liveStream(
        c,
        (send) => {
          const unsubscribe = deps.deliverer.subscribe((changed) => {
            if (changed === id) send({ event: 'end', data: {} }, true);
          });
          // it may have moved on between the page and this stream
          if (deps.store.getDelivery(id)?.status !== 'pending') send({ event: 'end', data: {} }, true);
          return unsubscribe;
        },
        deps.shutdownSignal,
      );
    })
    .get('/:id{[0-9]+}/curl', (c) => c.text(curlCommand(found(c.req.param('id')))));
}
