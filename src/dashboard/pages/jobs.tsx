/**
 * @module dashboard/pages/jobs
 * The jobs submitted to CI's job API (`POST /jobs`, …; docs/ci-api.md), newest first: Tag, state, queue, input and
 * a link to the callback's delivery (or why none was sent), following changes live.
 */
import { Hono } from 'hono';
import { type CiJob, jobSummary } from '../../ci-api/index.ts';
import { StatusBadge, when } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import { liveStream } from '../live.ts';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

/** How many the page shows. */
const SHOWN = 100;

/** The state's badge class: the delivery badges' colours (done, failed, pending). */
const BADGE: Record<CiJob['state'], string> = {
  Submitted: 'pending',
  Running: 'pending',
  Success: 'delivered',
  Failed: 'failed',
  Cancel: 'interrupted',
};

function JobRow({ job }: { job: CiJob }) {
  const summary = jobSummary(job);
  return (
    <tr id={`job-${job.jobId}`} data-key={job.jobId}>
      <td>
        <code>{job.jobId}</code>
      </td>
      <td>{job.tag}</td>
      <td>
        <span class={`badge badge-${BADGE[job.state]}`}>{job.state}</span>
        {summary.code ? <> {summary.code}</> : null}
      </td>
      <td>
        <code>{job.queueId}</code>
      </td>
      <td>{job.object || '–'}</td>
      <td>
        <time datetime={summary.createdAt}>{when(summary.createdAt)}</time>
      </td>
      <td>
        {summary.deliveryId !== null ? (
          <a href={`${UI}/deliveries/${summary.deliveryId}`}>#{summary.deliveryId}</a>
        ) : summary.noCallback ? (
          <span class="muted">none: {summary.noCallback}</span>
        ) : (
          <StatusBadge status="pending" />
        )}
      </td>
    </tr>
  );
}

export const jobsPage: DashboardPage = {
  title: 'Jobs',
  href: `${UI}/jobs`,
  routes: (deps) =>
    new Hono<DashboardEnv>()
      .get('/', (c) => {
        const origin = new URL(c.req.url).origin;
        const { jobs } = deps.ciJobs.list({ size: SHOWN });
        return renderPage(
          c,
          { title: 'Jobs', current: `${UI}/jobs` },
          <>
            <p>
              Jobs submitted to CI's job API at <code>{origin}/jobs</code> (Tencent's SDKs, pointed at this
              server), newest first. Each ends after its processing time and sends its TaskFinish callback,
              which the last column links to.
            </p>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Jobs submitted</caption>
                <thead>
                  <tr>
                    <th scope="col">JobId</th>
                    <th scope="col">Tag</th>
                    <th scope="col">State</th>
                    <th scope="col">Queue</th>
                    <th scope="col">Input</th>
                    <th scope="col">Created</th>
                    <th scope="col">Callback</th>
                  </tr>
                </thead>
                <tbody data-live={`${UI}/jobs/events`} data-live-limit={String(SHOWN)}>
                  {jobs.map((job) => (
                    <JobRow job={job} />
                  ))}
                </tbody>
              </table>
            </div>
            {jobs.length === 0 ? <p class="muted">No job yet: submit one with POST {origin}/jobs.</p> : null}
          </>,
        );
      })
      .get('/events', (c) =>
        liveStream(
          c,
          (send) =>
            deps.ciJobs.subscribe((job) =>
              send({ event: 'row', data: { key: job.jobId, html: String(<JobRow job={job} />) } }),
            ),
          deps.shutdownSignal,
        ),
      ),
};
