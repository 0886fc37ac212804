import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { parseXml, renderXml } from '../core/render-xml.ts';
import type { Job } from '../core/types.ts';
import type { NewDelivery } from '../delivery/model.ts';
import type { DeliveryDetail } from '../delivery/store.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { createCiConfig } from './ci-config.ts';
import { createJobBook, type JobDeliverer } from './job-book.ts';
import { jobSpecsOf } from './submit-request.ts';
import { readCiRequest } from './xml-request.ts';

const LOCATION = { bucket: 'test-123456789', region: 'ap-chongqing' };
const request = (object: string, extra = '') =>
  `<Request><Tag>Transcode</Tag><Input><Object>${object}</Object></Input><Operation><UserData>u</UserData></Operation>${extra}</Request>`;
const specs = (xml: string) => jobSpecsOf(readCiRequest(xml), 'jobs', () => {});

/** A deliverer that records what it is given and answers at once. */
function recordingDeliverer() {
  const sent: NewDelivery[] = [];
  const deliverer: JobDeliverer = {
    deliver(delivery, options) {
      sent.push(delivery);
      options?.onRecorded?.(sent.length);
      return Promise.resolve({ id: sent.length } as DeliveryDetail);
    },
  };
  return { sent, deliverer };
}

describe('the job book (mock.timers drive the clock)', () => {
  beforeEach(() =>
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2026-01-01T00:00:00Z') }),
  );
  afterEach(() => mock.timers.reset());

  it('lives Submitted → Running with Progress → Success, and its TaskFinish carries its facts', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    const { sent, deliverer } = recordingDeliverer();
    const config = createCiConfig({ callback: 'http://127.0.0.1:1/queue' });
    const book = createJobBook({ config, store, deliverer, jobTimeMs: 2_000 });
    const [job] = book.submit(specs(request('in/a.mp4')), LOCATION);
    assert.ok(job);
    assert.equal(book.jobsDetail(job)['State'], 'Submitted');
    mock.timers.tick(499);
    assert.equal(book.get(job.jobId)?.state, 'Submitted');
    mock.timers.tick(1);
    assert.equal(book.get(job.jobId)?.state, 'Running');
    mock.timers.tick(750);
    assert.equal(book.jobsDetail(job)['Progress'], '50');
    assert.equal(sent.length, 0, 'nothing is sent before the job ends');
    mock.timers.tick(750);
    assert.equal(book.get(job.jobId)?.state, 'Success');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.target, 'http://127.0.0.1:1/queue');
    const detail = parseXml(sent[0]?.body ?? '')['JobsDetail'] as Job;
    assert.equal(detail['JobId'], job.jobId);
    assert.equal(detail['CreationTime'], '2026-01-01T08:00:00+0800');
    assert.equal(detail['StartTime'], '2026-01-01T08:00:00+0800');
    assert.equal(detail['EndTime'], '2026-01-01T08:00:02+0800');
    assert.equal((detail['Input'] as Job)['Object'], 'in/a.mp4');
    assert.equal((detail['Operation'] as Job)['UserData'], 'u');
    assert.deepEqual(
      parseXml(renderXml({ JobsDetail: book.jobsDetail(job) }))['JobsDetail'],
      detail,
      'GET answers what the callback said',
    );
    assert.equal(book.get(job.jobId)?.deliveryId, 1);
    book.close();
    store.close();
  });

  it('cancels only a queued job, which then never calls back', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    const { sent, deliverer } = recordingDeliverer();
    const book = createJobBook({
      config: createCiConfig({ callback: 'http://127.0.0.1:1/' }),
      store,
      deliverer,
    });
    const [queued, started] = book.submit(specs(request('a.mp4')).concat(specs(request('b.mp4'))), LOCATION);
    book.cancel(queued?.jobId ?? '');
    mock.timers.tick(600);
    assert.throws(() => book.cancel(started?.jobId ?? ''), { code: 'InvalidArgument' });
    mock.timers.tick(10_000);
    assert.equal(book.get(queued?.jobId ?? '')?.state, 'Cancel');
    assert.deepEqual(
      sent.map((d) => (parseXml(d.body)['JobsDetail'] as Job)['JobId']),
      [started?.jobId],
    );
    book.close();
    store.close();
  });

  it('resumes unfinished jobs from the db after a restart, where their clock says they are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-jobs-'));
    try {
      const path = join(dir, 'state.db');
      const config = createCiConfig({ callback: 'http://127.0.0.1:1/' });
      const first = createDeliveryStore({ path });
      const before = recordingDeliverer();
      const killed = createJobBook({ config, store: first, deliverer: before.deliverer });
      const [job] = killed.submit(specs(request('a.mp4')), LOCATION);
      mock.timers.tick(1_000);
      killed.close(); // the process dies: its timers with it
      first.close();
      assert.equal(before.sent.length, 0);

      const second = createDeliveryStore({ path });
      const after = recordingDeliverer();
      const book = createJobBook({ config, store: second, deliverer: after.deliverer });
      assert.equal(book.resume(), 1);
      assert.equal(book.get(job?.jobId ?? '')?.state, 'Running');
      mock.timers.tick(1_000);
      assert.equal(book.get(job?.jobId ?? '')?.state, 'Success');
      assert.equal(after.sent.length, 1);
      book.close();
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a job by a fail rule with its Code, and sends nothing for CallBack=no', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    const { sent, deliverer } = recordingDeliverer();
    const config = createCiConfig({
      callback: 'http://127.0.0.1:1/',
      failRules: [{ glob: 'missing/*', code: 'InputObjectNotExist' }],
    });
    const book = createJobBook({ config, store, deliverer });
    const [failed] = book.submit(specs(request('missing/x.mp4')), LOCATION);
    const [quiet] = book.submit(specs(request('a.mp4', '<CallBack>no</CallBack>')), LOCATION);
    mock.timers.tick(2_000);
    assert.ok(failed);
    assert.equal(book.jobsDetail(failed)['Code'], 'InputObjectNotExist');
    assert.equal(book.jobsDetail(failed)['State'], 'Failed');
    assert.equal(book.get(quiet?.jobId ?? '')?.state, 'Success');
    assert.equal(book.get(quiet?.jobId ?? '')?.noCallback, 'CallBack is no');
    assert.equal(sent.length, 1);
    book.close();
    store.close();
  });
});
