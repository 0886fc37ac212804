/**
 * @module delivery/payload-thread-worker
 * The payload thread (see payload-thread): renders a batch MESSAGE_PAYLOADS at a time, each message carrying the
 * payloads and their bodies deflated for the log, one message per turn of its event loop so that another batch
 * is not held up behind this one. With `allFirst` it generates the whole batch before the first message.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { encodeBody, packBodies } from './body-codec.ts';
import type { RenderedPayload } from './payload-plan.ts';
import { MESSAGE_PAYLOADS, type RenderAnswer, type RenderRequest } from './payload-thread.ts';

const port = parentPort;
if (!port) throw new Error('payload-thread-worker runs as a worker thread');
const answer = (message: RenderAnswer, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function rendered(options: GenerateOptions): RenderedPayload {
  const { body, contentType, seed, variant } = generate(options);
  return { body, contentType, seed, variant };
}

function failed(id: number, error: unknown): void {
  if (error instanceof InputError) {
    const { path, problem, accepted } = error;
    answer({ id, inputError: { path, problem, ...(accepted ? { accepted } : {}) } });
  } else answer({ id, failure: error instanceof Error ? error.message : String(error) });
}

port.on('message', ({ id, options, allFirst }: RenderRequest) => {
  let all: RenderedPayload[] | undefined;
  if (allFirst) {
    try {
      all = options.map(rendered);
    } catch (error) {
      failed(id, error);
      return;
    }
  }
  const next = (start: number) => {
    let payloads: RenderedPayload[];
    try {
      payloads =
        all?.slice(start, start + MESSAGE_PAYLOADS) ??
        options.slice(start, start + MESSAGE_PAYLOADS).map(rendered);
    } catch (error) {
      failed(id, error);
      return;
    }
    const { bytes, lengths } = packBodies(payloads.map(({ body }) => encodeBody(body).data as Buffer));
    answer({ id, start, payloads, bytes, lengths }, [bytes]);
    if (start + MESSAGE_PAYLOADS < options.length) setImmediate(next, start + MESSAGE_PAYLOADS);
  };
  next(0);
});
port.postMessage('ready');
