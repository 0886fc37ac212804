/**
 * @module dashboard/pages/deliveries
 * The delivery log, newest first, with filters (status, Tag, schedule, target) and paging. The first page
 * follows new deliveries live: each change arrives as a server-rendered row the script swaps in.
 */
import { Hono } from 'hono';
import { PROBLEMS, toProblem } from '../../api/problem.ts';
import { deliveriesQuery } from '../../api/schemas.ts';
import { describeIssues } from '../../api/validation.ts';
import type { DeliveryFilter, DeliverySummary } from '../../delivery/store.ts';
import { DELIVERY_STATUSES } from '../../delivery/store.ts';
import { findTag, tagNames } from '../../payloads/registry.ts';
import { DELIVERY_COLUMNS, DeliveryRow, ErrorBox, Select } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import { liveStream } from '../live.ts';
import type { DashboardDeps, DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';
import { deliveryDetailRoutes } from './delivery.tsx';

const PAGE_SIZE = 25;
const FILTER_NAMES = ['status', 'tag', 'schedule', 'target'] as const;

/** The query's filters, checked by the API's own schema (blank fields dropped). */
function filterOf(query: Record<string, string>): { filter: DeliveryFilter; shown: URLSearchParams } {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) if (value.trim() !== '') given[name] = value.trim();
  const parsed = deliveriesQuery.safeParse(given);
  if (!parsed.success) {
    const { detail, fields } = describeIssues('query', parsed.error.issues, deliveriesQuery);
    throw PROBLEMS.badRequest(`invalid filter: ${detail}`, fields);
  }
  const q = parsed.data;
  const filter: DeliveryFilter = { limit: q.limit ?? PAGE_SIZE };
  if (q.status !== undefined) filter.status = q.status;
  if (q.tag !== undefined) filter.tag = findTag(q.tag).tag;
  if (q.schedule !== undefined) filter.scheduleId = q.schedule;
  if (q.target !== undefined) filter.targetContains = q.target;
  if (q.cursor !== undefined) filter.before = q.cursor;
  const shown = new URLSearchParams();
  for (const name of FILTER_NAMES) if (given[name] !== undefined) shown.set(name, given[name]);
  return { filter, shown };
}

function matches(d: DeliverySummary, filter: DeliveryFilter): boolean {
  return (
    (filter.status === undefined || d.status === filter.status) &&
    (filter.tag === undefined || d.tag === filter.tag) &&
    (filter.scheduleId === undefined || d.scheduleId === filter.scheduleId) &&
    (filter.targetContains === undefined || d.target.includes(filter.targetContains))
  );
}

function Filters({ shown }: { shown: URLSearchParams }) {
  return (
    <form method="get" action={`${UI}/deliveries`} class="filters" aria-label="Filters">
      <Select
        label="Status"
        name="status"
        options={DELIVERY_STATUSES}
        value={shown.get('status') ?? ''}
        empty="any"
      />
      <Select label="Tag" name="tag" options={tagNames()} value={shown.get('tag') ?? ''} empty="any" />
      <div class="field">
        <label for="filter-schedule">Schedule id</label>
        <input id="filter-schedule" name="schedule" inputmode="numeric" value={shown.get('schedule') ?? ''} />
      </div>
      <div class="field">
        <label for="filter-target">Target contains</label>
        <input id="filter-target" name="target" value={shown.get('target') ?? ''} />
      </div>
      <div class="actions">
        <button type="submit">Filter</button>
        <a href={`${UI}/deliveries`}>Clear</a>
      </div>
    </form>
  );
}

function deliveriesRoutes(deps: DashboardDeps) {
  return new Hono<DashboardEnv>()
    .get('/', (c) => {
      let selection: ReturnType<typeof filterOf>;
      try {
        selection = filterOf(c.req.query());
      } catch (error) {
        const problem = toProblem(error).problem.body;
        return renderPage(
          c,
          { title: 'Deliveries', current: `${UI}/deliveries`, status: 400 },
          <>
            <Filters shown={new URLSearchParams()} />
            <ErrorBox problem={problem} />
          </>,
        );
      }
      const { filter, shown } = selection;
      const deliveries = deps.store.listDeliveries(filter);
      const last = deliveries.at(-1);
      const older = deliveries.length === filter.limit && last ? new URLSearchParams(shown) : undefined;
      older?.set('cursor', String(last?.id));
      const live = filter.before === undefined;
      return renderPage(
        c,
        { title: 'Deliveries', current: `${UI}/deliveries` },
        <>
          <Filters shown={shown} />
          <p class="muted" aria-live="polite">
            {live
              ? 'Newest first; new deliveries appear as they happen.'
              : 'An older page; it does not update.'}
          </p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Deliveries</caption>
              <thead>
                <tr>
                  {DELIVERY_COLUMNS.map((name) => (
                    <th scope="col">{name}</th>
                  ))}
                </tr>
              </thead>
              <tbody
                data-live={live ? `${UI}/deliveries/events?${shown}` : undefined}
                data-live-limit={String(filter.limit)}
              >
                {deliveries.map((d) => (
                  <DeliveryRow delivery={d} />
                ))}
              </tbody>
            </table>
          </div>
          {deliveries.length === 0 ? <p class="muted">No deliveries yet.</p> : null}
          <nav aria-label="Pages of deliveries" class="pager">
            {filter.before !== undefined ? <a href={`${UI}/deliveries?${shown}`}>Newest</a> : null}
            {older ? <a href={`${UI}/deliveries?${older}`}>Older</a> : null}
          </nav>
        </>,
      );
    })
    .get('/events', (c) => {
      const { filter } = filterOf(c.req.query());
      return liveStream(
        c,
        (send) =>
          deps.deliverer.subscribe((id) => {
            const delivery = deps.store.getDelivery(id);
            if (!delivery) return;
            const html = matches(delivery, filter) ? String(<DeliveryRow delivery={delivery} />) : '';
            send({ event: 'row', data: { key: String(id), html } });
          }),
        deps.shutdownSignal,
      );
    })
    .route('/', deliveryDetailRoutes(deps));
}

export const deliveriesPage: DashboardPage = {
  title: 'Deliveries',
  href: `${UI}/deliveries`,
  routes: deliveriesRoutes,
};
