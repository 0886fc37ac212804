import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { startServer } from '../server/start.ts';
import { lockDbFile } from './db-lock.ts';

describe('one server per db file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-callback-lock-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second lock, naming the process that holds the first', () => {
    const db = join(dir, 'a', 'state.db');
    const first = lockDbFile(db, { pid: 4242, command: 'ci-callback serve', isAlive: () => true });
    assert.throws(
      () => lockDbFile(db, { pid: 4343, isAlive: () => true }),
      (error: unknown) =>
        error instanceof InputError &&
        error.field === 'db' &&
        error.message.startsWith(`the db '${db}' is in use by process 4242 (ci-callback serve, started `) &&
        /one server per db file; stop that one, or give this one another --db/.test(error.message),
    );
    first.release();
    assert.equal(existsSync(`${db}.lock`), false, 'released');
    lockDbFile(db, { pid: 4343 }).release();
  });

  it('takes over the lock of a process that no longer runs (kill -9, a crash)', () => {
    const db = join(dir, 'stale.db');
    lockDbFile(db, { pid: 999_999 });
    const lock = lockDbFile(db, { pid: process.pid, isAlive: (pid) => pid !== 999_999 });
    assert.equal(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
    lock.release();
  });

  it('refuses when the lock file cannot be read, rather than guess', () => {
    const db = join(dir, 'garbled.db');
    writeFileSync(`${db}.lock`, '');
    assert.throws(() => lockDbFile(db), /in use by another process \(its lock file .* is unreadable\)/);
  });

  it('does not remove a lock another server has taken since', () => {
    const db = join(dir, 'taken.db');
    const mine = lockDbFile(db, { pid: 1 });
    writeFileSync(mine.path, JSON.stringify({ pid: 2, host: hostname(), startedAt: 'x', command: '' }));
    mine.release();
    assert.equal(existsSync(mine.path), true);
  });

  it('startServer: a second server on the same db file is refused; after close the file is free', async () => {
    const db = join(dir, 'served.db');
    const first = await startServer({ db });
    try {
      await assert.rejects(
        startServer({ db }),
        (error: unknown) =>
          error instanceof InputError && error.message.includes(`is in use by process ${process.pid}`),
      );
    } finally {
      await first.close();
    }
    const again = await startServer({ db });
    await again.close();
    assert.equal(existsSync(`${db}.lock`), false);
  });
});
