/**
 * CI's job API as an application under test meets it: Tencent's own Node SDK submits, queries, cancels and triggers
 * against a fixture server, and the callbacks arrive at a loopback receiver. Real time, short job times; nothing
 * here waits on the clock to prove that something did not happen (the delivery log and the job's state say so).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ciSdk, DUMMY_SECRET, listOf, type SdkAnswer } from '../../test/support/cos-sdk.ts';
import { type ReceivedCallback, startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { parseXml } from '../core/render-xml.ts';
import type { Job } from '../core/types.ts';
import { type RunningServer, startServer } from '../server/start.ts';

const SAMPLES = new URL('../../test/support/ci-job-api/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8');

function request(fields: {
  tag: string;
  object: string;
  callBack?: string;
  queueId?: string;
  format?: 'XML' | 'JSON';
  userData?: string;
}): string {
  return (
    `<Request><Tag>${fields.tag}</Tag><Input><Object>${fields.object}</Object></Input>` +
    `<Operation><Output><Region>ap-chongqing</Region><Bucket>test-123456789</Bucket><Object>out/${fields.tag}.bin</Object></Output>` +
    `<UserData>${fields.userData ?? `data of ${fields.tag}`}</UserData><JobLevel>1</JobLevel></Operation>` +
    (fields.queueId ? `<QueueId>${fields.queueId}</QueueId>` : '') +
    (fields.callBack ? `<CallBack>${fields.callBack.replace(/&/g, '&amp;')}</CallBack>` : '') +
    (fields.format ? `<CallBackFormat>${fields.format}</CallBackFormat>` : '') +
    '</Request>'
  );
}

/** The JobsDetail of a callback body, XML or JSON. */
function detailOf(callback: ReceivedCallback): Job {
  const tree = callback.body.trimStart().startsWith('<')
    ? parseXml(callback.body)
    : (JSON.parse(callback.body) as Job);
  const detail = tree['JobsDetail'] as Job | Job[];
  return Array.isArray(detail) ? (detail[0] as Job) : detail;
}

/** An element of an answer's `<Response>` that holds elements ({} when it is not there). */
const field = (answer: SdkAnswer, name: string) => (answer.response?.[name] ?? {}) as Record<string, unknown>;

const jobIdOf = (callback: ReceivedCallback) => {
  try {
    return String(detailOf(callback)['JobId']);
  } catch {
    return undefined;
  }
};

describe('CI job API, driven by the Node SDK', () => {
  let receiver: TestReceiver;
  let server: RunningServer;
  let sdk: ReturnType<typeof ciSdk>;

  before(async () => {
    receiver = await startReceiver();
    server = await startServer({
      ciJobTime: '60ms',
      ciCallback: `${receiver.url}?queue=default`,
      ciFail: ['missing/*:InputObjectNotExist'],
      ciWorkflow: ['wtranscode=Transcode,Snapshot'],
      ciSecret: `${DUMMY_SECRET.secretId}:${DUMMY_SECRET.secretKey}`,
    });
    sdk = ciSdk(server.url);
  });
  after(async () => {
    await server?.close();
    await receiver?.close();
  });

  /** Polls GET until the job has ended (a state it reaches by itself); the answer's JobsDetail. */
  async function ended(path: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const { response } = await sdk.call('GET', path);
      const detail = response?.['JobsDetail'] as Record<string, unknown>;
      if (detail && ['Success', 'Failed', 'Cancel'].includes(String(detail['State']))) return detail;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`${path} never ended`);
  }

  /** Waits (bounded) for the callback of a job to arrive; every callback of it that arrived by then. */
  async function callbacksOf(jobId: string): Promise<ReceivedCallback[]> {
    for (let i = 0; i < 500; i++) {
      const found = receiver.received.filter((c) => jobIdOf(c) === jobId);
      if (found.length > 0) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`no callback of ${jobId} arrived`);
  }

  async function deliveryCount(): Promise<number> {
    const page = (await (await fetch(`${server.url}/deliveries?limit=200`)).json()) as {
      deliveries: unknown[];
    };
    return page.deliveries.length;
  }

  it('submits jobs of several Tags on every endpoint; each gets exactly one matching callback and a consistent GET', async () => {
    const jobs = [
      { endpoint: 'jobs', tag: 'Transcode', letter: 'j' },
      { endpoint: 'jobs', tag: 'Snapshot', letter: 'j' },
      { endpoint: 'jobs', tag: 'PicProcess', letter: 'c' },
      { endpoint: 'asr_jobs', tag: 'SpeechRecognition', letter: 's' },
      { endpoint: 'ai_jobs', tag: 'Translation', letter: 'a' },
      { endpoint: 'pic_jobs', tag: 'PicProcess', letter: 'c' },
      { endpoint: 'doc_jobs', tag: 'DocProcess', letter: 'd' },
    ];
    const before = receiver.received.length;
    const submitted = [];
    for (const [index, job] of jobs.entries()) {
      const format = index % 2 === 0 ? 'XML' : 'JSON';
      const answer = await sdk.call('POST', `/${job.endpoint}`, {
        body: request({
          tag: job.tag,
          object: `in/${index}.bin`,
          callBack: `${receiver.url}?job=${index}`,
          format,
        }),
      });
      assert.equal(answer.error, undefined, JSON.stringify(answer.error));
      const detail = answer.response?.['JobsDetail'] as Record<string, unknown>;
      assert.equal(detail['Tag'], job.tag);
      assert.equal(detail['State'], 'Submitted');
      assert.match(String(detail['JobId']), new RegExp(`^${job.letter}[0-9a-f]{32}$`));
      const operation = detail['Operation'] as Record<string, unknown>;
      assert.equal(operation['UserData'], `data of ${job.tag}`);
      assert.equal(operation['JobLevel'], '1');
      submitted.push({ ...job, index, format, jobId: String(detail['JobId']) });
    }
    await receiver.waitFor(before + jobs.length, 10_000);
    for (const job of submitted) {
      const detail = await ended(`/${job.endpoint}/${job.jobId}`);
      const callbacks = await callbacksOf(job.jobId);
      assert.equal(callbacks.length, 1, `${job.tag}: one callback`);
      const callback = callbacks[0] as ReceivedCallback;
      assert.equal(callback.path, `/callback?job=${job.index}`);
      assert.equal(
        callback.headers['content-type'],
        job.format === 'JSON' ? 'application/json' : 'application/xml',
      );
      const sent = detailOf(callback);
      for (const field of ['JobId', 'Tag', 'State', 'CreationTime', 'StartTime', 'EndTime', 'QueueId']) {
        assert.equal(String(sent[field]), String(detail[field]), `${job.tag}: ${field}`);
      }
      assert.equal(sent['State'], 'Success');
      assert.equal((sent['Input'] as Job)['Object'], `in/${job.index}.bin`);
      assert.equal((sent['Operation'] as Job)['UserData'], `data of ${job.tag}`);
      assert.deepEqual((sent['Operation'] as Job)['Output'], {
        Region: 'ap-chongqing',
        Bucket: 'test-123456789',
        Object: `out/${job.tag}.bin`,
      });
    }
  });

  it('accepts the published request samples (mended) on their endpoints, a multi-job request giving one job each', async () => {
    const files = [
      ['jobs', 'jobs-post-transcode-request.xml', 1],
      ['jobs', 'jobs-post-snapshot-request.xml', 1],
      ['jobs', 'jobs-post-animation-request-go-sdk.xml', 1],
      ['jobs', 'jobs-post-tts-request.xml', 1],
      ['jobs', 'jobs-post-multi-request.xml', 3],
      ['ai_jobs', 'ai_jobs-post-translation-request.xml', 1],
      ['asr_jobs', 'asr_jobs-post-speechrecognition-request.xml', 1],
      ['pic_jobs', 'pic_jobs-post-picprocess-request.xml', 1],
      ['doc_jobs', 'doc_jobs-post-docprocess-request.xml', 1],
    ] as const;
    for (const [endpoint, file, count] of files) {
      const body = sample(file).replace(/<CallBack>[^<]*<\/CallBack>/, '<CallBack>no</CallBack>');
      const answer = await sdk.call('POST', `/${endpoint}`, { body });
      assert.equal(answer.error, undefined, `${file}: ${JSON.stringify(answer.error)}`);
      assert.equal(listOf(answer.response?.['JobsDetail']).length, count, file);
    }
  });

  it('fails a job whose input matches a --ci-fail rule, with that Code in the callback and in GET', async () => {
    const answer = await sdk.call('POST', '/jobs', {
      body: request({ tag: 'Transcode', object: 'missing/gone.mp4', callBack: `${receiver.url}?fail` }),
    });
    const jobId = String(field(answer, 'JobsDetail')['JobId']);
    const [callback] = await callbacksOf(jobId);
    const sent = detailOf(callback as ReceivedCallback);
    assert.equal(sent['State'], 'Failed');
    assert.equal(sent['Code'], 'InputObjectNotExist');
    const detail = await ended(`/jobs/${jobId}`);
    assert.equal(detail['State'], 'Failed');
    assert.equal(detail['Code'], 'InputObjectNotExist');
  });

  it("sends to the queue's NotifyConfig URL in its ResultFormat when the job names no CallBack", async () => {
    const queue = sample('queue-put-request.xml').replace(
      'http://callback.demo.com',
      `${receiver.url}?queue=pq1`,
    );
    const put = await sdk.call('PUT', '/queue/pq1', { body: queue });
    assert.equal(put.error, undefined, JSON.stringify(put.error));
    assert.equal(field(put, 'Queue')['QueueId'], 'pq1');
    const answer = await sdk.call('POST', '/jobs', {
      body: request({ tag: 'MediaInfo', object: 'a.mp4', queueId: 'pq1' }),
    });
    const jobId = String(field(answer, 'JobsDetail')['JobId']);
    await ended(`/jobs/${jobId}`);
    const callbacks = await callbacksOf(jobId);
    assert.equal(callbacks.length, 1);
    assert.equal(callbacks[0]?.path, '/callback?queue=pq1');
    assert.equal(callbacks[0]?.headers['content-type'], 'application/json');
  });

  it('sends nothing for CallBack=no, nor for a queue whose Event lacks TaskFinish', async () => {
    const put = await sdk.call('PUT', '/queue/pq2', {
      body: `<Request><NotifyConfig><State>On</State><Url>${receiver.url}?queue=pq2</Url><Event>WorkflowFinish</Event></NotifyConfig></Request>`,
    });
    assert.equal(put.error, undefined);
    const count = await deliveryCount();
    const ids: string[] = [];
    for (const body of [
      request({ tag: 'Transcode', object: 'quiet.mp4', callBack: 'no' }),
      request({ tag: 'Transcode', object: 'quiet.mp4', queueId: 'pq2' }),
    ]) {
      const answer = await sdk.call('POST', '/jobs', { body });
      ids.push(String(field(answer, 'JobsDetail')['JobId']));
    }
    // a job's callback is in the delivery log the moment it ends: ended jobs with no new delivery sent nothing
    for (const id of ids) assert.equal((await ended(`/jobs/${id}`))['State'], 'Success');
    assert.equal(await deliveryCount(), count);
    assert.equal(receiver.received.filter((c) => ids.includes(jobIdOf(c) ?? '')).length, 0);
  });

  it('triggers a workflow: each node’s TaskFinish, then the WorkflowFinish, all with RunId = the InstanceId', async () => {
    const start = receiver.received.length;
    const answer = await sdk.call('POST', '/triggerworkflow', {
      query: { workflowId: 'wtranscode', object: 'uploads/in.mp4', name: '' },
    });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    const runId = String(answer.response?.['InstanceId']);
    assert.match(runId, /^i[0-9a-f]{32}$/);
    const got = (await receiver.waitFor(start + 3, 10_000))
      .slice(start)
      .filter((c) => c.body.includes(runId));
    assert.equal(got.length, 3);
    assert.deepEqual(
      got.map((c) => /<EventName>(\w+)</.exec(c.body)?.[1]),
      ['TaskFinish', 'TaskFinish', 'WorkflowFinish'],
    );
    const execution = parseXml(got[2]?.body ?? '')['WorkflowExecution'] as Job;
    assert.equal(execution['RunId'], runId);
    assert.equal(execution['Object'], 'uploads/in.mp4');
    assert.equal(execution['WorkflowId'], 'wtranscode');
    const detail = await sdk.call('GET', `/workflowexecution/${runId}`);
    const run = detail.response?.['WorkflowExecution'] as Record<string, unknown>;
    assert.equal(run['State'], 'Success');
    // the two nodes end at the same instant and call back at once, each on its own connection: either may land first
    assert.deepEqual(
      listOf(run['Tasks'] as Record<string, unknown>[])
        .map((t) => t['JobId'])
        .sort(),
      got
        .slice(0, 2)
        .map((c) => jobIdOf(c))
        .sort(),
    );
  });

  it('answers bad requests with CI’s errors, which the SDK reads', async () => {
    const cases: [string, string, number, string][] = [
      [
        '/jobs',
        '<Request><Input><Object>a.mp4</Object></Input><Operation/></Request>',
        400,
        'InvalidArgument',
      ],
      ['/jobs', request({ tag: 'NoSuchTag', object: 'a.mp4' }), 400, 'InvalidArgument'],
      [
        '/jobs',
        sample('jobs-post-transcode-request.xml').replace('JSON</CallBackFormat>', 'JSON<CallBackFormat>'),
        400,
        'MalformedXML',
      ],
      ['/ai_jobs', request({ tag: 'Transcode', object: 'a.mp4' }), 400, 'InvalidArgument'],
      ['/jobs', request({ tag: 'Transcode', object: 'a.mp4', callBack: 'ftp://x' }), 400, 'InvalidArgument'],
    ];
    for (const [path, body, status, code] of cases) {
      const answer = await sdk.call('POST', path, { body });
      assert.equal(answer.statusCode, status, body);
      assert.equal(answer.error?.code, code, body);
      assert.equal(typeof answer.error?.error['RequestId'], 'string');
    }
    const unknown = await sdk.call('GET', '/jobs/j00000000000000000000000000000000');
    assert.equal(unknown.response?.['NonExistJobIds'], 'j00000000000000000000000000000000');
    const wrongKey = await ciSdk(server.url, { ...DUMMY_SECRET, secretKey: 'not-the-key' }).call(
      'GET',
      '/jobs',
    );
    assert.equal(wrongKey.statusCode, 401);
    assert.equal(wrongKey.error?.code, 'InvalidAuthorization');
  });
});

describe('CI job API: cancel, driven by the Node SDK', () => {
  let server: RunningServer;
  let sdk: ReturnType<typeof ciSdk>;
  before(async () => {
    // jobs that stay queued: an hour of processing, a quarter of it queued
    server = await startServer({ ciJobTime: '1h' });
    sdk = ciSdk(server.url);
  });
  after(async () => {
    await server?.close();
  });

  it('cancels a queued job with ?cancel (Go, Python) and without (Java); a second cancel is refused', async () => {
    for (const suffix of ['?cancel', '']) {
      const answer = await sdk.call('POST', '/jobs', {
        body: request({ tag: 'Transcode', object: 'a.mp4' }),
      });
      const jobId = String(field(answer, 'JobsDetail')['JobId']);
      const cancel = await sdk.call('PUT', `/jobs/${jobId}${suffix}`);
      assert.equal(cancel.error, undefined, JSON.stringify(cancel.error));
      assert.equal(cancel.statusCode, 200);
      const detail = (await sdk.call('GET', `/jobs/${jobId}`)).response?.['JobsDetail'] as Record<
        string,
        unknown
      >;
      assert.equal(detail['State'], 'Cancel');
      const again = await sdk.call('PUT', `/jobs/${jobId}?cancel`);
      assert.equal(again.error?.code, 'InvalidArgument');
    }
    const list = await sdk.call('GET', '/jobs', { query: { states: 'Cancel', size: '10' } });
    assert.equal(listOf(list.response?.['JobsDetail']).length, 2);
  });
});
