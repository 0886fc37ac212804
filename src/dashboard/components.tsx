/**
 * @module dashboard/components
 * Pieces several pages share: a delivery's row, status badges, masked targets, labelled fields and checkboxes,
 * the error box that shows an API problem's text, and a body block with its copy and download buttons.
 */
import type { Child } from 'hono/jsx';
import type { ProblemBody } from '../api/problem.ts';
import type { DeliverySummary } from '../delivery/store.ts';
import { describeTarget } from '../load/plan.ts';
import { highlight } from './highlight.tsx';
import { UI } from './paths.ts';

/** A target as the dashboard shows it: user and password, and query values, hidden (they may be secrets). */
export function maskTarget(target: string): string {
  try {
    return describeTarget(new URL(target));
  } catch {
    return target;
  }
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{status}</span>;
}

/** Latency in ms as people read it. */
export const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value * 10) / 10} ms`);
/** An ISO time, shown local-looking but exact: date and time to the second, UTC. */
export const when = (iso: string | null) =>
  iso === null ? '–' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function DeliveryRow({ delivery: d }: { delivery: DeliverySummary }) {
  const answer = d.httpStatus !== null ? `HTTP ${d.httpStatus}` : (d.error?.message ?? '');
  return (
    <tr id={`delivery-${d.id}`} data-key={String(d.id)}>
      <td>
        <a href={`${UI}/deliveries/${d.id}`}>#{d.id}</a>
      </td>
      <td>
        <StatusBadge status={d.status} />
      </td>
      <td>{d.tag ?? 'payload'}</td>
      <td>{[d.format, d.trigger, d.state].filter(Boolean).join(' · ')}</td>
      <td class="wrap">{maskTarget(d.target)}</td>
      <td>{answer}</td>
      <td class="num">{ms(d.latencyMs)}</td>
      <td class="num">{d.attemptCount}</td>
      <td>
        {d.scheduleId === null ? (d.replayOf === null ? '' : `replay of #${d.replayOf}`) : `#${d.scheduleId}`}
      </td>
      <td>
        <time datetime={d.createdAt}>{when(d.createdAt)}</time>
      </td>
    </tr>
  );
}

export const DELIVERY_COLUMNS = [
  'Id',
  'Status',
  'Tag',
  'Variant',
  'Target',
  'Answer',
  'Latency',
  'Attempts',
  'Schedule',
  'Created',
];

/** Where a form's problem appears; filled by the script from the API's answer, or by the server. */
export function ErrorBox({ problem }: { problem?: ProblemBody | undefined }) {
  return (
    <p class="error" role="alert" data-error hidden={problem === undefined}>
      {problem?.detail ?? ''}
    </p>
  );
}

interface FieldProps {
  label: string;
  name: string;
  value?: string | number | undefined;
  hint?: string;
  type?: string;
  /** How the script puts the value in a JSON body (see dashboard.js): string, int, number, boolean, lines, headers, weights, list. */
  json?: string;
  placeholder?: string;
  required?: boolean;
  textarea?: boolean;
}

export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  const common = {
    id,
    name: props.name,
    'data-json': props.json,
    placeholder: props.placeholder,
    required: props.required,
    'aria-describedby': props.hint ? `${id}-hint` : undefined,
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.textarea ? (
        <textarea {...common} rows={3}>
          {props.value === undefined ? '' : String(props.value)}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.value === undefined ? undefined : String(props.value)}
        />
      )}
      {props.hint ? (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}

/** Extra request headers, as `Name: value` lines (sent as the API's headers object). */
export function HeadersField() {
  return (
    <Field
      label="Headers"
      name="headers"
      json="headers"
      textarea
      placeholder="X-Token: secret"
      hint="Name: value, one per line"
    />
  );
}

/**
 * How deliveries are sent, as the API's `retry` and `attemptHeader`: left empty, the server's settings
 * (`serve --retry`, `--attempt-header`).
 */
export function SendingFields() {
  return (
    <>
      <Field
        label="Retry schedule"
        name="retry"
        placeholder="0,1s,5s,25s"
        hint="The wait before each attempt, from 0; none sends once; empty is the server's"
      />
      <div class="field">
        <label for="field-attemptHeader">Attempt header</label>
        <select
          id="field-attemptHeader"
          name="attemptHeader"
          data-json="boolean"
          aria-describedby="field-attemptHeader-hint"
        >
          <option value="">the server's setting</option>
          <option value="true">send X-CI-Callback-Attempt</option>
          <option value="false">do not send it</option>
        </select>
        <small id="field-attemptHeader-hint" class="hint">
          The emitter's retry counter: CI sends no such header
        </small>
      </div>
    </>
  );
}

/** Some of `values`, sent as a list; none checked sends nothing, which leaves the choice to the API's default. */
export function Checkboxes(props: {
  legend: string;
  name: string;
  values: readonly string[];
  class?: string;
}) {
  return (
    <fieldset class={props.class}>
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <label>
          <input type="checkbox" name={props.name} value={value} data-json="list" /> {value}
        </label>
      ))}
    </fieldset>
  );
}

interface SelectProps {
  label: string;
  name: string;
  options: readonly string[];
  value?: string | undefined;
  /** A first option meaning "not given" (the API's default). */
  empty?: string;
  json?: string;
}

export function Select({ label, name, options, value, empty, json }: SelectProps) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} data-json={json}>
        {empty === undefined ? null : <option value="">{empty}</option>}
        {options.map((option) => (
          <option value={option} selected={option === value}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A body, coloured, with copy and download buttons the script wires. */
export function BodyBlock({
  body,
  contentType,
  filename,
}: {
  body: string;
  contentType: string;
  filename: string;
}) {
  return (
    <div class="body-block">
      <div class="toolbar">
        <span class="muted">{contentType}</span>
        <button type="button" data-copy="body">
          Copy
        </button>
        <button type="button" data-download={filename} data-type={contentType}>
          Download
        </button>
      </div>
      <pre tabindex={0} title="Body" data-body>
        <code>{highlight(body, contentType)}</code>
      </pre>
    </div>
  );
}

/** A problem answered by the API, or a plain one when the answer was not a problem. */
export async function problemOf(response: Response): Promise<ProblemBody> {
  try {
    const body = (await response.json()) as ProblemBody;
    if (typeof body.detail === 'string') return body;
  } catch {
    // not JSON
  }
  return { error: 'error', detail: `the server answered HTTP ${response.status}` };
}

export function Section({ title, children }: { title: string; children?: Child }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
