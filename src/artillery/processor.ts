/**
 * @module ci-callback-emitter/artillery
 * An Artillery processor (`config.processor`) that turns each request of a test into a unique, realistic CI
 * callback, with the body pool and re-stamping of `ci-callback load`:
 *
 * - `setCallbackBody` (beforeRequest): the body and Content-Type of the next callback — a new JobId, RunId,
 *   request id and times on every request — and a `ci_callback.sent.<Tag>` counter;
 * - `recordCallbackResponse` (afterResponse): `ci_callback.response_time.<Tag>` (time to first byte, as
 *   Artillery's own http.response_time) and `ci_callback.non_2xx.<Tag>` (0 when all were 2xx);
 * - `recordCallbackError` (onError): `ci_callback.errors.<Tag>` when no response came.
 *
 * Each Artillery worker loads this module once, so each builds its pool once (per distinct options) and draws
 * its own random stamp node and starting sequence: JobIds stay unique across every worker of a distributed run.
 * The `duplicate` option is the duplicate delivery fault of src/faults, drawn with its seeded choice.
 * Options: see ./options.ts. Nothing here needs Artillery at run time.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { randomSeed } from '../core/faker.ts';
import { chooseFaults, seededRandom } from '../faults/choice.ts';
import type { FaultSetting } from '../faults/options.ts';
import { type BodyPool, createBodyPool, type PooledBody } from '../load/body-pool.ts';
import { newStampSession, SEQUENCE_SPACE } from '../load/restamp.ts';
import { type ArtilleryOptions, resolveArtilleryOptions } from './options.ts';

/** The parts of Artillery's hook arguments this module uses. */
export interface ArtilleryRequest {
  body?: unknown;
  json?: unknown;
  headers?: Record<string, string>;
  /** Options for this request only, over `config.variables.ciCallback`. */
  ciCallback?: unknown;
}
export interface ArtilleryResponse {
  statusCode: number;
  timings?: { phases?: { firstByte?: number } };
}
export interface ArtilleryContext {
  vars: Record<string, unknown>;
}
export interface ArtilleryEvents {
  emit(type: 'counter' | 'histogram', name: string, value: number): unknown;
}
export type ArtilleryNext = (error?: Error | null) => void;

export interface ArtilleryProcessor {
  setCallbackBody(
    req: ArtilleryRequest,
    context: ArtilleryContext,
    events: ArtilleryEvents,
    next: ArtilleryNext,
  ): void;
  recordCallbackResponse(
    req: ArtilleryRequest,
    res: ArtilleryResponse,
    context: ArtilleryContext,
    events: ArtilleryEvents,
    next: ArtilleryNext,
  ): void;
  recordCallbackError(
    error: unknown,
    req: ArtilleryRequest,
    context: ArtilleryContext,
    events: ArtilleryEvents,
    next: ArtilleryNext,
  ): void;
}

export interface ArtilleryProcessorDeps {
  /** Epoch ms: when a stamped job ends, and when a duplicate's delay is over. */
  now?: () => number;
  /** The worker's random component (stamp node, starting sequence, seed when none is given). */
  randomBytes?: (bytes: number) => Buffer;
  randomSequence?: () => number;
  randomSeed?: () => number;
  createPool?: typeof createBodyPool;
}

/** Sends the callbacks of one set of options. */
interface CallbackSource {
  pool: BodyPool;
  duplicates: Duplicates;
}

interface SentCallback {
  tag: string;
  contentType: string;
  body: Buffer;
}

interface Duplicates {
  /** A callback already sent whose copy is due now, or undefined. */
  take(now: number): SentCallback | undefined;
  /** Called with each fresh callback as it is sent: the fault may pick it to be sent again. */
  offer(sent: SentCallback, now: number): void;
}

/**
 * The duplicate fault as Artillery sends it: as one of the worker's own requests (counted and timed like the
 * others), the first one after the copy's delay (none by default: the next request). Which callbacks are
 * copied is drawn from the pool's seed with the faults module's choice, so a seed repeats it; a copy is never
 * copied again. The body is copied because the pool re-stamps its buffers.
 */
function createDuplicates(setting: FaultSetting | undefined, seed: number): Duplicates {
  const due: (SentCallback & { at: number })[] = [];
  if (!setting) return { take: () => undefined, offer: () => {} };
  const plan = { duplicate: setting };
  const random = seededRandom(seed ^ 0xd0b1e); // its own stream, apart from the draws the seed makes for the pool
  return {
    take: (now) => ((due[0]?.at ?? Number.POSITIVE_INFINITY) <= now ? due.shift() : undefined),
    offer(sent, now) {
      if (chooseFaults(plan, random).length === 0) return;
      const copy = { tag: sent.tag, contentType: sent.contentType, body: Buffer.from(sent.body) };
      due.push({ ...copy, at: now + setting.delayMs });
    },
  };
}

/** What a request in flight carries, for the response hooks. */
interface InFlight {
  tag: string;
  lease: PooledBody | undefined;
}

const NO_OPTIONS = {};

export function createArtilleryProcessor(deps: ArtilleryProcessorDeps = {}): ArtilleryProcessor {
  const now = deps.now ?? Date.now;
  const createPool = deps.createPool ?? createBodyPool;
  const workerSeed = (deps.randomSeed ?? randomSeed)();
  const sources = new Map<string, CallbackSource>();
  // The options objects come from the script and are the same object on every request: resolve each once.
  const resolved = new WeakMap<object, WeakMap<object, CallbackSource>>();
  const inFlight = new WeakMap<ArtilleryRequest, InFlight>();

  function sourceFor(shared: unknown, own: unknown): CallbackSource {
    // Anything but a map (or nothing) is refused here, with the message saying what is accepted.
    for (const value of [shared, own]) if (value != null && !isObject(value)) resolveArtilleryOptions(value);
    const sharedKey = isObject(shared) ? shared : NO_OPTIONS;
    const ownKey = isObject(own) ? own : NO_OPTIONS;
    let byOwn = resolved.get(sharedKey);
    const cached = byOwn?.get(ownKey);
    if (cached) return cached;
    const options = resolveArtilleryOptions({ ...sharedKey, ...ownKey });
    const key = JSON.stringify(options);
    let source = sources.get(key);
    if (!source) {
      source = newSource(options);
      sources.set(key, source);
    }
    if (!byOwn) {
      byOwn = new WeakMap();
      resolved.set(sharedKey, byOwn);
    }
    byOwn.set(ownKey, source);
    return source;
  }

  function newSource(options: ArtilleryOptions): CallbackSource {
    const seed = options.seed ?? workerSeed;
    return {
      pool: createPool({
        tags: options.tags,
        format: options.format,
        trigger: options.trigger,
        state: options.state,
        seed,
        session: newStampSession(deps.randomBytes ?? randomBytes),
        firstSequence: (deps.randomSequence ?? (() => randomInt(SEQUENCE_SPACE)))(),
      }),
      duplicates: createDuplicates(options.duplicate, seed),
    };
  }

  return {
    setCallbackBody(req, context, events, next) {
      let source: CallbackSource;
      try {
        source = sourceFor(context.vars['ciCallback'], req.ciCallback);
      } catch (error) {
        next(error as Error);
        return;
      }
      delete req.ciCallback;
      // Artillery sends `json` over `body`; this hook owns the body.
      delete req.json;
      const time = now();
      const repeat = source.duplicates.take(time);
      let sending: SentCallback;
      let lease: PooledBody | undefined;
      if (repeat) {
        sending = repeat;
        events.emit('counter', `ci_callback.duplicates.${repeat.tag}`, 1);
      } else {
        lease = source.pool.next(time);
        sending = lease;
        source.duplicates.offer(lease, time);
      }
      req.body = sending.body;
      req.headers = { ...req.headers, 'content-type': sending.contentType };
      inFlight.set(req, { tag: sending.tag, lease });
      events.emit('counter', `ci_callback.sent.${sending.tag}`, 1);
      next();
    },

    recordCallbackResponse(req, res, _context, events, next) {
      const request = finish(req);
      if (request) {
        const firstByte = res.timings?.phases?.firstByte;
        if (firstByte !== undefined) {
          events.emit('histogram', `ci_callback.response_time.${request.tag}`, firstByte);
        }
        // 0 for a 2xx, so the counter exists for every Tag: a check such as ensure's treats a missing one as failed.
        const failed = res.statusCode < 200 || res.statusCode > 299;
        events.emit('counter', `ci_callback.non_2xx.${request.tag}`, failed ? 1 : 0);
      }
      next();
    },

    recordCallbackError(_error, req, _context, events, next) {
      const request = finish(req);
      if (request) events.emit('counter', `ci_callback.errors.${request.tag}`, 1);
      next();
    },
  };

  /** The request is over: its buffer goes back to the pool to be re-stamped for a later one. */
  function finish(req: ArtilleryRequest): InFlight | undefined {
    const request = inFlight.get(req);
    if (!request) return undefined;
    inFlight.delete(req);
    request.lease?.release();
    return request;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The processor of this worker: Artillery looks its hooks up by name on the module. */
const worker = createArtilleryProcessor();
export const setCallbackBody = worker.setCallbackBody;
export const recordCallbackResponse = worker.recordCallbackResponse;
export const recordCallbackError = worker.recordCallbackError;
