/**
 * A cron pattern that never runs (day 31 of 30-day months) once made croner overflow its stack: a 500 that
 * still stored the row, and a db the server could not start on. These tests hold the fix: a 400 that stores
 * nothing, and a bad row found at start paused with a warning, never blocking the start.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDeliveryStore } from '../delivery/store.ts';
import { startServer } from '../server/start.ts';
import type { ProblemBody } from './problem.ts';

const NEVER = ['0 0 31 4,6,9,11 *', '0 0 31 2,4,6,9,11 *', '0 0 30 2 *'];

describe('cron patterns with no next run', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-callback-cron-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('are a 400 that says so, and nothing is stored', async () => {
    const server = await startServer();
    try {
      for (const cron of NEVER) {
        const response = await fetch(`${server.url}/schedules`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ target: 'http://127.0.0.1:9/cb', cron }),
        });
        assert.equal(response.status, 400, cron);
        const problem = (await response.json()) as ProblemBody;
        assert.deepEqual(problem.fields, ['cron']);
        assert.match(problem.detail, /never runs/);
      }
      const list = (await (await fetch(`${server.url}/schedules`)).json()) as { schedules: unknown[] };
      assert.deepEqual(list.schedules, []);
    } finally {
      await server.close();
    }
  });

  it('found in the db at start: paused with a warning, the server serves, resuming is a 400', async () => {
    const db = join(dir, 'state.db');
    // a row an older version stored without checking the pattern
    const store = createDeliveryStore({ path: db });
    const bad = store.insertSchedule({
      name: null,
      status: 'active',
      spec: { target: 'http://127.0.0.1:9/cb', cron: NEVER[0] as string, choice: {}, headers: {} },
    });
    store.close();

    const lines: string[] = [];
    const server = await startServer({ db, retryPolicy: { delaysMs: [] }, log: (line) => lines.push(line) });
    try {
      const health = await fetch(`${server.url}/health`);
      assert.equal(health.status, 200);
      assert.match(lines.join('\n'), new RegExp(`schedule ${bad.id}: .*never runs.*paused`));
      const schedule = (await (await fetch(`${server.url}/schedules/${bad.id}`)).json()) as {
        status: string;
      };
      assert.equal(schedule.status, 'paused');
      const resume = await fetch(`${server.url}/schedules/${bad.id}/resume`, { method: 'POST' });
      assert.equal(resume.status, 400);
      assert.match(((await resume.json()) as ProblemBody).detail, /never runs/);
      const emit = await fetch(`${server.url}/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: 'http://127.0.0.1:9/cb', tag: 'Transcode' }),
      });
      assert.equal(emit.status, 200);
    } finally {
      await server.close();
    }
  });
});
