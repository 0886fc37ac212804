/**
 * @module dashboard/pages/schedules
 * Schedules: each with what it sends, how many it has sent and when it runs next; create one (every or cron,
 * Tags or weights, formats, limit, jitter) and pause, resume or delete it. Every change goes through the
 * /schedules API, so its checks and messages apply.
 */
import { Hono } from 'hono';
import { scheduleView } from '../../api/schedules.ts';
import { FORMATS, JSON_SHAPES, STATES, TRIGGERS } from '../../core/types.ts';
import type { ScheduleState } from '../../delivery/scheduler.ts';
import {
  Checkboxes,
  ErrorBox,
  Field,
  HeadersField,
  maskTarget,
  Select,
  SendingFields,
  StatusBadge,
  when,
} from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

const list = (values: readonly string[] | null) => (values === null ? 'any' : values.join(', '));

function ScheduleRow({ schedule }: { schedule: ScheduleState }) {
  const s = scheduleView(schedule);
  const picks = s.weights
    ? Object.entries(s.weights)
        .map(([tag, weight]) => `${tag}×${weight}`)
        .join(', ')
    : list(s.tags);
  return (
    <tr id={`schedule-${s.id}`}>
      <td>
        #{s.id}
        {s.name ? ` (${s.name})` : ''}
      </td>
      <td>
        <StatusBadge status={s.status} />
      </td>
      <td>{s.every !== null ? `every ${s.every}` : `cron ${s.cron}`}</td>
      <td class="wrap">
        {picks} · {list(s.formats)} · {list(s.triggers)} · {list(s.states)}
      </td>
      <td class="wrap">{maskTarget(s.target)}</td>
      <td class="num">
        <a href={`${UI}/deliveries?schedule=${s.id}`}>{s.sent}</a>
        {s.limit === null ? '' : ` / ${s.limit}`}
      </td>
      <td>{s.status === 'active' ? when(s.nextRunAt) : '–'}</td>
      <td class="actions">
        {s.status === 'active' ? (
          <button type="button" data-api={`POST /schedules/${s.id}/pause`} data-then="reload">
            Pause
          </button>
        ) : null}
        {s.status === 'paused' ? (
          <button type="button" data-api={`POST /schedules/${s.id}/resume`} data-then="reload">
            Resume
          </button>
        ) : null}
        <button
          type="button"
          class="danger"
          data-api={`DELETE /schedules/${s.id}`}
          data-then="reload"
          data-confirm={`Delete schedule #${s.id}? Its deliveries stay in the log.`}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

function CreateForm({ sink }: { sink: string }) {
  return (
    <form data-api="POST /schedules" data-then="reload" class="grid" aria-label="New schedule">
      <Field label="Target URL" name="target" type="url" value={sink} required />
      <Field
        label="Every"
        name="every"
        placeholder="5s"
        hint="250ms, 5s, 2m, 1h; or leave empty and give a cron"
      />
      <Field label="Cron" name="cron" placeholder="*/1 * * * *" hint="5 fields, or 6 with seconds first" />
      <Field
        label="Tags"
        name="tags"
        json="list"
        placeholder="SmartCover,SoundHound"
        hint="Comma-separated; empty is every Tag"
      />
      <Field
        label="Weights"
        name="weights"
        json="weights"
        textarea
        placeholder="SmartCover=3"
        hint="Tag=weight per line, instead of Tags"
      />
      <Checkboxes legend="Formats" name="formats" values={FORMATS} />
      <Checkboxes legend="Triggers" name="triggers" values={TRIGGERS} />
      <Checkboxes legend="States" name="states" values={STATES} />
      <Select label="JSON shape" name="jsonShape" options={JSON_SHAPES} empty="each Tag's documented shape" />
      <Field label="Limit" name="limit" type="number" json="int" hint="Stop after this many deliveries" />
      <Field label="Jitter" name="jitter" placeholder="500ms" hint="Delay each run by a random 0 … jitter" />
      <Field label="Overrides" name="overrides" json="lines" textarea hint="path=value, one per line" />
      <HeadersField />
      <SendingFields />
      <ErrorBox />
      <div class="actions span-all">
        <button type="submit">Create schedule</button>
      </div>
    </form>
  );
}

export const schedulesPage: DashboardPage = {
  title: 'Schedules',
  href: `${UI}/schedules`,
  routes: (deps) =>
    new Hono<DashboardEnv>().get('/', (c) => {
      const schedules = deps.scheduler.list();
      return renderPage(
        c,
        { title: 'Schedules', current: `${UI}/schedules` },
        <>
          <ErrorBox />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Schedules</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Status</th>
                  <th scope="col">When</th>
                  <th scope="col">Sends (Tags · formats · triggers · states)</th>
                  <th scope="col">Target</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Next run (UTC)</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {schedules.map((schedule) => (
                  <ScheduleRow schedule={schedule} />
                ))}
              </tbody>
            </table>
          </div>
          {schedules.length === 0 ? <p class="muted">No schedules yet.</p> : null}
          <h2>New schedule</h2>
          <CreateForm sink={`${new URL(c.req.url).origin}/sink`} />
        </>,
      );
    }),
};
