/**
 * @module ci-api/routes
 * CI's own paths at the root of the server's origin, so an SDK whose endpoint is this server works unchanged:
 * `POST /jobs` and the family endpoints (`/ai_jobs`, `/asr_jobs`, `/pic_jobs`, `/doc_jobs`), `GET /jobs/<id>[,<id>…]`,
 * `GET /jobs?queueId=&tag=&states=…`, `PUT /jobs/<id>[?cancel]`, `POST /triggerworkflow[/]`,
 * `GET /workflowexecution/<RunId>` and `PUT /queue/<queueId>`. They speak CI's XML, answers and errors, take no
 * bearer token (an optional COS signature check instead) and are not part of /openapi.json. Handlers are thin:
 * read, call the job book or the runs, answer.
 */
import { type Context, Hono } from 'hono';
import { formatTaskTime, parseCiTime } from '../core/time.ts';
import type { Job } from '../core/types.ts';
import { emptyAnswer, errorAnswer, xmlAnswer } from './ci-answer.ts';
import { type CiConfig, NOTIFY_EVENTS, type NotifyConfig, type NotifyEvent } from './ci-config.ts';
import { CI_ERRORS, ciRequestId } from './ci-error.ts';
import { CI_JOB_STATES, type CiJobState, type JobBook, type Location } from './job-book.ts';
import { jobSpecsOf, SUBMIT_ENDPOINTS, type SubmitEndpoint } from './submit-request.ts';
import type { WorkflowRuns } from './workflow-runs.ts';
import { containerOf, readCiRequest, textOf } from './xml-request.ts';

/** The first segment of every CI path this server answers. */
export const CI_PATH_ROOTS = [
  ...Object.keys(SUBMIT_ENDPOINTS),
  'triggerworkflow',
  'workflowexecution',
  'queue',
];

/** Whether a path is one of CI's (answered by this router, in CI's form). */
export function isCiApiPath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return CI_PATH_ROOTS.includes(first);
}

export interface CiRoutesDeps {
  book: JobBook;
  runs: WorkflowRuns;
  config: CiConfig;
  /** Refuses a callback URL the server may not call (its target policy), as a CiError. */
  checkCallback: (url: string) => void;
  /** Where jobs' inputs are when the Host header names no bucket. */
  location: Location;
  /** Checks the request's COS signature; absent: any Authorization (or none) is accepted. */
  verify?: (c: Context) => void;
  onInternalError?: (error: Error) => void;
}

const HOST = /^([a-z0-9-]+-\d+)\.(?:ci|cos)\.([a-z0-9-]+)\.myqcloud\.com(?::\d+)?$/;
const JOB_ID = /^[a-z][0-9a-f]{32}$/;
const MAX_IDS = 100;

function locationOf(c: Context, fallback: Location): Location {
  const match = HOST.exec(c.req.header('host') ?? '');
  return match ? { bucket: match[1] as string, region: match[2] as string } : fallback;
}

function listQuery(c: Context) {
  const query = (name: string) => {
    const value = c.req.query(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const size = query('size') ?? '10';
  if (!/^\d{1,3}$/.test(size) || Number(size) < 1 || Number(size) > 100) {
    throw CI_ERRORS.invalidArgument('size is a whole number from 1 to 100 (default 10)');
  }
  const token = query('nextToken');
  if (token !== undefined && !/^\d{1,9}$/.test(token)) {
    throw CI_ERRORS.invalidArgument('nextToken is the NextToken of the previous page');
  }
  const order = query('orderByTime') ?? 'Desc';
  if (order !== 'Desc' && order !== 'Asc') throw CI_ERRORS.invalidArgument('orderByTime is Desc or Asc');
  const statesText = query('states') ?? 'All';
  const states = statesText.split(',');
  if (!states.every((s) => s === 'All' || (CI_JOB_STATES as readonly string[]).includes(s))) {
    throw CI_ERRORS.invalidArgument(`states is All or a comma list of ${CI_JOB_STATES.join(', ')}`);
  }
  const time = (name: string) => {
    const text = query(name);
    if (text === undefined) return undefined;
    const ms = Number.isNaN(parseCiTime(text)) ? Date.parse(text) : parseCiTime(text);
    if (Number.isNaN(ms) || text.length > 40) {
      throw CI_ERRORS.invalidArgument(`${name} is a time such as 2022-06-27T15:23:10+0800`);
    }
    return ms;
  };
  const startCreationTime = time('startCreationTime');
  const endCreationTime = time('endCreationTime');
  const text = (name: string, max: number) => {
    const value = query(name);
    if (value !== undefined && value.length > max)
      throw CI_ERRORS.invalidArgument(`${name} is up to ${max} characters`);
    return value;
  };
  const queueId = text('queueId', 64);
  const tag = text('tag', 64);
  const workflowId = text('workflowId', 64);
  const inputObject = text('inputObject', 1024);
  return {
    size: Number(size),
    order,
    ...(token !== undefined ? { nextToken: Number(token) } : {}),
    ...(states.includes('All') ? {} : { states: states as CiJobState[] }),
    ...(queueId !== undefined ? { queueId } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(workflowId !== undefined ? { workflowId } : {}),
    ...(inputObject !== undefined ? { inputObject } : {}),
    ...(startCreationTime !== undefined ? { startCreationTime } : {}),
    ...(endCreationTime !== undefined ? { endCreationTime } : {}),
  } as const;
}

function notifyConfigOf(request: Job, checkCallback: (url: string) => void): NotifyConfig {
  const notify = containerOf(request, 'NotifyConfig');
  if (!notify) throw CI_ERRORS.invalidArgument('the request has no <NotifyConfig>');
  const state = textOf(notify, 'State') || 'On';
  if (state !== 'On' && state !== 'Off') throw CI_ERRORS.invalidArgument('NotifyConfig.State is On or Off');
  const type = textOf(notify, 'Type') || 'Url';
  if (type !== 'Url') {
    throw CI_ERRORS.invalidArgument(
      `NotifyConfig.Type ${type.slice(0, 16)} is not delivered by this stand-in; accepted: Url`,
    );
  }
  const format = textOf(notify, 'ResultFormat') || 'XML';
  if (format !== 'XML' && format !== 'JSON')
    throw CI_ERRORS.invalidArgument('NotifyConfig.ResultFormat is XML or JSON');
  const eventText = textOf(notify, 'Event') || 'TaskFinish,WorkflowFinish';
  const events = eventText.split(',').map((e) => e.trim());
  if (!events.every((e) => (NOTIFY_EVENTS as readonly string[]).includes(e))) {
    throw CI_ERRORS.invalidArgument(`NotifyConfig.Event is a comma list of ${NOTIFY_EVENTS.join(', ')}`);
  }
  const url = textOf(notify, 'Url') || undefined;
  if (url !== undefined) {
    if (url.length > 2048 || !/^https?:\/\/\S+$/.test(url) || !URL.canParse(url)) {
      throw CI_ERRORS.invalidArgument('NotifyConfig.Url is an http(s) URL of up to 2048 characters');
    }
    checkCallback(url);
  }
  if (state === 'On' && url === undefined)
    throw CI_ERRORS.invalidArgument('NotifyConfig.State On needs a Url');
  return { state, url, events: events as NotifyEvent[], format };
}

/**
 * CI's paths take any body with any Content-Type (the Node SDK sends none), so a web page could post to them
 * without a CORS preflight, or through DNS rebinding, and make this server call back anywhere. SDKs send
 * neither `Origin` nor the browser's `Sec-Fetch-*` headers; a request that carries them came from a page.
 */
function refuseWebPages(c: Context): void {
  const site = c.req.header('sec-fetch-site');
  if (c.req.header('origin') !== undefined || (site !== undefined && site !== 'none')) {
    throw CI_ERRORS.accessDenied(
      "CI's job API answers SDKs, not web pages: a request with Origin or Sec-Fetch-Site is refused",
    );
  }
}

export function ciApiRouter(deps: CiRoutesDeps) {
  const { book, runs, config } = deps;
  const router = new Hono();
  /** Every CI handler: its errors answered in CI's form. */
  const handle = (run: (c: Context) => Promise<Response> | Response) => async (c: Context) => {
    try {
      refuseWebPages(c);
      deps.verify?.(c);
      return await run(c);
    } catch (error) {
      return errorAnswer(c, error, deps.onInternalError);
    }
  };

  for (const endpoint of Object.keys(SUBMIT_ENDPOINTS) as SubmitEndpoint[]) {
    router.post(
      `/${endpoint}`,
      handle(async (c) => {
        const request = readCiRequest(await c.req.text());
        const specs = jobSpecsOf(request, endpoint, deps.checkCallback);
        const jobs = book.submit(specs, locationOf(c, deps.location));
        const details = jobs.map((job) => book.jobsDetail(job));
        return xmlAnswer({ JobsDetail: details.length === 1 ? (details[0] as Job) : details });
      }),
    );
    router.get(
      `/${endpoint}`,
      handle((c) => {
        const { jobs, nextToken } = book.list(listQuery(c));
        const details = jobs.map((job) => book.jobsDetail(job));
        return xmlAnswer({
          ...(details.length > 0 ? { JobsDetail: details.length === 1 ? (details[0] as Job) : details } : {}),
          // always there, as in CI's sample; empty on the last page
          NextToken: nextToken === undefined ? '' : String(nextToken),
        });
      }),
    );
    router.get(
      `/${endpoint}/:ids`,
      handle((c) => {
        const ids = (c.req.param('ids') ?? '').split(',').filter((id) => id !== '');
        if (ids.length === 0 || ids.length > MAX_IDS) {
          throw CI_ERRORS.invalidArgument(`give 1 to ${MAX_IDS} JobIds, joined with ','`);
        }
        const found = ids.flatMap((id) => {
          const job = JOB_ID.test(id) ? book.get(id) : undefined;
          return job ? [book.jobsDetail(job)] : [];
        });
        const missing = ids.filter((id) => !JOB_ID.test(id) || book.get(id) === undefined);
        return xmlAnswer({
          ...(found.length > 0 ? { JobsDetail: found.length === 1 ? (found[0] as Job) : found } : {}),
          ...(missing.length > 0 ? { NonExistJobIds: missing.map((id) => id.slice(0, 64)) } : {}),
        });
      }),
    );
    // the Java SDK and the Node demo send no ?cancel: a PUT of a job is its cancel either way
    router.put(
      `/${endpoint}/:id`,
      handle((c) => {
        book.cancel(c.req.param('id') ?? '');
        return emptyAnswer();
      }),
    );
  }

  const trigger = handle((c) => {
    const workflowId = c.req.query('workflowId') ?? '';
    const object = c.req.query('object') ?? '';
    const name = c.req.query('name') ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(workflowId)) {
      throw CI_ERRORS.invalidArgument(
        'workflowId is required: the workflow to run, e.g. w4699c83bde714bfd8d7f5dbd9b680f79',
      );
    }
    if (object === '' || object.length > 1024) {
      throw CI_ERRORS.invalidArgument(
        'object is required: the key (up to 1024 characters) of the object to run on',
      );
    }
    if (name.length > 128) throw CI_ERRORS.invalidArgument('name is up to 128 characters');
    const run = runs.trigger({ workflowId, object, ...(name ? { name } : {}) }, locationOf(c, deps.location));
    const requestId = ciRequestId();
    return xmlAnswer({ RequestId: requestId, InstanceId: run.runId }, requestId);
  });
  router.post('/triggerworkflow', trigger);
  router.post('/triggerworkflow/', trigger);

  router.get(
    '/workflowexecution/:runId',
    handle((c) => {
      const runId = c.req.param('runId') ?? '';
      const run = runs.get(runId);
      if (!run) throw CI_ERRORS.invalidArgument(`workflow instance ${runId.slice(0, 64)} does not exist`);
      const requestId = ciRequestId();
      return xmlAnswer({ RequestId: requestId, WorkflowExecution: runs.execution(run) }, requestId);
    }),
  );

  router.put(
    '/queue/:queueId',
    handle(async (c) => {
      const queueId = c.req.param('queueId') ?? '';
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(queueId))
        throw CI_ERRORS.invalidArgument('the queue id is up to 64 letters and digits');
      const request = readCiRequest(await c.req.text());
      const notify = notifyConfigOf(request, deps.checkCallback);
      try {
        config.setNotifyConfig(queueId, notify);
      } catch (error) {
        throw CI_ERRORS.invalidArgument((error as Error).message);
      }
      const requestId = ciRequestId();
      const now = formatTaskTime(Date.now());
      return xmlAnswer(
        {
          RequestId: requestId,
          Queue: {
            QueueId: queueId,
            Name: (textOf(request, 'Name') ?? queueId).slice(0, 128),
            State: textOf(request, 'State') === 'Paused' ? 'Paused' : 'Active',
            NotifyConfig: {
              Url: notify.url ?? '',
              Event: notify.events.join(','),
              Type: 'Url',
              State: notify.state,
              ResultFormat: notify.format,
            },
            UpdateTime: now,
            CreateTime: now,
          },
        },
        requestId,
      );
    }),
  );

  // anything else under CI's paths is answered in CI's form too
  for (const root of CI_PATH_ROOTS) {
    const unknown = handle((c) => {
      throw CI_ERRORS.invalidUrl(`no CI operation ${c.req.method} ${c.req.path.slice(0, 200)} here`);
    });
    router.all(`/${root}`, unknown);
    router.all(`/${root}/*`, unknown);
  }
  return router;
}
