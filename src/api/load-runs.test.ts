import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { type LoadReceiver, startLoadReceiver } from '../../test/support/load-receiver.ts';
import type { LoadProgress } from '../load/engine.ts';
import type { LoadPlan } from '../load/plan.ts';
import type { LoadReport } from '../load/report.ts';
import { createLoadRuns, type LoadRun, type LoadRunsOptions, loadRunsRouter } from './load-runs.ts';
import { type ProblemBody, toProblem } from './problem.ts';
import { createTargetPolicy } from './target-policy.ts';

/** The router mounted as the app mounts routers, with the app's error handling. */
function testApp(options: LoadRunsOptions) {
  const app = new Hono();
  app.onError((error, c) => {
    const { problem } = toProblem(error);
    return c.json(problem.body, problem.status);
  });
  return app.route('/load-runs', loadRunsRouter(options));
}

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

interface RunView {
  id: string;
  status: string;
  report: {
    requests: number;
    statusCodes: Record<string, number>;
    achievedRate: number;
    model: string;
  } | null;
  thresholds: { threshold: string; crossed: boolean }[] | null;
  passed: boolean | null;
}

/** Polls GET /load-runs/:id until the run has finished (bounded). */
async function finished(app: ReturnType<typeof testApp>, id: string): Promise<RunView> {
  for (let i = 0; i < 100; i++) {
    const view = (await (await app.request(`/load-runs/${id}`)).json()) as RunView;
    if (view.status !== 'running') return view;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`load run ${id} did not finish in 5 s`);
}

describe('/load-runs', () => {
  let receiver: LoadReceiver;
  const stop = new AbortController();
  before(async () => {
    receiver = await startLoadReceiver();
  });
  after(async () => {
    stop.abort();
    await receiver.close();
  });
  const limits = { maxDurationSeconds: 2, maxRate: 200, maxConnections: 8 };
  const app = testApp({
    limits,
    signal: stop.signal,
    targetPolicy: createTargetPolicy(['http://127.0.0.1:*']),
  });

  it('runs the open model in the background: 202 with an id, then the report', async () => {
    const response = await app.request(
      '/load-runs',
      post({ target: receiver.url, rate: 100, duration: '500ms', tags: 'SoundHound', failOn: 'p99>5s' }),
    );
    assert.equal(response.status, 202);
    const accepted = (await response.json()) as { id: string; status: string; location: string };
    assert.equal(accepted.status, 'running');
    assert.equal(response.headers.get('location'), `/load-runs/${accepted.id}`);
    const view = await finished(app, accepted.id);
    assert.equal(view.status, 'done');
    assert.equal(view.report?.model, 'open');
    assert.equal(view.report?.requests, 50);
    assert.deepEqual(view.report?.statusCodes, { '200': 50 });
    assert.deepEqual(
      view.thresholds?.map((t) => [t.threshold, t.crossed]),
      [['p99>5s', false]],
    );
    assert.equal(view.passed, true);
  });

  it('runs the closed model no faster than the maximum rate', async () => {
    const response = await app.request(
      '/load-runs',
      post({ target: receiver.url, connections: 4, duration: 0.5, tags: 'SoundHound' }),
    );
    assert.equal(response.status, 202);
    const view = await finished(app, ((await response.json()) as { id: string }).id);
    assert.equal(view.report?.model, 'closed');
    const rate = view.report?.achievedRate ?? Number.NaN;
    assert.ok(rate > 50 && rate <= limits.maxRate * 1.05, `rate ${rate} with a ceiling of ${limits.maxRate}`);
  });

  it('refuses a second run while one is running (409)', async () => {
    const first = await app.request(
      '/load-runs',
      post({ target: receiver.url, rate: 50, duration: '300ms' }),
    );
    assert.equal(first.status, 202);
    const second = await app.request(
      '/load-runs',
      post({ target: receiver.url, rate: 50, duration: '300ms' }),
    );
    assert.equal(second.status, 409);
    const problem = (await second.json()) as ProblemBody;
    assert.equal(problem.error, 'conflict');
    assert.match(problem.detail, /at most 1 at a time/);
    await finished(app, ((await first.json()) as { id: string }).id);
  });

  const refused: [string, unknown, number, RegExp][] = [
    [
      'a rate above the maximum',
      { rate: 500, duration: '1s' },
      400,
      /rate is 500 req\/s; accepted: at most 200/,
    ],
    [
      'a duration above the maximum',
      { rate: 10, duration: '2s', warmup: '1s' },
      400,
      /accepted: at most 2 s/,
    ],
    ['too many connections', { connections: 50 }, 400, /accepted: at most 8/],
    ['neither rate nor connections', {}, 400, /give rate .* or connections/],
    ['an unknown Tag', { rate: 10, tags: 'Nope' }, 400, /unknown tag 'Nope'; accepted: /],
    ['a bad threshold', { rate: 10, failOn: 'p42>1' }, 400, /accepted: comma-separated conditions/],
    ['an unknown field', { rate: 10, speed: 3 }, 400, /unknown field 'speed'; accepted: target, rate/],
    ['a target the server does not allow', { rate: 10, target: 'http://10.0.0.1/cb' }, 403, /not allowed/],
  ];
  for (const [what, fields, status, detail] of refused) {
    it(`answers ${status} with { error, detail } for ${what}`, async () => {
      const response = await app.request('/load-runs', post({ target: receiver.url, ...(fields as object) }));
      assert.equal(response.status, status);
      const problem = (await response.json()) as ProblemBody;
      assert.equal(typeof problem.error, 'string');
      assert.match(problem.detail, detail);
    });
  }

  it('answers 404 for an unknown run', async () => {
    const response = await app.request('/load-runs/nope');
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as ProblemBody).detail, /no load run 'nope'/);
  });
});

describe('load runs followed live', () => {
  it('tells subscribers each progress step and the end, and keeps the latest progress on the run', async () => {
    const step: LoadProgress = {
      elapsedMs: 1000,
      phase: 'measuring',
      rate: 20,
      inFlight: 1,
      finished: 20,
      failed: 0,
      p50Ms: 2,
      p99Ms: 5,
    };
    const report = { model: 'open' } as LoadReport;
    const runs = createLoadRuns({
      newId: () => 'run-1',
      runLoad: async (_plan, hooks) => {
        hooks?.onProgress?.(step);
        hooks?.onProgress?.({ ...step, elapsedMs: 2000, finished: 40 });
        return report;
      },
    });
    const seen: string[] = [];
    const ended = new Promise<LoadRun>((resolve) => {
      runs.subscribe((run) => {
        seen.push(`${run.status}:${run.progress?.elapsedMs}`);
        if (run.status !== 'running') resolve(run);
      });
    });
    const started = runs.start({ target: 'http://127.0.0.1:9/cb', rate: 20, duration: '2s' });
    // 2 s measured after the default 1 s warm-up
    assert.deepEqual([started.status, started.expectedSeconds, started.progress], ['running', 3, null]);
    const run = await ended;
    assert.deepEqual(seen, ['running:1000', 'running:2000', 'done:2000']);
    assert.equal(run.report, report);
    assert.deepEqual(
      runs.list().map((r) => r.id),
      ['run-1'],
    );
  });

  it('fits a left-out warm-up into what the duration leaves of the longest run', async () => {
    const plans: LoadPlan[] = [];
    const runs = createLoadRuns({
      limits: { maxDurationSeconds: 2, maxConcurrentRuns: 4 },
      runLoad: async (plan) => {
        plans.push(plan);
        return { model: 'open' } as LoadReport;
      },
    });
    for (const duration of ['2s', '1.5s', '500ms'])
      runs.start({ target: 'http://127.0.0.1:9/cb', rate: 20, duration });
    runs.start({ target: 'http://127.0.0.1:9/cb', rate: 20, duration: '1s', warmup: '0' });
    await new Promise((started) => setImmediate(started));
    assert.deepEqual(
      plans.map((p) => [p.durationMs, p.warmupMs]),
      [
        [2_000, 0],
        [1_500, 500],
        [500, 1_000],
        [1_000, 0],
      ],
    );
  });
});
