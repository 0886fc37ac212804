/**
 * @module load/body-pool
 * The bodies a load run sends: a pool of templates generated once per Tag (seeded, covering the requested
 * formats, triggers and states), handed out in the Tags' weighted proportions and re-stamped per request so
 * each one is a distinct job. Generating the pool is the only slow part, and it happens before the clock starts;
 * after that a request costs a re-stamp of a reused buffer.
 */
import { MAX_SEED } from '../core/faker.ts';
import type { Format, JobState, Trigger } from '../core/types.ts';
import { REVIEW_RESULTS } from '../moderation/types.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import type { LoadReview, TagWeight } from './plan.ts';
import {
  type BodyTemplate,
  compileReviewTemplate,
  compileTemplate,
  newStampSession,
  type StampSession,
  stampInPlace,
} from './restamp.ts';
import type { FormatChoice, StateChoice, TriggerChoice } from './run-request.ts';

export interface BodyPoolOptions {
  tags: readonly TagWeight[];
  /** Moderation callbacks of one kind instead of the Tags' TaskFinish (`tags` then names it, `review:<kind>`). */
  review?: LoadReview;
  format: FormatChoice;
  trigger: TriggerChoice;
  state: StateChoice;
  seed: number;
  /** Templates per Tag; by default enough for a spread of sizes and variants, few enough to generate quickly. */
  templatesPerTag?: number;
  session?: StampSession;
  /**
   * The HTTP request head a body is sent behind, for a Content-Type, extra headers and body length (the load
   * lanes' `RequestHeads#head`). Given it, each pooled buffer holds the whole request, head then body, and the
   * lanes write it as it is, with no copy per request.
   */
  requestHead?: (
    contentType: string,
    headers: Readonly<Record<string, string>> | undefined,
    length: number,
  ) => Buffer;
  /**
   * The first job's sequence number (default 0). Processes that share a seed (Artillery's workers) start at a
   * random one, so that even two that drew the same random node stamp different IDs.
   */
  firstSequence?: number;
}

/**
 * About 128 templates in all, 4 to 32 per Tag. Generating one costs 0.2–3 ms, so the pool is ready in well under
 * a second; and the bodies stay small enough to keep in the CPU's cache, which shows in the rate: with every Tag,
 * 8 templates each (1.4 MB of bodies) sent about 5% fewer requests a second than 2 each. Four per Tag still
 * cover every format × trigger of `mixed`.
 */
export function defaultTemplatesPerTag(tags: number): number {
  return Math.min(32, Math.max(4, Math.ceil(128 / Math.max(1, tags))));
}

/** With `--state mixed`, one job in this many failed. */
const FAILED_ONE_IN = 10;

export interface PooledBody {
  tag: string;
  contentType: string;
  /** Sent beside Content-Type: a moderation callback's X-Ci-Content-Version. */
  headers?: Readonly<Record<string, string>> | undefined;
  body: Buffer;
  /** With the pool's `requestHead`: the whole request, that head and then `body`, in one buffer. */
  request?: Buffer | undefined;
  /** Call once the request has finished: the buffer is then re-stamped for a later request. */
  release(): void;
}

export interface BodyPool {
  /** The next request's body, as a job that ended at `sendMs` (epoch ms). */
  next(sendMs: number): PooledBody;
  templates: number;
  averageBytes: number;
}

export function createBodyPool(options: BodyPoolOptions): BodyPool {
  // `--state mixed` needs ten templates for its one failed job in ten.
  const perTag = Math.max(
    options.templatesPerTag ?? defaultTemplatesPerTag(options.tags.length),
    options.state === 'mixed' ? FAILED_ONE_IN : 1,
  );
  const session = options.session ?? newStampSession();
  const { requestHead } = options;
  const byTag = options.tags.map(({ tag }) =>
    templatesFor(tag, perTag, options).map(
      (template): PoolEntry => ({
        template,
        head: requestHead?.(template.contentType, template.headers, template.bytes.length),
        free: [],
      }),
    ),
  );
  const chooseTag = weightedRoundRobin(options.tags.map((t) => t.weight));
  const nextTemplate = byTag.map(() => 0);
  let sequence = options.firstSequence ?? 0;
  const all = byTag.flat().map((entry) => entry.template);

  function next(sendMs: number): PooledBody {
    const tagIndex = chooseTag();
    const entries = byTag[tagIndex] as PoolEntry[];
    const at = nextTemplate[tagIndex] as number;
    nextTemplate[tagIndex] = (at + 1) % entries.length;
    const entry = entries[at] as PoolEntry;
    const lease = entry.free.pop() ?? new Lease(entry);
    lease.shift = stampInPlace(lease.body, entry.template, session, sequence++, sendMs, lease.shift);
    return lease;
  }

  return {
    next,
    templates: all.length,
    averageBytes: Math.round(all.reduce((sum, t) => sum + t.bytes.length, 0) / Math.max(1, all.length)),
  };
}

/** A template, the request head it is sent behind (if the pool builds whole requests), and its idle leases. */
interface PoolEntry {
  template: BodyTemplate;
  head: Buffer | undefined;
  /** Leases not in flight, whose buffers are ready to be re-stamped. */
  free: Lease[];
}

/**
 * A body handed out for one request, and handed out again once released: a lease and its buffer are made once
 * per request in flight at a time (a handful per template), not once per request. The buffer goes back to the
 * template's free list once the request has finished (a response, or an error that closed the connection), when
 * the HTTP client is done writing it (the load lanes close a connection whose receiver answered before the whole
 * request was written, which drops what was left to write).
 */
class Lease implements PooledBody {
  readonly #entry: PoolEntry;
  readonly tag: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly body: Buffer;
  readonly request: Buffer | undefined;
  /** What the last stamp of `body` returned (NaN before the first): the next stamp skips what it would rewrite. */
  shift = Number.NaN;

  constructor(entry: PoolEntry) {
    const { template, head } = entry;
    this.#entry = entry;
    this.tag = template.tag;
    this.contentType = template.contentType;
    this.headers = template.headers;
    if (head) {
      this.request = Buffer.concat([head, template.bytes]);
      this.body = this.request.subarray(head.length);
    } else {
      this.request = undefined;
      this.body = Buffer.from(template.bytes);
    }
  }

  release(): void {
    this.#entry.free.push(this);
  }
}

/**
 * `count` templates of a Tag from seeds seed, seed+1, …. A seed a generator cannot handle is skipped rather than
 * ending the run (the generator's own tests are where that is caught); a Tag that keeps failing is an error.
 */
function templatesFor(tag: string, count: number, options: BodyPoolOptions): BodyTemplate[] {
  if (options.review) return reviewTemplates(options.review, count, options.seed);
  const templates: BodyTemplate[] = [];
  let lastError: unknown;
  for (let i = 0; templates.length < count && i < count * 2; i++) {
    try {
      const seed = (options.seed + i) % (MAX_SEED + 1);
      templates.push(compileTemplate(generate({ tag, ...variantFor(options, templates.length), seed })));
    } catch (error) {
      lastError = error;
    }
  }
  if (templates.length < count) {
    throw new Error(`could not generate ${count} bodies for ${tag}: ${(lastError as Error).message}`);
  }
  return templates;
}

/** `count` moderation callbacks from seeds seed, seed+1, …; `mixed` cycles through the result classes. */
function reviewTemplates(review: LoadReview, count: number, seed: number): BodyTemplate[] {
  return Array.from({ length: count }, (_, i) =>
    compileReviewTemplate(
      generateReview({
        review: review.review,
        ...(review.callbackVersion ? { callbackVersion: review.callbackVersion } : {}),
        result:
          review.result === 'mixed'
            ? (REVIEW_RESULTS[i % REVIEW_RESULTS.length] as (typeof REVIEW_RESULTS)[number])
            : review.result,
        seed: (seed + i) % (MAX_SEED + 1),
      }),
    ),
  );
}

/** Template `i`'s variant: `mixed` alternates formats and triggers and makes one job in ten a failure. */
function variantFor(
  options: BodyPoolOptions,
  i: number,
): { format: Format; trigger: Trigger; state: JobState } {
  return {
    format: options.format === 'mixed' ? (i % 2 === 0 ? 'xml' : 'json') : options.format,
    trigger:
      options.trigger === 'mixed' ? (Math.floor(i / 2) % 2 === 0 ? 'direct' : 'workflow') : options.trigger,
    state:
      options.state === 'mixed'
        ? i % FAILED_ONE_IN === FAILED_ONE_IN - 1
          ? 'failed'
          : 'success'
        : options.state,
  };
}

/**
 * Smooth weighted round-robin (nginx's): exact proportions over every cycle of sum(weights) picks, with the
 * heavy choices spread out rather than bunched.
 */
export function weightedRoundRobin(weights: readonly number[]): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  // One cycle (sum of weights picks; weights are at most 1000 each) worked out once: a pick is then one lookup.
  const cycle = new Uint16Array(total);
  for (let pick = 0; pick < total; pick++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i] = (current[i] as number) + (weights[i] as number);
      if ((current[i] as number) > (current[best] as number)) best = i;
    }
    current[best] = (current[best] as number) - total;
    cycle[pick] = best;
  }
  let at = 0;
  return () => {
    const choice = cycle[at] as number;
    at = at + 1 === total ? 0 : at + 1;
    return choice;
  };
}
