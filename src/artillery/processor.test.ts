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
      [{ format: 'yaml' }, /ciCallback\.format: unknown format 'yaml'; accepted: xml, json, mixed/],
      [{ tags: 'NoSuchTag' }, /NoSuchTag/],
      [{ seed: -1 }, /ciCallback\.seed: seed -1 is not a seed/],
      [{ seed: 'abc' }, /ciCallback\.seed: seed "abc" is not a seed/],
      [{ rate: 5 }, /unknown option 'rate'; accepted: tags, format, trigger, state, seed, duplicate/],
      [{ duplicate: 2 }, /ciCallback\.duplicate is the share of callbacks sent twice/],
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

  /** `count` requests through one processor, each answered 200; `isCopy` marks the ones that repeat a JobId. */
  function run(
    processor: ArtilleryProcessor,
    context: ArtilleryContext,
    count: number,
    events = recordingEvents(),
  ) {
    const seen = new Set<string>();
    return Array.from({ length: count }, () => {
      const s = prepare(processor, context, events);
      processor.recordCallbackResponse(s.req, { statusCode: 200 }, context, events, () => {});
      const isCopy = seen.has(s.jobId);
      seen.add(s.jobId);
      return { ...s, isCopy };
    });
  }

  it('with duplicate, sends the chosen callbacks again as the next request, byte for byte, and counts them', () => {
    const events = recordingEvents();
    const sent = run(
      createArtilleryProcessor(),
      vars({ tags: 'SoundHound', duplicate: 0.5, seed: 5 }),
      600,
      events,
    );
    const copies = sent.filter((s) => s.isCopy).length;
    // half the fresh callbacks get a copy: a third of the requests
    assert.ok(copies > 170 && copies < 230, `${copies} copies`);
    sent.forEach((s, i) => {
      if (s.isCopy) {
        assert.equal(s.body, sent[i - 1]?.body, `request ${i} repeats the one before`);
        assert.equal(sent[i - 1]?.isCopy, false, 'a copy is never copied again');
      }
    });
    assert.equal(events.counters.get('ci_callback.duplicates.SoundHound'), copies);
    assert.equal(events.counters.get('ci_callback.sent.SoundHound'), 600);
  });

  it('picks the same callbacks to duplicate for the same seed, and others for another', () => {
    const pattern = (seed: number) =>
      run(createArtilleryProcessor(), vars({ tags: 'SoundHound', duplicate: '10%', seed }), 300)
        .map((s) => (s.isCopy ? 'D' : '.'))
        .join('');
    assert.equal(pattern(11), pattern(11));
    assert.notEqual(pattern(11), pattern(12));
    assert.match(pattern(11), /D/);
  });

  it("takes the faults' grammar for duplicate: a share, a percentage, true, and a delay before the copy", () => {
    for (const duplicate of [true, '100%', { probability: 1, delayMs: 2000 }, '100%,delay=2s']) {
      let clock = NOW;
      const processor = createArtilleryProcessor({ now: () => clock });
      const context = vars({ tags: 'SoundHound', duplicate, seed: 1 });
      const delayed = typeof duplicate === 'object' || String(duplicate).includes('delay');
      const [a, b] = run(processor, context, 2);
      if (!delayed) {
        assert.equal(b?.body, a?.body, `${JSON.stringify(duplicate)}: the copy is the next request`);
        continue;
      }
      assert.notEqual(b?.body, a?.body, 'the copy waits for its delay');
      clock += 2_000;
      const [c, d, e] = run(processor, context, 3);
      assert.deepEqual([c?.body, d?.body], [a?.body, b?.body], 'both copies are due, in order');
      assert.ok(e && e.body !== a?.body && e.body !== b?.body);
    }
  });

  it('sends no duplicates by default or with duplicate 0, and refuses a value outside the grammar', () => {
    for (const options of [{}, { duplicate: 0 }, { duplicate: '0%' }]) {
      const sent = run(createArtilleryProcessor(), vars({ tags: 'SoundHound', ...options }), 50);
      assert.equal(sent.filter((s) => s.isCopy).length, 0, JSON.stringify(options));
    }
    for (const duplicate of [2, 'often', '5%,after=2s', { probability: 0.1, delay: 2000 }, -0.1]) {
      let failure: Error | null | undefined;
      createArtilleryProcessor().setCallbackBody({}, vars({ duplicate }), recordingEvents(), (error) => {
        failure = error;
      });
      assert.match(
        String(failure?.message),
        /ciCallback\.duplicate is the share of callbacks sent twice: a probability from 0 to 1 \(0\.01\) or a percentage/,
        JSON.stringify(duplicate),
      );
    }
  });
});
