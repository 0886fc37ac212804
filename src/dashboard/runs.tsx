/**
 * @module dashboard/runs
 * What the pages of background runs (load runs, probe runs) share: the list of recent runs, and the live
 * stream that swaps in a run's state as it goes and ends with it.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { StatusBadge, when } from './components.tsx';
import { liveStream } from './live.ts';

interface BackgroundRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
}

interface RunRegistry<R extends BackgroundRun> {
  get(id: string): R | undefined;
  subscribe(listener: (run: R) => void): () => void;
}

/**
 * `state` events with the run's state rendered by `render`: the current one at once (whatever happened between
 * the page and this stream), then each change; the last one, when the run is over, closes the stream.
 */
export function runEvents<R extends BackgroundRun>(
  c: Context,
  runs: RunRegistry<R>,
  render: (run: R) => Child,
  signal?: AbortSignal,
) {
  const id = c.req.param('id') ?? '';
  return liveStream(
    c,
    (send) => {
      const update = (run: R) => {
        const final = run.status !== 'running';
        send({ event: 'state', data: { html: String(render(run)), final } }, final);
      };
      const unsubscribe = runs.subscribe((run) => {
        if (run.id === id) update(run);
      });
      const run = runs.get(id);
      if (run) update(run);
      else send({ event: 'end', data: {} }, true);
      return unsubscribe;
    },
    signal,
  );
}

/** Newest first, each linking to its page; `describe` says what the run is after its time and status. */
export function RecentRuns<R extends BackgroundRun>(props: {
  runs: readonly R[];
  href: string;
  empty: string;
  describe: (run: R) => Child;
}) {
  if (props.runs.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul>
      {props.runs.map((run) => (
        <li>
          <a href={`${props.href}/${run.id}`}>{when(run.startedAt)}</a> <StatusBadge status={run.status} />{' '}
          {props.describe(run)}
        </li>
      ))}
    </ul>
  );
}
