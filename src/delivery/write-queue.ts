/**
 * @module delivery/write-queue
 * Batches the delivery log's hot writes into few transactions: what is queued is committed at the end of the
 * turn of the event loop in which someone waits for it (`committed()`), or once the queue holds MAX_BATCH
 * writes, and otherwise within COMMIT_DELAY_MS — so writes nobody waits for (an attempt's outcome) share one
 * transaction with many others, and each commit writes its pages to the WAL once for all of them. A write may
 * wait for something (its body, compressed on a worker thread); the queue then commits the writes before it
 * once someone waits for them, and the rest when it is ready — the worker answers in order, so the head is
 * always the next to be ready. `committed()` resolves once everything queued before the call is in; `flush()`
 * commits everything now, readying on this thread whatever still waits.
 */

export interface QueuedWrite {
  run(): void;
  /** False while the write waits for something; absent: always ready. */
  ready?(): boolean;
  /** Readies the write now, on this thread (a flush cannot wait). */
  prepare?(): void;
}

export interface WriteQueue {
  add(write: QueuedWrite): void;
  /** Tells the queue a waiting write may be ready now. */
  wake(): void;
  committed(): Promise<void>;
  flush(): void;
}

interface Waiter {
  /** Resolved once this many writes are committed. */
  upTo: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The longest a write nobody waits for stays uncommitted (what a `kill -9` can cost it: see the store). */
export const COMMIT_DELAY_MS = 20;
/** A queue this long is committed at the end of the turn, waited for or not. */
export const MAX_BATCH = 512;

/** `commit` runs the writes in one transaction (and throws if it fails: none of them is then in). */
export function createWriteQueue(commit: (writes: QueuedWrite[]) => void): WriteQueue {
  const queue: QueuedWrite[] = [];
  let queued = 0;
  let done = 0;
  let waiters: Waiter[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let delayed: NodeJS.Timeout | undefined;
  /** A background batch that failed with nobody waiting on it: the next flush reports it. */
  let unreported: Error | undefined;

  function commitFirst(count: number): void {
    if (count === 0) return;
    const writes = queue.splice(0, count);
    done += count;
    try {
      commit(writes);
    } catch (error) {
      const failure = new Error(`the delivery log could not be written: ${(error as Error).message}`);
      // every waiter waits for these writes too
      for (const waiter of waiters.splice(0)) waiter.reject(failure);
      throw failure;
    }
    const still: Waiter[] = [];
    for (const waiter of waiters) {
      if (waiter.upTo <= done) waiter.resolve();
      else still.push(waiter);
    }
    waiters = still;
  }

  function readyHead(): number {
    let count = 0;
    while (count < queue.length && ((queue[count] as QueuedWrite).ready?.() ?? true)) count++;
    return count;
  }

  function background(): void {
    if (scheduled) clearImmediate(scheduled);
    if (delayed) clearTimeout(delayed);
    scheduled = undefined;
    delayed = undefined;
    const ready = readyHead();
    // all of it, or as much as someone waits for; a part nobody waits for rides with the next batch
    const wanted = ready === queue.length || waiters.some((waiter) => waiter.upTo <= done + ready);
    if (!wanted) return;
    const watched = waiters.length > 0;
    try {
      commitFirst(ready);
    } catch (error) {
      if (!watched) unreported ??= error as Error;
    }
  }

  /** At the end of this turn when someone waits or the queue is long; otherwise within COMMIT_DELAY_MS. */
  const schedule = () => {
    if (waiters.length > 0 || queue.length >= MAX_BATCH) scheduled ??= setImmediate(background);
    else delayed ??= setTimeout(background, COMMIT_DELAY_MS);
  };

  return {
    add(write) {
      queue.push(write);
      queued++;
      schedule();
    },
    wake: schedule,
    committed() {
      if (done === queued) return Promise.resolve();
      const waited = new Promise<void>((resolve, reject) => waiters.push({ upTo: queued, resolve, reject }));
      schedule();
      return waited;
    },
    flush() {
      if (scheduled) clearImmediate(scheduled);
      if (delayed) clearTimeout(delayed);
      scheduled = undefined;
      delayed = undefined;
      for (const write of queue) write.prepare?.();
      const earlier = unreported;
      unreported = undefined;
      commitFirst(queue.length);
      if (earlier) throw earlier;
    },
  };
}
