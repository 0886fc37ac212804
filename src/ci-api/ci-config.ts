/**
 * @module ci-api/ci-config
 * What a test decides about CI's side: each queue's NotifyConfig (`PUT /queue/<id>`, default from
 * `--ci-callback`), the outcome rules (`--ci-fail GLOB:Code`: jobs whose Input.Object matches fail with that
 * Code) and the workflows (`--ci-workflow ID=TagA,TagB`). Checked when set, held in memory: it is configuration
 * a test gives at start or over the control API, not work accepted (jobs and runs are stored, see job-book).
 */
import { InputError } from '../core/errors.ts';
import { FAILURES, type Failure } from '../core/failures.ts';
import { FAMILY_PREFIX, type Family } from '../core/types.ts';
import type { FaultPlan } from '../faults/options.ts';
import { findTag, tagNames } from '../payloads/registry.ts';
import { MAX_WORKFLOW_NODES } from '../payloads/workflow-finish-body.ts';

/** The queue a job without `<QueueId>` goes to (CI's own default queue id is not documented). */
export const DEFAULT_QUEUE_ID = 'p0000000000000000000000000000000a';
/** The nodes of a workflow nobody configured: the doc sample's (Transcode, then Snapshot). */
export const DEFAULT_WORKFLOW_TAGS = ['Transcode', 'Snapshot'] as const;
export const NOTIFY_EVENTS = ['TaskFinish', 'WorkflowFinish'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
export type ResultFormat = 'XML' | 'JSON';
/** Bounds of the configuration (ours). */
export const CI_CONFIG_LIMITS = { failRules: 100, workflows: 100, queues: 1_000, idLength: 64 } as const;

export interface NotifyConfig {
  /** `On` sends the queue's callbacks (to `url`); `Off` sends none. */
  state: 'On' | 'Off';
  url: string | undefined;
  events: readonly NotifyEvent[];
  format: ResultFormat;
}

export interface FailRule {
  /** Input.Object pattern: `*` matches any run of characters, `?` one. */
  glob: string;
  code: string;
}

export interface CiWorkflow {
  id: string;
  /** One Tag per node. */
  tags: readonly string[];
  /** Where its runs call back (every node's TaskFinish and the WorkflowFinish); default the queue's. */
  callback?: string;
}

export interface CiConfigOptions {
  /** Every queue's callback URL until `PUT /queue/<id>` says otherwise. */
  callback?: string;
  failRules?: readonly FailRule[];
  workflows?: readonly CiWorkflow[];
  /** Delivery faults drawn for every job's callback (as for `POST /emit`). */
  faults?: FaultPlan;
  /** Checks a callback URL against the server's target policy; throws when it is refused. */
  checkTarget?: (url: string) => void;
}

export interface CiConfig {
  notifyConfig(queueId: string): NotifyConfig;
  setNotifyConfig(queueId: string, config: NotifyConfig): void;
  readonly failRules: readonly FailRule[];
  setFailRules(rules: readonly FailRule[]): void;
  /** The failure a job on this input object ends with, if a rule matches it. */
  failureFor(object: string, family: Family): Failure | undefined;
  /** The workflow's nodes: configured, or DEFAULT_WORKFLOW_TAGS. */
  workflowTags(id: string): readonly string[];
  readonly workflows: readonly CiWorkflow[];
  setWorkflow(workflow: CiWorkflow): void;
  deleteWorkflow(id: string): boolean;
  /** The workflow's own callback, if it has one. */
  workflowCallback(id: string): string | undefined;
  /** Delivery faults drawn for each job's callback; none when empty. */
  readonly faults: FaultPlan;
  setFaults(plan: FaultPlan): void;
}

const CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `GLOB:Code`, split at the last colon: `missing/*:InputObjectNotExist`. */
export function parseFailRule(text: string): FailRule {
  const colon = text.lastIndexOf(':');
  const fix = 'expected GLOB:Code, e.g. missing/*:InputObjectNotExist';
  if (colon <= 0) throw new InputError('ci-fail', `malformed fail rule '${text}': ${fix}`);
  return checkFailRule({ glob: text.slice(0, colon), code: text.slice(colon + 1) });
}

export function checkFailRule(rule: FailRule): FailRule {
  if (rule.glob === '' || rule.glob.length > 1024) {
    throw new InputError('ci-fail', 'a fail rule’s pattern has 1 to 1024 characters, e.g. missing/*');
  }
  if (!CODE.test(rule.code)) {
    throw new InputError(
      'ci-fail',
      `'${rule.code}' is not an error code; accepted: a letter then letters, digits or dots (up to 64), e.g. InputObjectNotExist`,
    );
  }
  return { glob: rule.glob, code: rule.code };
}

/** `ID=TagA,TagB`: the workflow's id and its nodes' Tags. */
export function parseWorkflow(text: string): CiWorkflow {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new InputError(
      'ci-workflow',
      `malformed workflow '${text}': expected ID=TagA,TagB, e.g. w1=Transcode,Snapshot`,
    );
  }
  return checkWorkflow({ id: text.slice(0, equals), tags: text.slice(equals + 1).split(',') });
}

export function checkWorkflow(workflow: CiWorkflow): CiWorkflow {
  if (!ID.test(workflow.id)) {
    throw new InputError(
      'ci-workflow',
      `'${workflow.id}' is not a workflow id; accepted: 1 to 64 letters, digits, _ or -`,
    );
  }
  if (workflow.tags.length === 0 || workflow.tags.length > MAX_WORKFLOW_NODES) {
    throw new InputError(
      'ci-workflow',
      `a workflow has 1 to ${MAX_WORKFLOW_NODES} nodes, got ${workflow.tags.length}`,
    );
  }
  const tags = workflow.tags.map((tag) => {
    try {
      return findTag(tag.trim()).tag;
    } catch {
      throw new InputError('tags', `unknown Tag '${tag}' in workflow ${workflow.id}`, tagNames());
    }
  });
  if (
    workflow.callback !== undefined &&
    (!/^https?:\/\/\S+$/.test(workflow.callback) || !URL.canParse(workflow.callback))
  ) {
    throw new InputError(
      'callback',
      `a workflow's callback is an http(s) URL, got '${workflow.callback.slice(0, 100)}'`,
    );
  }
  return {
    id: workflow.id,
    tags,
    ...(workflow.callback !== undefined ? { callback: workflow.callback } : {}),
  };
}

export function checkQueueId(id: string): string {
  if (!ID.test(id))
    throw new InputError('queueId', `'${id}' is not a queue id; accepted: 1 to 64 letters, digits, _ or -`);
  return id;
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}

export function createCiConfig(options: CiConfigOptions = {}): CiConfig {
  const checkTarget = options.checkTarget ?? (() => {});
  if (options.callback !== undefined) checkTarget(options.callback);
  const queues = new Map<string, NotifyConfig>();
  let rules: { rule: FailRule; pattern: RegExp }[] = [];
  const workflows = new Map<string, CiWorkflow>();
  let faults: FaultPlan = options.faults ?? {};
  const defaultNotify: NotifyConfig = {
    state: options.callback === undefined ? 'Off' : 'On',
    url: options.callback,
    events: NOTIFY_EVENTS,
    format: 'XML',
  };
  const config: CiConfig = {
    notifyConfig: (queueId) => queues.get(queueId) ?? defaultNotify,
    setNotifyConfig(queueId, notify) {
      if (notify.url !== undefined) checkTarget(notify.url);
      if (!queues.has(queueId) && queues.size >= CI_CONFIG_LIMITS.queues) {
        throw new InputError('queueId', `at most ${CI_CONFIG_LIMITS.queues} queues are configured`);
      }
      queues.set(queueId, notify);
    },
    get failRules() {
      return rules.map(({ rule }) => rule);
    },
    setFailRules(next) {
      if (next.length > CI_CONFIG_LIMITS.failRules) {
        throw new InputError('ci-fail', `at most ${CI_CONFIG_LIMITS.failRules} fail rules`);
      }
      rules = next.map(checkFailRule).map((rule) => ({ rule, pattern: globToRegExp(rule.glob) }));
    },
    failureFor(object, family) {
      const match = rules.find(({ pattern }) => pattern.test(object));
      if (!match) return undefined;
      const known = FAILURES[family].find((failure) => failure.code === match.rule.code);
      return known ?? { code: match.rule.code, message: `The job failed: ${match.rule.code}.` };
    },
    workflowTags: (id) => workflows.get(id)?.tags ?? DEFAULT_WORKFLOW_TAGS,
    get workflows() {
      return [...workflows.values()];
    },
    setWorkflow(workflow) {
      const checked = checkWorkflow(workflow);
      if (checked.callback !== undefined) checkTarget(checked.callback);
      if (!workflows.has(checked.id) && workflows.size >= CI_CONFIG_LIMITS.workflows) {
        throw new InputError('ci-workflow', `at most ${CI_CONFIG_LIMITS.workflows} workflows`);
      }
      workflows.set(checked.id, checked);
    },
    deleteWorkflow: (id) => workflows.delete(id),
    workflowCallback: (id) => workflows.get(id)?.callback,
    get faults() {
      return faults;
    },
    setFaults(plan) {
      faults = plan;
    },
  };
  config.setFailRules(options.failRules ?? []);
  for (const workflow of options.workflows ?? []) config.setWorkflow(workflow);
  return config;
}

/** The JobId's first letter for a family (catalog §1). */
export const jobIdPrefix = (family: Family) => FAMILY_PREFIX[family];
