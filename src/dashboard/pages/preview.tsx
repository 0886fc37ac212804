/**
 * @module dashboard/pages/preview
 * Preview a callback: a Tag (or a WorkflowFinish over chosen nodes, or a moderation kind), its variant, a seed
 * and overrides; the
 * body comes from the API's own preview routes, so a wrong override shows the API's message. The script
 * refreshes the body as you type; without it, the form's submit does the same.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { SEED_HEADER } from '../../api/tags.ts';
import { MAX_SEED } from '../../core/faker.ts';
import { FORMATS, JSON_SHAPES, STATES, TRIGGERS } from '../../core/types.ts';
import { CALLBACK_VERSIONS, REVIEW_KINDS, REVIEW_RESULTS } from '../../moderation/types.ts';
import { tagNames } from '../../payloads/registry.ts';
import { BodyBlock, ErrorBox, Field, problemOf, Select } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardDeps, DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

export const PREVIEW_FIELDS = [
  'kind',
  'tag',
  'nodes',
  'format',
  'trigger',
  'state',
  'jsonShape',
  'seed',
  'overrides',
  'review',
  'callbackVersion',
  'result',
] as const;
export type PreviewParams = Partial<Record<(typeof PREVIEW_FIELDS)[number], string>>;

/** The form's values from a query string; blank ones are left out (the API's defaults apply). */
export function previewParams(c: Context): PreviewParams {
  const params: PreviewParams = {};
  for (const name of PREVIEW_FIELDS) {
    const value = c.req.query(name)?.trim();
    if (value) params[name] = value;
  }
  return params;
}

/** `path=value` lines as the list the API takes. */
export const overrideLines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The API route and query that preview these params. */
function apiPath(params: PreviewParams): string {
  const query = new URLSearchParams();
  const add = (name: string, value: string | undefined) => value !== undefined && query.append(name, value);
  if (params.kind === 'review') {
    add('callbackVersion', params.callbackVersion);
    add('result', params.result);
    add('seed', params.seed);
    return `/reviews/${encodeURIComponent(params.review ?? '')}/payload?${query}`;
  }
  add('format', params.format);
  add('state', params.state);
  add('jsonShape', params.jsonShape);
  add('seed', params.seed);
  for (const line of overrideLines(params.overrides)) query.append('overrides', line);
  if (params.kind === 'workflow') {
    add('nodes', params.nodes ?? '');
    return `/workflow-finish/payload?${query}`;
  }
  add('trigger', params.trigger);
  return `/tags/${encodeURIComponent(params.tag ?? '')}/payload?${query}`;
}

async function PreviewResult({ deps, params }: { deps: DashboardDeps; params: PreviewParams }) {
  if (params.kind === 'review' && !params.review)
    return <p class="muted">Pick a moderation kind to see its callback.</p>;
  if (params.kind !== 'workflow' && params.kind !== 'review' && !params.tag)
    return <p class="muted">Pick a Tag to see its callback.</p>;
  const response = await deps.callApi(apiPath(params));
  if (!response.ok) return <ErrorBox problem={await problemOf(response)} />;
  const body = await response.text();
  const contentType = response.headers.get('content-type') ?? 'text/plain';
  const seed = response.headers.get(SEED_HEADER) ?? '';
  const name =
    params.kind === 'workflow'
      ? 'WorkflowFinish'
      : params.kind === 'review'
        ? `review-${params.review}`
        : (params.tag ?? 'payload');
  const form = response.headers.get('X-Ci-Content-Version');
  const extension = /json/.test(contentType) ? 'json' : 'xml';
  const sendQuery = new URLSearchParams({ ...params, seed });
  return (
    <>
      <p>
        Seed <output data-seed>{seed}</output> — the same seed and choices give the same bytes.{' '}
        {form ? (
          <>
            Sent with <code>X-Ci-Content-Version: {form}</code>.{' '}
          </>
        ) : null}
        <a class="button" href={`${UI}/send?${sendQuery}`} data-send-link>
          Send this…
        </a>
      </p>
      <BodyBlock body={body} contentType={contentType} filename={`${name}-${seed}.${extension}`} />
    </>
  );
}

/**
 * A moderation callback's choices: its kind, its form (named by X-Ci-Content-Version) and its result class; the
 * preview and Send show the same three. `kindEmpty` is the kind's "none picked" choice, where there is one.
 */
export function ReviewFields({ params, kindEmpty }: { params: PreviewParams; kindEmpty?: string }) {
  return (
    <>
      <Select
        label="Moderation kind"
        name="review"
        options={REVIEW_KINDS}
        value={params.review}
        empty={kindEmpty}
      />
      <Select
        label="Callback version"
        name="callbackVersion"
        options={CALLBACK_VERSIONS}
        value={params.callbackVersion}
        empty="CI's default for the kind"
      />
      <Select
        label="Result"
        name="result"
        options={REVIEW_RESULTS}
        value={params.result}
        empty="normal (default)"
      />
    </>
  );
}

function PreviewForm({ params }: { params: PreviewParams }) {
  const tags = tagNames();
  return (
    <form method="get" action={`${UI}/preview`} class="grid" data-preview>
      <fieldset class="span-all">
        <legend>Event</legend>
        <label>
          <input type="radio" name="kind" value="task" checked={params.kind !== 'workflow'} /> TaskFinish of
          one Tag
        </label>
        <label>
          <input type="radio" name="kind" value="workflow" checked={params.kind === 'workflow'} />{' '}
          WorkflowFinish of a workflow run
        </label>
        <label>
          <input type="radio" name="kind" value="review" checked={params.kind === 'review'} /> Content
          moderation (Review*)
        </label>
      </fieldset>
      <ReviewFields params={params} kindEmpty="— pick a kind —" />
      <Select label="Tag" name="tag" options={tags} value={params.tag} empty="— pick a Tag —" />
      <div class="field">
        <label for="field-nodes">Workflow nodes</label>
        <input
          id="field-nodes"
          name="nodes"
          value={params.nodes}
          placeholder="SpeechRecognition,VoiceSeparate"
          aria-describedby="field-nodes-hint"
        />
        <select aria-label="Add a node" data-add-node="field-nodes">
          <option value="">+ add a node…</option>
          {tags.map((tag) => (
            <option value={tag}>{tag}</option>
          ))}
        </select>
        <small id="field-nodes-hint" class="hint">
          WorkflowFinish only: one Tag per node, in order, comma-separated
        </small>
      </div>
      <Select label="Format" name="format" options={FORMATS} value={params.format} empty="xml (default)" />
      <Select
        label="Trigger"
        name="trigger"
        options={TRIGGERS}
        value={params.trigger}
        empty="direct (default)"
      />
      <Select label="State" name="state" options={STATES} value={params.state} empty="success (default)" />
      <Select
        label="JSON shape"
        name="jsonShape"
        options={JSON_SHAPES}
        value={params.jsonShape}
        empty="the Tag's documented shape"
      />
      <div class="field">
        <label for="field-seed">Seed</label>
        <div class="row">
          <input
            id="field-seed"
            name="seed"
            inputmode="numeric"
            value={params.seed}
            placeholder="random"
            aria-describedby="field-seed-hint"
          />
          <button type="button" data-new-seed={String(MAX_SEED)}>
            New seed
          </button>
        </div>
        <small id="field-seed-hint" class="hint">
          0 … {MAX_SEED}; empty picks a random one (shown with the body)
        </small>
      </div>
      <Field
        label="Overrides"
        name="overrides"
        textarea
        value={params.overrides}
        placeholder="JobsDetail.Code=InputObjectNotExist"
        hint="path=value, one per line; checked as you type"
      />
      <div class="actions span-all">
        <button type="submit">Preview</button>
      </div>
    </form>
  );
}

export const previewPage: DashboardPage = {
  title: 'Preview',
  href: `${UI}/preview`,
  routes: (deps) =>
    new Hono<DashboardEnv>()
      .get('/', (c) => {
        const params = previewParams(c);
        return renderPage(
          c,
          { title: 'Preview', current: `${UI}/preview` },
          <>
            <PreviewForm params={params} />
            <section aria-label="Body" aria-live="polite" id="preview-result" data-preview-result>
              <PreviewResult deps={deps} params={params} />
            </section>
          </>,
        );
      })
      // the fragment the script swaps in as the form changes
      .get('/body', async (c) => c.html(<PreviewResult deps={deps} params={previewParams(c)} />)),
};
