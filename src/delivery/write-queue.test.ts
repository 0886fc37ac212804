import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMIT_DELAY_MS, createWriteQueue, MAX_BATCH, type QueuedWrite } from './write-queue.ts';

/** A queue whose transactions are recorded as the names of the writes they held. */
function recordedQueue(fail?: () => boolean) {
  const transactions: string[][] = [];
  const ran: string[] = [];
  const queue = createWriteQueue((writes) => {
    if (fail?.()) throw new Error('disk I/O error');
    for (const write of writes) write.run();
    transactions.push(ran.splice(0));
  });
  const write = (name: string, extra: Partial<QueuedWrite> = {}): QueuedWrite => ({
    run: () => ran.push(name),
    ...extra,
  });
  return { queue, transactions, write };
}

describe('write queue', () => {
  it('commits what one turn of the event loop queued in one transaction, at the end of the turn', async (t) => {
    t.mock.timers.enable({ apis: ['setImmediate'] });
    const { queue, transactions, write } = recordedQueue();
    queue.add(write('record #1'));
    queue.add(write('attempt #1'));
    const committed = queue.committed();
    queue.add(write('record #2'));
    assert.deepEqual(transactions, [], 'nothing is written before the turn ends');
    t.mock.timers.tick(0);
    await committed;
    assert.deepEqual(transactions, [['record #1', 'attempt #1', 'record #2']]);
    await queue.committed();
    assert.equal(transactions.length, 1, 'nothing queued: committed() resolves without a transaction');
  });

  it('holds a write that waits, with what follows it; commits what came before once someone waits for it', async (t) => {
    t.mock.timers.enable({ apis: ['setImmediate'] });
    const { queue, transactions, write } = recordedQueue();
    let bodyReady = false;
    queue.add(write('finish #1'));
    const finished = queue.committed();
    queue.add(write('record #2', { ready: () => bodyReady }));
    queue.add(write('attempt #2'));
    const recorded = queue.committed();
    t.mock.timers.tick(0);
    await finished;
    assert.deepEqual(transactions, [['finish #1']]);
    bodyReady = true;
    queue.wake();
    t.mock.timers.tick(0);
    await recorded;
    assert.deepEqual(transactions, [['finish #1'], ['record #2', 'attempt #2']]);
  });

  it('keeps a ready part nobody waits for until the write it precedes is ready: one transaction for both', (t) => {
    t.mock.timers.enable({ apis: ['setImmediate', 'setTimeout'] });
    const { queue, transactions, write } = recordedQueue();
    let bodyReady = false;
    queue.add(write('finish #1'));
    queue.add(write('record #2', { ready: () => bodyReady }));
    t.mock.timers.tick(COMMIT_DELAY_MS);
    assert.deepEqual(transactions, []);
    bodyReady = true;
    queue.wake();
    t.mock.timers.tick(COMMIT_DELAY_MS);
    assert.deepEqual(transactions, [['finish #1', 'record #2']]);
  });

  it('commits writes nobody waits for within COMMIT_DELAY_MS, together, and a long queue at the end of the turn', (t) => {
    t.mock.timers.enable({ apis: ['setImmediate', 'setTimeout'] });
    const { queue, transactions, write } = recordedQueue();
    queue.add(write('finish #1'));
    t.mock.timers.tick(0);
    queue.add(write('finish #2'));
    t.mock.timers.tick(COMMIT_DELAY_MS - 1);
    assert.deepEqual([...transactions], [], 'not yet: more may come to share the transaction');
    queue.add(write('finish #3'));
    t.mock.timers.tick(1);
    assert.deepEqual(transactions[0], ['finish #1', 'finish #2', 'finish #3']);
    for (let i = 0; i < MAX_BATCH; i++) queue.add(write(`attempt #${i}`));
    t.mock.timers.tick(0);
    assert.deepEqual(
      transactions.map((writes) => writes.length),
      [3, MAX_BATCH],
    );
  });

  it('flush commits everything now, readying on this thread what still waits', () => {
    const { queue, transactions, write } = recordedQueue();
    let body: string | undefined;
    queue.add(
      write('record #1', { ready: () => body !== undefined, prepare: () => (body ??= 'deflated here') }),
    );
    queue.add(write('attempt #1'));
    queue.flush();
    assert.deepEqual(transactions, [['record #1', 'attempt #1']]);
    assert.equal(body, 'deflated here');
  });

  it('rejects those waiting on a batch that failed, with what failed; one nobody waited on fails the next flush', async (t) => {
    t.mock.timers.enable({ apis: ['setImmediate', 'setTimeout'] });
    let failing = true;
    const { queue, transactions, write } = recordedQueue(() => failing);
    queue.add(write('record #1'));
    const committed = queue.committed();
    t.mock.timers.tick(0);
    await assert.rejects(committed, /^Error: the delivery log could not be written: disk I\/O error$/);
    queue.add(write('finish #2'));
    t.mock.timers.tick(COMMIT_DELAY_MS);
    failing = false;
    assert.throws(() => queue.flush(), /could not be written: disk I\/O error/);
    queue.add(write('record #3'));
    queue.flush();
    assert.deepEqual(transactions, [['record #3']], 'the failed batches are not retried');
  });
});
