/**
 * @module delivery/retention
 * How long the delivery log keeps what it logged: the newest N deliveries, those younger than an age, or both
 * (whichever prunes more). A pruner deletes what falls out in small batches on a timer, never on a request's
 * path: one batch is one short transaction, and a backlog (e.g. after lowering the bound) is worked off batch
 * by batch with the event loop free in between.
 */
import { InputError } from '../core/errors.ts';
import type { DeliveryStore } from './store.ts';

export interface Retention {
  /** Keep at most this many deliveries (the newest). */
  keep?: number;
  /** Keep deliveries younger than this. */
  maxAgeMs?: number;
}

/** About 150 MB of db at ~1.5 KB a delivery: bounded, and more than any test suite looks back at. */
export const DEFAULT_RETENTION: Retention = { keep: 100_000 };

const AGE_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const RETENTION_FORMAT =
  'a number of deliveries (e.g. 100000), an age with m, h or d (e.g. 7d, 12h), or both separated by a comma (7d,100000)';

/** `100000`, `7d`, `12h`, `30m`, or `7d,100000`. */
export function parseRetention(field: string, text: string): Retention {
  const retention: Retention = {};
  for (const part of text.split(',').map((p) => p.trim())) {
    const count = /^\d+$/.exec(part);
    const age = /^(\d+)(m|h|d)$/.exec(part);
    if (count && Number(part) >= 1 && retention.keep === undefined) {
      retention.keep = Number(part);
    } else if (age && Number(age[1]) >= 1 && retention.maxAgeMs === undefined) {
      retention.maxAgeMs = Number(age[1]) * AGE_UNIT_MS[age[2] as keyof typeof AGE_UNIT_MS];
    } else {
      throw new InputError(field, `${field} '${text}' is not understood; accepted: ${RETENTION_FORMAT}`);
    }
  }
  return retention;
}

/** `the newest 100000 deliveries younger than 7d`, for the start-up line. */
export function describeRetention({ keep, maxAgeMs }: Retention): string {
  const newest = keep === undefined ? 'deliveries' : `the newest ${keep} deliveries`;
  if (maxAgeMs === undefined) return newest;
  const [unit, unitMs] = (['d', 'h', 'm'] as const)
    .map((u) => [u, AGE_UNIT_MS[u]] as const)
    .find(([, ms]) => maxAgeMs % ms === 0) ?? ['m', AGE_UNIT_MS.m];
  return `${newest} younger than ${maxAgeMs / unitMs}${unit}`;
}

export interface PrunerOptions {
  store: DeliveryStore;
  retention: Retention;
  /** Between checks when nothing is left to prune. */
  intervalMs?: number;
  /** Deliveries deleted per transaction. */
  batch?: number;
  now?: () => Date;
  /** Called after a pass that pruned something (for a log line). */
  onPruned?: (count: number) => void;
}

export interface Pruner {
  stop(): void;
}

const PRUNER_DEFAULTS = { intervalMs: 1_000, batch: 500, now: () => new Date() };

export function startPruner(options: PrunerOptions): Pruner {
  const { store, retention, intervalMs, batch, now, onPruned } = { ...PRUNER_DEFAULTS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let passTotal = 0;

  // unref: a pruner alone never keeps the process alive
  const arm = (ms: number) => {
    timer = setTimeout(pruneOnce, ms);
    timer.unref();
  };

  function pruneOnce(): void {
    timer = undefined;
    if (stopped) return;
    const before =
      retention.maxAgeMs === undefined ? undefined : new Date(now().getTime() - retention.maxAgeMs);
    const pruned = store.prune({
      ...(retention.keep === undefined ? {} : { keep: retention.keep }),
      ...(before === undefined ? {} : { before }),
      batch,
    });
    passTotal += pruned;
    // a full batch means more is waiting: go on at once, but as a new macrotask so requests get their turn
    if (pruned === batch) {
      arm(0);
      return;
    }
    if (passTotal > 0) onPruned?.(passTotal);
    passTotal = 0;
    arm(intervalMs);
  }

  arm(0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
