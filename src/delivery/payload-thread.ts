/**
 * @module delivery/payload-thread
 * Renders a batch of payloads (an emit's) on a worker thread, which also deflates their bodies for the log: a
 * callback's generation (~40 µs of CPU) and its compression (~35 µs) then leave the event loop that records and
 * sends it, which on a 2-core machine is what limits recorded deliveries a second.
 * - The payloads come back MESSAGE_PAYLOADS to a message, each with its stored body, in order: the first is
 *   recorded and sent while the thread still renders the rest. With `allFirst` (an emit with overrides, which can fail on any
 *   payload) every payload is generated before the first comes back, so a bad override fails them all (the same
 *   InputError) before anything is sent.
 * - Same options, same bytes as generate() on this thread (and the same body encoding as the log's own).
 * - The thread starts on the first batch of at least OFF_THREAD_MIN payloads. Until it has loaded (the
 *   generators take a few hundred milliseconds), for a smaller batch, and if it cannot run, a batch renders here:
 *   no emit waits for a thread.
 * It holds the process open only while it owes answers.
 */
import { Worker } from 'node:worker_threads';
import { type FieldPath, InputError } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { type StoredBody, unpackBodies } from './body-codec.ts';
import type { RenderedPayload } from './payload-plan.ts';

export interface Rendered {
  payload: RenderedPayload;
  /** The body as the log stores it, when it was deflated with the payload (off this thread). */
  stored?: StoredBody;
}

export interface RenderOptions {
  /** Generate every payload before handing back any, so that one failing fails them all first. */
  allFirst?: boolean;
}

/** Smaller batches render here: a round trip to the thread costs more than it saves. */
export const OFF_THREAD_MIN = 10;
/**
 * Payloads a message from the thread. Each message's records are committed together before the first of them is
 * sent, so larger messages mean fewer commits: in-process, 25 instead of 10 took ~45% of the commits a delivery
 * away and gave ~3% more deliveries a second, while an emit's first callback waits for 25 renders (~3 ms).
 */
export const MESSAGE_PAYLOADS = 25;

// --- the protocol (payload-thread-worker answers it)
export interface RenderRequest {
  id: number;
  options: readonly GenerateOptions[];
  allFirst: boolean;
}
export type RenderAnswer =
  /** Payloads [start, start + payloads.length) with their bodies deflated, packed one after another. */
  | { id: number; start: number; payloads: RenderedPayload[]; bytes: ArrayBuffer; lengths: number[] }
  | { id: number; inputError: { path: FieldPath; problem: string; accepted?: readonly string[] } }
  | { id: number; failure: string };

interface Pending {
  options: readonly GenerateOptions[];
  items: { resolve: (rendered: Rendered) => void; reject: (error: Error) => void }[];
  /** Payloads handed back so far. */
  done: number;
}

let thread: Worker | undefined;
let ready = false;
let broken = false;
/** Waiting for the thread to take batches (startPayloadThread). */
const readiness: ((worker: Worker | undefined) => void)[] = [];
let nextId = 0;
const pending = new Map<number, Pending>();

/** The batch's payloads in order, each settling as it comes back. */
export function renderPayloads(
  options: readonly GenerateOptions[],
  { allFirst = false }: RenderOptions = {},
): Promise<Rendered>[] {
  const worker = options.length < OFF_THREAD_MIN ? undefined : started();
  if (!worker || !ready) return renderHere(options);
  const id = nextId++;
  const entry: Pending = { options, items: [], done: 0 };
  const items = options.map(
    () => new Promise<Rendered>((resolve, reject) => entry.items.push({ resolve, reject })),
  );
  pending.set(id, entry);
  worker.ref();
  worker.postMessage({ id, options, allFirst } satisfies RenderRequest);
  return items;
}

/**
 * Starts the thread now; resolves with it once it takes batches, or with undefined when it cannot run. For
 * tests and benchmarks that must not depend on, or measure, its start.
 */
export function startPayloadThread(): Promise<Worker | undefined> {
  const worker = started();
  if (!worker || ready) return Promise.resolve(worker);
  return new Promise((resolve) => readiness.push(resolve));
}

/** Every payload generated now, on this thread; one that fails fails them all. */
function renderHere(options: readonly GenerateOptions[]): Promise<Rendered>[] {
  try {
    return options.map((one) => Promise.resolve({ payload: generate(one) }));
  } catch (error) {
    const failed = Promise.reject(error);
    return options.map(() => failed);
  }
}

/**
 * The thread's entry. From the TypeScript sources (tests, `npm start`) a worker does not inherit tsx's loader,
 * so it registers tsx before importing the entry; from dist/ it imports the compiled entry directly.
 */
function entrySource(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./payload-thread-worker${fromSources ? '.ts' : '.js'}`, import.meta.url).href;
  if (!fromSources) return `import(${JSON.stringify(entry)})`;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
}

/** The thread, started on first use; undefined once it cannot run (then nothing starts it again). */
function started(): Worker | undefined {
  if (thread || broken) return thread;
  let created: Worker;
  try {
    // execArgv []: the thread needs none of the parent's flags (a --cpu-prof would profile it too)
    created = new Worker(entrySource(), { eval: true, execArgv: [] });
  } catch {
    // e.g. sources run without tsx installed beside them: render here
    fail();
    return undefined;
  }
  created.unref();
  created.on('message', (answer: RenderAnswer | 'ready') => {
    if (answer === 'ready') {
      ready = true;
      for (const resolve of readiness.splice(0)) resolve(created);
    } else received(answer);
    if (pending.size === 0) created.unref();
  });
  created.on('error', () => fail());
  created.on('exit', () => fail());
  thread = created;
  return created;
}

function received(answer: RenderAnswer): void {
  const entry = pending.get(answer.id);
  if (!entry) return;
  if ('payloads' in answer) {
    const bodies = unpackBodies(answer.bytes, answer.lengths);
    answer.payloads.forEach((payload, i) => {
      entry.items[answer.start + i]?.resolve({ payload, stored: bodies[i] as StoredBody });
    });
    entry.done = answer.start + answer.payloads.length;
    if (entry.done >= entry.items.length) pending.delete(answer.id);
    return;
  }
  pending.delete(answer.id);
  const error =
    'inputError' in answer
      ? new InputError(answer.inputError.path, answer.inputError.problem, answer.inputError.accepted)
      : new Error(`rendering the payloads failed: ${answer.failure}`);
  for (const item of entry.items.slice(entry.done)) item.reject(error);
}

/** The thread is gone: what it still owed renders here, with the same bytes. */
function fail(): void {
  broken = true;
  thread = undefined;
  for (const resolve of readiness.splice(0)) resolve(undefined);
  for (const entry of pending.values()) {
    const rest = renderHere(entry.options.slice(entry.done));
    rest.forEach((rendered, i) => {
      const item = entry.items[entry.done + i];
      if (item) rendered.then(item.resolve, item.reject);
    });
  }
  pending.clear();
}
