/**
 * @module delivery/body-compressor
 * Encodes bodies in body-codec's current encoding on a worker thread, so deflating a callback (~50 µs a body,
 * a fifth of it zlib taking in the dictionary) never runs on the event loop. One worker per process, started
 * on first use; the bodies asked for in one turn of the event loop go to it in messages of MESSAGE_BODIES, and
 * come back the same way, in order. It holds the process open only while it owes answers. When the worker cannot run, `compressBody` rejects
 * and the caller encodes on its own thread (encodeBody): the bytes are the same either way.
 */
import { Worker } from 'node:worker_threads';
import { CURRENT_ENCODING, DEFLATE_OPTIONS, type StoredBody, unpackBodies } from './body-codec.ts';

// Plain CommonJS, evaluated: no file to resolve, the same under tsx and from dist/. A batch travels as one
// buffer and the byte length of each body in it, moved (not copied) both ways.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
parentPort.on('message', ({ bytes, lengths }) => {
  const input = Buffer.from(bytes);
  let offset = 0;
  const encoded = lengths.map((length) => {
    const out = deflateRawSync(input.subarray(offset, offset + length), workerData);
    offset += length;
    return out;
  });
  const all = Buffer.allocUnsafeSlow(encoded.reduce((sum, e) => sum + e.length, 0));
  let at = 0;
  for (const e of encoded) at += e.copy(all, at);
  parentPort.postMessage({ bytes: all.buffer, lengths: encoded.map((e) => e.length) }, [all.buffer]);
});`;

interface Waiting {
  resolve: (body: StoredBody) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let broken: Error | undefined;
/**
 * Bodies per message at most: a turn's batch (an emit's 100) comes back in parts, the first within about a
 * millisecond, so the first of them can be recorded and sent while the worker deflates the rest.
 */
const MESSAGE_BODIES = 10;
/** Asked for in this turn of the event loop, not yet posted. */
let next: { bodies: string[]; waiting: Waiting[] } | undefined;
/** Posted batches, answered in the order they were posted. */
const posted: Waiting[][] = [];

function failAll(error: Error): void {
  broken = error;
  worker = undefined;
  for (const entry of posted.flat()) entry.reject(error);
  posted.length = 0;
}

function started(): Worker {
  if (worker) return worker;
  // execArgv []: the worker needs neither tsx nor the parent's flags
  const created = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: DEFLATE_OPTIONS[CURRENT_ENCODING],
    execArgv: [],
  });
  created.on('message', ({ bytes, lengths }: { bytes: ArrayBuffer; lengths: number[] }) => {
    const batch = posted.shift() ?? [];
    for (const [i, body] of unpackBodies(bytes, lengths).entries()) batch[i]?.resolve(body);
    if (posted.length === 0) created.unref();
  });
  created.on('error', failAll);
  created.on('exit', (code) => failAll(new Error(`the body compressor exited with ${code}`)));
  worker = created;
  return created;
}

function post(): void {
  const batch = next;
  next = undefined;
  if (!batch) return;
  if (broken) {
    for (const entry of batch.waiting) entry.reject(broken);
    return;
  }
  const thread = started();
  // referenced while it owes answers: an exiting event loop does not drop them
  thread.ref();
  for (let start = 0; start < batch.bodies.length; start += MESSAGE_BODIES) {
    const bodies = batch.bodies.slice(start, start + MESSAGE_BODIES);
    posted.push(batch.waiting.slice(start, start + MESSAGE_BODIES));
    const lengths = bodies.map((body) => Buffer.byteLength(body));
    const bytes = Buffer.allocUnsafeSlow(lengths.reduce((sum, length) => sum + length, 0));
    let offset = 0;
    for (const body of bodies) offset += bytes.write(body, offset);
    thread.postMessage({ bytes: bytes.buffer, lengths }, [bytes.buffer]);
  }
}

/** The body in the current encoding, encoded off the event loop. */
export function compressBody(body: string): Promise<StoredBody> {
  if (broken) return Promise.reject(broken);
  if (!next) {
    next = { bodies: [], waiting: [] };
    setImmediate(post);
  }
  const batch = next;
  batch.bodies.push(body);
  return new Promise((resolve, reject) => batch.waiting.push({ resolve, reject }));
}
