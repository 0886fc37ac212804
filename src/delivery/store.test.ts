import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { NewDelivery } from './model.ts';
import { createDeliveryStore, type DeliveryDetail, SCHEMA_VERSION } from './store.ts';

const delivery = (overrides: Partial<NewDelivery> = {}): NewDelivery => ({
  target: 'http://127.0.0.1:9/callback',
  body: '<Response/>',
  contentType: 'application/xml',
  headers: { 'X-Secret': 's' },
  tag: 'SmartCover',
  format: 'xml',
  trigger: 'direct',
  state: 'success',
  seed: 1,
  scheduleId: null,
  replayOf: null,
  ...overrides,
});

describe('delivery store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-store-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the request and every attempt with its status, latency, snippet or error', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    try {
      const id = store.insertDelivery(delivery());
      const first = store.startAttempt(id, 1);
      assert.equal(store.getDelivery(id)?.attempts[0]?.status, 'in_flight');
      store.finishAttempt(first, {
        ok: false,
        latencyMs: 3.16,
        error: { kind: 'connect', message: 'refused' },
      });
      const second = store.startAttempt(id, 2);
      store.finishAttempt(second, { ok: true, status: 200, latencyMs: 2, responseSnippet: 'ok' });
      store.finishDelivery(id, 'delivered');

      const detail = store.getDelivery(id);
      assert.equal(detail?.status, 'delivered');
      assert.equal(detail?.attemptCount, 2);
      assert.equal(detail?.httpStatus, 200);
      assert.deepEqual(detail?.request, {
        contentType: 'application/xml',
        headers: { 'X-Secret': 's' },
        body: '<Response/>',
      });
      assert.deepEqual(
        detail?.attempts.map((a) => [
          a.number,
          a.status,
          a.httpStatus,
          a.latencyMs,
          a.responseSnippet,
          a.error,
        ]),
        [
          [1, 'failed', null, 3.2, null, { kind: 'connect', message: 'refused' }],
          [2, 'ok', 200, 2, 'ok', null],
        ],
      );
    } finally {
      store.close();
    }
  });

  it('marks what was in flight at a crash as interrupted when reopened, and keeps the rest', () => {
    const path = join(dir, 'crash.db');
    const crashed = createDeliveryStore({ path });
    const done = crashed.insertDelivery(delivery());
    crashed.finishAttempt(crashed.startAttempt(done, 1), { ok: true, status: 204, latencyMs: 1 });
    crashed.finishDelivery(done, 'delivered');
    const running = crashed.insertDelivery(delivery({ tag: 'SoundHound' }));
    crashed.startAttempt(running, 1);
    // no finishAttempt/finishDelivery: the process "dies" here
    crashed.close();

    const reopened = createDeliveryStore({ path });
    try {
      assert.deepEqual(reopened.recovered, { deliveries: 1, attempts: 1 });
      assert.equal(reopened.getDelivery(done)?.status, 'delivered');
      const interrupted = reopened.getDelivery(running);
      assert.equal(interrupted?.status, 'interrupted');
      assert.equal(interrupted?.attempts[0]?.status, 'interrupted');
      assert.ok(interrupted?.finishedAt);
    } finally {
      reopened.close();
    }
  });

  it('filters by text in the target URL, taking the text literally', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    try {
      const a = store.insertDelivery(delivery({ target: 'http://127.0.0.1:3000/ci/callback' }));
      const b = store.insertDelivery(delivery({ target: 'https://receiver.example.com/hooks%_' }));
      const ids = (text: string) =>
        store.listDeliveries({ limit: 10, targetContains: text }).map((d) => d.id);
      assert.deepEqual(ids('127.0.0.1'), [a]);
      assert.deepEqual(ids('example.com'), [b]);
      // % and _ are not wildcards here
      assert.deepEqual(ids('%_'), [b]);
      assert.deepEqual(ids('_'), [b]);
      assert.deepEqual(ids('nowhere'), []);
    } finally {
      store.close();
    }
  });

  it('lists newest first, filters by schedule, status and tag, and pages with a cursor', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    try {
      const schedule = store.insertSchedule({
        name: null,
        status: 'active',
        spec: { target: 'http://127.0.0.1:9/', every: '1h', choice: {}, headers: {} },
      });
      const ids = [1, 2, 3, 4, 5].map((n) =>
        store.insertDelivery(
          delivery({
            scheduleId: n % 2 === 0 ? schedule.id : null,
            tag: n === 5 ? 'SoundHound' : 'SmartCover',
          }),
        ),
      );
      store.finishDelivery(ids[0] as number, 'failed');
      const all = store.listDeliveries({ limit: 10 }).map((d) => d.id);
      assert.deepEqual(all, [...ids].reverse());
      assert.deepEqual(
        store.listDeliveries({ limit: 10, scheduleId: schedule.id }).map((d) => d.id),
        [ids[3], ids[1]],
      );
      assert.deepEqual(
        store.listDeliveries({ limit: 10, status: 'failed' }).map((d) => d.id),
        [ids[0]],
      );
      assert.deepEqual(
        store.listDeliveries({ limit: 10, tag: 'SoundHound' }).map((d) => d.id),
        [ids[4]],
      );
      const page = store.listDeliveries({ limit: 2, before: ids[3] });
      assert.deepEqual(
        page.map((d) => d.id),
        [ids[2], ids[1]],
      );
      assert.equal(store.countDeliveries(schedule.id), 2);
    } finally {
      store.close();
    }
  });

  it('keeps schedules across a reopen, with their status and last run', () => {
    const path = join(dir, 'schedules.db');
    const first = createDeliveryStore({ path });
    const spec = { target: 'http://127.0.0.1:9/', every: '5s', choice: {}, headers: {} };
    const created = first.insertSchedule({ name: 'demo', status: 'active', spec });
    first.updateSchedule(created.id, { status: 'paused', lastRunAt: '2025-01-01T00:00:00.000Z' });
    first.close();

    const second = createDeliveryStore({ path });
    try {
      const loaded = second.findScheduleByName('demo');
      assert.equal(loaded?.id, created.id);
      assert.equal(loaded?.status, 'paused');
      assert.equal(loaded?.lastRunAt, '2025-01-01T00:00:00.000Z');
      assert.deepEqual(loaded?.spec, spec);
      assert.equal(second.deleteSchedule(created.id), true);
      assert.equal(second.getSchedule(created.id), undefined);
      assert.equal(second.deleteSchedule(created.id), false);
    } finally {
      second.close();
    }
  });

  it('has a delivery on disk, compressed and with its attempt in flight, once committed() resolves', async () => {
    const path = join(dir, 'batched.db');
    const store = createDeliveryStore({ path });
    const reader = new Database(path, { readonly: true });
    try {
      const body = `<Response>${'<JobsDetail><Code>Success</Code></JobsDetail>'.repeat(40)}</Response>`;
      const recorded = [1, 2, 3].map(() => store.insertDeliveryWithAttempt(delivery({ body })));
      await store.committed();
      // another connection, as a restarted server after kill -9 would read it
      const rows = reader
        .prepare(
          `SELECT d.id, d.status, d.body_encoding AS encoding, a.id AS attemptId, a.status AS attempt
           FROM deliveries d JOIN attempts a ON a.delivery_id = d.id ORDER BY d.id`,
        )
        .all();
      assert.deepEqual(
        rows,
        recorded.map(({ id, attemptId }) => ({
          id,
          status: 'pending',
          encoding: 'deflate-d2',
          attemptId,
          attempt: 'in_flight',
        })),
      );
    } finally {
      reader.close();
      store.close();
    }
  });

  it('answers how a delivery ended from memory, as the log then holds it', async () => {
    const store = createDeliveryStore({ path: ':memory:' });
    try {
      const { id, attemptId } = store.insertDeliveryWithAttempt(delivery());
      const first = store.finishAttempt(attemptId, {
        ok: false,
        status: 503,
        latencyMs: 1.26,
        responseSnippet: 'busy',
      });
      assert.equal(first, undefined, 'not ended yet');
      const second = store.startAttempt(id, 2);
      const ended = store.finishAttempt(
        second,
        { ok: true, status: 200, latencyMs: 2.04, responseSnippet: 'OK' },
        { deliveryId: id, status: 'delivered' },
      );
      const { request: _request, ...logged } = store.getDelivery(id) as DeliveryDetail;
      assert.deepEqual(ended, logged);
      assert.deepEqual(
        [logged.status, logged.attemptCount, logged.httpStatus, logged.latencyMs],
        ['delivered', 2, 200, 2],
      );
      assert.deepEqual(store.getOutcome(id), logged);
    } finally {
      store.close();
    }
  });

  it('stores bodies compressed and gives back the very same bytes', () => {
    const path = join(dir, 'compressed.db');
    const store = createDeliveryStore({ path });
    const body = `<Response>${'<JobsDetail><Code>Success</Code><Message/></JobsDetail>'.repeat(60)}é中\r\n</Response>`;
    try {
      const id = store.insertDelivery(delivery({ body }));
      assert.equal(store.getDelivery(id)?.request.body, body);
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare('SELECT body, body_encoding FROM deliveries').get() as {
        body: Buffer;
        body_encoding: string;
      };
      assert.equal(row.body_encoding, 'deflate-d2');
      assert.ok(row.body.length < Buffer.byteLength(body) / 5, `${row.body.length} bytes stored`);
    } finally {
      db.close();
    }
  });

  it('opens a db written by the first schema, migrates it once, and keeps every row readable', async () => {
    const path = join(dir, 'state-v0.db');
    await copyFile(new URL('./testdata/state-v0.db', import.meta.url), path);
    const store = createDeliveryStore({ path });
    try {
      const [schedule] = store.listSchedules();
      assert.equal(schedule?.name, 'nightly');
      assert.equal(store.countDeliveries(schedule?.id as number), 2, 'sent counted from the old rows');
      const old = store.getDelivery(1);
      assert.equal(
        old?.request.body,
        '<Response><JobsDetail><Code>Success</Code><N>0</N></JobsDetail></Response>\n',
      );
      assert.deepEqual(old?.request.headers, { 'X-Token': 's3' });
      assert.equal(old?.attempts[0]?.httpStatus, 200);
      const id = store.insertDelivery(
        delivery({ body: '<Response>new</Response>', scheduleId: schedule?.id as number }),
      );
      assert.equal(store.getDelivery(id)?.request.body, '<Response>new</Response>');
      assert.equal(store.countDeliveries(schedule?.id as number), 3);
      // schema 2's columns: a faulted delivery and the one it derives from
      const extra = store.insertDelivery(delivery({ fault: 'duplicate', faultOf: id }));
      assert.deepEqual(
        [store.getDelivery(extra)?.fault, store.getDelivery(extra)?.faultOf],
        ['duplicate', id],
      );
    } finally {
      store.close();
    }
    const reopened = createDeliveryStore({ path });
    assert.equal(reopened.listDeliveries({ limit: 10 }).length, 5);
    // schema 3's table: the records of CI's job API
    reopened.saveCiRecord({ kind: 'job', id: 'j1', createdAt: '2026-01-01T00:00:00.000Z', doc: '{"a":1}' });
    reopened.saveCiRecord({ kind: 'job', id: 'j1', createdAt: '2026-01-01T00:00:00.000Z', doc: '{"a":2}' });
    assert.deepEqual(
      reopened.listCiRecords('job').map((r) => [r.id, r.doc]),
      [['j1', '{"a":2}']],
    );
    reopened.close();
    const db = new Database(path);
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(SCHEMA_VERSION, 4);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => createDeliveryStore({ path }), /written by a newer ci-callback-emitter/);
  });
});
