/**
 * @module load/recorder
 * Counts and histograms for one load run. Every finished request is a sample; those that started in the
 * measured window (after the warm-up) go into HDR histograms — overall, per Tag and per second — and the counts
 * the report is built from. Those due in the warm-up go into a tally of their own, which the report shows apart
 * and no measured figure includes. Latencies are kept in microseconds.
 */
import { build, type Histogram } from 'hdr-histogram-js';
import { ERROR_KINDS, type ErrorKind } from './http-sender.ts';

export interface Sample {
  tag: string;
  /**
   * When the request was due, on the engine's clock (ms): its place in the open model's schedule, or when a
   * closed-model worker started it. Latency is measured from here, so waiting to be sent counts.
   */
  intendedAt: number;
  /** When it was written to a socket; NaN when it never was (e.g. the connection failed). */
  sentAt: number;
  doneAt: number;
  /** 0 when `error` is set. */
  status: number;
  error: ErrorKind | undefined;
}

export interface RecorderOptions {
  /** The measured window on the engine's clock: samples due before `windowStart` are warm-up. */
  windowStart: number;
  windowEnd: number;
  tags: readonly string[];
}

/** Counts for a set of requests: the whole run, one Tag, or one second. */
export interface Tally {
  requests: number;
  /** Requests that got an HTTP response, whatever its status. */
  responses: number;
  /** Requests without a 2xx response: a non-2xx status or a transport error. */
  failures: number;
  latency: Histogram;
}

export interface SecondTally extends Tally {
  /** Responses that arrived during this second (throughput), whenever their request was due. */
  completed: number;
}

/**
 * Per-Tag histograms keep 2 significant digits (1%): with dozens of Tags, 3 digits would mean megabytes of
 * counters touched at random on every request, and the cache misses showed in the request rate.
 */
const TAG_DIGITS = 2;

function newHistogram(significantDigits: 2 | 3): Histogram {
  return build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: significantDigits });
}

function newTally(significantDigits: 2 | 3): Tally {
  return { requests: 0, responses: 0, failures: 0, latency: newHistogram(significantDigits) };
}

export class Recorder {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly total: Tally = newTally(3);
  readonly sendLag: Histogram = newHistogram(3);
  readonly statusCodes = new Map<number, number>();
  readonly errors: Record<ErrorKind, number> = Object.fromEntries(ERROR_KINDS.map((k) => [k, 0])) as Record<
    ErrorKind,
    number
  >;
  readonly byTag = new Map<string, Tally>();
  readonly timeline: SecondTally[] = [];
  /** Requests due in the warm-up: counted apart, in no measured figure. */
  readonly warmup: Tally = newTally(3);
  /** Responses that arrived inside the measured window: the achieved rate's numerator. */
  completedInWindow = 0;
  /** Responses that arrived before the measured window: the warm-up's rate. */
  completedInWarmup = 0;
  /** Every finished request, warm-up included, for progress lines. */
  finishedAll = 0;
  failedAll = 0;

  constructor(options: RecorderOptions) {
    this.windowStart = options.windowStart;
    this.windowEnd = options.windowEnd;
    for (const tag of options.tags) this.byTag.set(tag, newTally(TAG_DIGITS));
  }

  record(sample: Sample): void {
    const ok = sample.error === undefined && sample.status >= 200 && sample.status < 300;
    this.finishedAll++;
    if (!ok) this.failedAll++;
    // Throughput counts what arrived in the window, including answers to requests due in the warm-up.
    if (sample.error === undefined && sample.doneAt >= this.windowStart && sample.doneAt < this.windowEnd) {
      this.completedInWindow++;
      this.#second(sample.doneAt).completed++;
    } else if (sample.error === undefined && sample.doneAt < this.windowStart) {
      this.completedInWarmup++;
    }
    const latencyUs = Math.max(1, Math.round((sample.doneAt - sample.intendedAt) * 1000));
    if (sample.intendedAt < this.windowStart) {
      tallyInto(this.warmup, ok, sample, latencyUs);
      return;
    }

    const second = this.#second(sample.intendedAt);
    // Three calls rather than a loop over a fresh array: this runs once per request.
    tallyInto(this.total, ok, sample, latencyUs);
    tallyInto(this.#tagTally(sample.tag), ok, sample, latencyUs);
    tallyInto(second, ok, sample, latencyUs);
    if (!Number.isNaN(sample.sentAt)) {
      this.sendLag.recordValue(Math.max(1, Math.round((sample.sentAt - sample.intendedAt) * 1000)));
    }
    if (sample.error === undefined) {
      this.statusCodes.set(sample.status, (this.statusCodes.get(sample.status) ?? 0) + 1);
    } else {
      this.errors[sample.error]++;
    }
  }

  #tagTally(tag: string): Tally {
    let tally = this.byTag.get(tag);
    if (!tally) {
      tally = newTally(TAG_DIGITS);
      this.byTag.set(tag, tally);
    }
    return tally;
  }

  /** The per-second tally for a time in the window, created on first use (2 significant digits: it is a chart). */
  #second(at: number): SecondTally {
    const index = Math.max(0, Math.floor((at - this.windowStart) / 1000));
    while (this.timeline.length <= index) this.timeline.push({ ...newTally(2), completed: 0 });
    return this.timeline[index] as SecondTally;
  }
}

function tallyInto(tally: Tally, ok: boolean, sample: Sample, latencyUs: number): void {
  tally.requests++;
  if (!ok) tally.failures++;
  if (sample.error === undefined) {
    tally.responses++;
    tally.latency.recordValue(latencyUs);
  }
}
