/**
 * @module api/run-book
 * The in-memory book of one kind of background run (load runs, probe runs): a run is added while it runs,
 * settled once — done or failed — and then kept among the latest `keepFinished` finished ones; subscribers
 * hear of every change, so the dashboard can follow a run live.
 */
import { createListeners } from '../core/listeners.ts';

export interface BackgroundRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  finishedAt: string | null;
  error: string | null;
}

export interface RunBook<R extends BackgroundRun> {
  readonly keepFinished: number;
  /** The runs still running, oldest first (for a limit on how many run at once). */
  running(): R[];
  /** Books a run that has started, and settles it with `work`: `onDone` with its result, or failed. */
  track<T>(record: R, work: Promise<T>, onDone: (result: T, record: R) => void): R;
  /** Tells subscribers that `record` changed while it runs. */
  changed(record: R): void;
  get(id: string): R | undefined;
  /** Newest first. */
  list(): R[];
  subscribe(listener: (run: R) => void): () => void;
}

export function createRunBook<R extends BackgroundRun>(keepFinished: number): RunBook<R> {
  const runs = new Map<string, R>();
  const changes = createListeners<R>();

  function forgetOldRuns(): void {
    const finished = [...runs.values()].filter((r) => r.status !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - keepFinished))) runs.delete(old.id);
  }

  return {
    keepFinished,
    running: () => [...runs.values()].filter((r) => r.status === 'running'),
    track(record, work, onDone) {
      runs.set(record.id, record);
      work
        .then((result) => {
          onDone(result, record);
          record.status = 'done';
        })
        .catch((error: unknown) => {
          record.status = 'failed';
          record.error = error instanceof Error ? error.message : String(error);
        })
        .finally(() => {
          record.finishedAt = new Date().toISOString();
          forgetOldRuns();
          changes.notify(record);
        });
      return record;
    },
    changed: (record) => changes.notify(record),
    get: (id) => runs.get(id),
    list: () => [...runs.values()].reverse(),
    subscribe: (listener) => changes.subscribe(listener),
  };
}
