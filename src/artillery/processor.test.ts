import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBodyPool } from '../load/body-pool.ts';
import {
  type ArtilleryContext,
  type ArtilleryProcessor,
  type ArtilleryProcessorDeps,
  type ArtilleryRequest,
  createArtilleryProcessor,
} from './processor.ts';

const JOB_ID = /<JobId>([^<]+)<\/JobId>|"JobId":\s*"([^"]+)"/;
const NOW = Date.parse('2026-03-01T10:00:00Z');

/** Artillery's event emitter, keeping what the hooks emit. */
function recordingEvents() {
  const counters = new Map<string, number>();
  const histograms = new Map<string, number[]>();
  return {
    counters,
    histograms,
    emit(type: 'counter' | 'histogram', name: string, value: number) {
      if (type === 'counter') counters.set(name, (counters.get(name) ?? 0) + value);
      else histograms.set(name, [...(histograms.get(name) ?? []), value]);
    },
  };
}

/** One request through the beforeRequest hook, as Artillery calls it. */
function prepare(
  processor: ArtilleryProcessor,
  context: ArtilleryContext,
  events = recordingEvents(),
  req: ArtilleryRequest = {},
) {
  let failure: Error | null | undefined;
  processor.setCallbackBody(req, context, events, (error) => {
    failure = error;
  });
  if (failure) throw failure;
  const body = (req.body as Buffer).toString('utf8');
  const match = JOB_ID.exec(body);
  return { req, body, jobId: match?.[1] ?? match?.[2] ?? '', contentType: req.headers?.['content-type'] };
}

const vars = (ciCallback?: unknown): ArtilleryContext => ({
  vars: ciCallback === undefined ? {} : { ciCallback },
});

describe('Artillery processor', () => {
  it('gives every request a realistic callback of the configured Tags, with its Content-Type', () => {
    const processor = createArtilleryProcessor({ now: () => NOW });
    const context = vars({ tags: 'SmartCover:3,SoundHound:1', format: 'mixed', seed: 5 });
    const sent = Array.from({ length: 400 }, () => prepare(processor, context));
    const tagOf = (body: string) => /<Tag>([^<]+)<|"Tag":\s*"([^"]+)"/.exec(body)?.slice(1).find(Boolean);
    assert.equal(sent.filter((s) => tagOf(s.body) === 'SmartCover').length, 300);
    assert.equal(sent.filter((s) => tagOf(s.body) === 'SoundHound').length, 100);
    for (const s of sent) {
      assert.equal(s.contentType, s.body.startsWith('<') ? 'application/xml' : 'application/json');
    }
    assert.ok(sent.some((s) => s.contentType === 'application/json'));
    assert.equal(new Set(sent.map((s) => s.jobId)).size, sent.length, 'a new JobId on every request');
  });

  it('keeps headers the script set and drops a json body the script set', () => {
    const processor = createArtilleryProcessor();
    const req: ArtilleryRequest = { headers: { 'x-token': 's3' }, json: { a: 1 } };
    prepare(processor, vars(), undefined, req);
    assert.equal(req.headers?.['x-token'], 's3');
    assert.equal(req.json, undefined);
    assert.ok(Buffer.isBuffer(req.body));
  });

  it('sends unique JobIds from workers that share a seed, even when they draw the same stamp node', () => {
    const context = vars({ tags: 'SoundHound', trigger: 'mixed', seed: 1 });
    // The worst case: the 24-bit node alike in every worker; the random starting sequence keeps them apart.
    const sameNode = { randomBytes: (bytes: number) => Buffer.alloc(bytes, 7) };
    const workers = [1, 2, 3].map(() => createArtilleryProcessor(sameNode));
    const jobIds = new Set<string>();
    let count = 0;
    for (let i = 0; i < 3_000; i++) {
      for (const worker of workers) {
        const { req, jobId } = prepare(worker, context);
        worker.recordCallbackResponse(req, { statusCode: 200 }, context, recordingEvents(), () => {});
        jobIds.add(jobId);
        count++;
      }
    }
    assert.equal(jobIds.size, count);
  });

  it('builds its body pool once, however many requests and equal option maps it sees', () => {
    let pools = 0;
    const deps: ArtilleryProcessorDeps = {
      createPool: (options) => {
        pools++;
        return createBodyPool(options);
      },
    };
    const processor = createArtilleryProcessor(deps);
    for (let i = 0; i < 200; i++) prepare(processor, vars({ tags: 'SoundHound', seed: 3 }));
    assert.equal(pools, 1);
    prepare(processor, vars({ tags: 'SmartCover', seed: 3 }));
    assert.equal(pools, 2, 'other options, another pool');
  });

  it("lets one request's own ciCallback map override the script's variables", () => {
    const processor = createArtilleryProcessor();
    const req: ArtilleryRequest = { ciCallback: { tags: 'SmartCover', format: 'json' } };
    const { body, contentType } = prepare(processor, vars({ tags: 'SoundHound' }), undefined, req);
    assert.equal(contentType, 'application/json');
    assert.match(body, /"Tag":\s*"SmartCover"/);
    assert.equal(req.ciCallback, undefined, 'the key is not passed on to the HTTP client');
  });

  it('hands bad options to Artillery as an error that says what is accepted', () => {
    const processor = createArtilleryProcessor();
    const cases: [unknown, RegExp][] = [
      [{ format: 'yaml' }, /unknown ciCallback\.format 'yaml'; accepted: xml, json, mixed/],
      [{ tags: 'NoSuchTag' }, /NoSuchTag/],
      [{ rate: 5 }, /unknown option 'rate'; accepted: tags, format, trigger, state, seed, duplicate/],
      [{ duplicate: 2 }, /probability .* from 0 to 1/],
      ['Transcode', /ciCallback must be a map of options/],
    ];
    for (const [options, message] of cases) {
      let failure: Error | null | undefined;
      processor.setCallbackBody({}, vars(options), recordingEvents(), (error) => {
        failure = error;
      });
      assert.match(String(failure?.message), message);
    }
  });

  it('counts sent callbacks, response times and non-2xx answers per Tag', () => {
    const processor = createArtilleryProcessor();
    const events = recordingEvents();
    const context = vars({ tags: 'SmartCover:1,SoundHound:1' });
    for (let i = 0; i < 10; i++) {
      const { req, body } = prepare(processor, context, events);
      const status = body.includes('<Tag>SoundHound</Tag>') ? 503 : 200;
      processor.recordCallbackResponse(
        req,
        { statusCode: status, timings: { phases: { firstByte: 7 } } },
        context,
        events,
        () => {},
      );
    }
    const { req } = prepare(processor, context, events);
    processor.recordCallbackError(new Error('ECONNRESET'), req, context, events, () => {});
    assert.deepEqual(Object.fromEntries(events.counters), {
      'ci_callback.sent.SmartCover': 6,
      'ci_callback.sent.SoundHound': 5,
      'ci_callback.non_2xx.SoundHound': 5,
      'ci_callback.non_2xx.SmartCover': 0,
      'ci_callback.errors.SmartCover': 1,
    });
    assert.deepEqual(events.histograms.get('ci_callback.response_time.SmartCover'), [7, 7, 7, 7, 7]);
    assert.equal(events.histograms.get('ci_callback.response_time.SoundHound')?.length, 5);
  });

  it('with duplicate, delivers the chosen callbacks a second time, byte for byte, and counts them', () => {
    const draws = [0.1, 0.9, 0.9, 0.1];
    const processor = createArtilleryProcessor({ random: () => draws.shift() ?? 0.9 });
    const events = recordingEvents();
    const context = vars({ tags: 'SoundHound', duplicate: 0.5 });
    const sent = Array.from({ length: 7 }, () => {
      const s = prepare(processor, context, events);
      processor.recordCallbackResponse(s.req, { statusCode: 200 }, context, events, () => {});
      return s;
    });
    // Fresh 1 drew 0.1 (< 0.5): repeated next. Fresh 2 and 3 drew 0.9. Fresh 4 drew 0.1: repeated next.
    assert.equal(sent[1]?.body, sent[0]?.body);
    assert.equal(sent[5]?.body, sent[4]?.body);
    assert.equal(new Set(sent.map((s) => s.jobId)).size, 5);
    assert.equal(events.counters.get('ci_callback.duplicates.SoundHound'), 2);
    assert.equal(events.counters.get('ci_callback.sent.SoundHound'), 7);
  });

  it('sends no duplicates by default', () => {
    const processor = createArtilleryProcessor({ random: () => 0 });
    const context = vars({ tags: 'SoundHound' });
    const jobIds = Array.from({ length: 50 }, () => prepare(processor, context).jobId);
    assert.equal(new Set(jobIds).size, 50);
  });
});
