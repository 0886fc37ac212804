/**
 * @module delivery/store
 * The durable delivery log and schedule table, in SQLite (better-sqlite3). Every attempt is written before it
 * runs and again when it ends, so a crash loses nothing accepted; opening the store marks what was in flight
 * at a crash as `interrupted`. Bodies are stored compressed (body-codec); old deliveries are pruned in small
 * batches by `prune` (see retention). The schema carries its version in `PRAGMA user_version`, and a db written
 * by an older version is migrated forward when opened.
 *
 * The hot writes — a delivery recorded, an attempt started or ended — are queued and committed together, one
 * transaction per turn of the event loop (`committed()` resolves once they are in; the deliverer awaits it
 * before it sends). Every other call, reads included, commits the queue first, so it sees every write made
 * before it. A delivery's body is compressed on the body compressor's worker thread (body-compressor), and its
 * record waits in the queue for it: compression does not run on the event loop.
 * Ids are handed out here, not by SQLite, so a queued delivery has its id at once: one store per db file
 * (db-lock makes sure of it).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AttemptErrorKind, AttemptOutcome } from './attempt-outcome.ts';
import { type BodyEncoding, decodeBody, encodeBody, type StoredBody } from './body-codec.ts';
import { compressBody } from './body-compressor.ts';
import type { NewDelivery, ScheduleSpec } from './model.ts';
import { createWriteQueue, type QueuedWrite } from './write-queue.ts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'interrupted'] as const;
/** `pending` while attempts run or a retry waits; the others are final. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type AttemptStatus = 'in_flight' | 'ok' | 'failed' | 'interrupted';
export const SCHEDULE_STATUSES = ['active', 'paused', 'done'] as const;
/** `done` once a schedule has sent its `limit`. */
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export interface AttemptError {
  kind: AttemptErrorKind;
  message: string;
}

export interface DeliverySummary {
  id: number;
  status: DeliveryStatus;
  target: string;
  tag: string | null;
  format: string | null;
  trigger: string | null;
  state: string | null;
  seed: number | null;
  scheduleId: number | null;
  replayOf: number | null;
  /** The delivery fault that shaped this delivery (null: none). */
  fault: string | null;
  /** The delivery this faulted one derives from. */
  faultOf: number | null;
  attemptCount: number;
  /** The last attempt's HTTP status, latency and error. */
  httpStatus: number | null;
  latencyMs: number | null;
  error: AttemptError | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface AttemptRecord {
  number: number;
  status: AttemptStatus;
  httpStatus: number | null;
  latencyMs: number | null;
  responseSnippet: string | null;
  error: AttemptError | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface DeliveryDetail extends DeliverySummary {
  request: { contentType: string; headers: Record<string, string>; body: string };
  attempts: AttemptRecord[];
}

/** A delivery without its request: what an emit answers. */
export type DeliveryOutcome = Omit<DeliveryDetail, 'request'>;

export interface DeliveryFilter {
  scheduleId?: number;
  status?: DeliveryStatus;
  tag?: string;
  /** Only deliveries whose target URL contains this text. */
  targetContains?: string;
  limit: number;
  /** Only deliveries with a smaller id (the previous page's last id): newest first. */
  before?: number;
}

export interface ScheduleRecord {
  id: number;
  name: string | null;
  status: ScheduleStatus;
  spec: ScheduleSpec;
  createdAt: string;
  updatedAt: string;
  lastRunAt: string | null;
}

export interface ScheduleChanges {
  status?: ScheduleStatus;
  spec?: ScheduleSpec;
  lastRunAt?: string;
}

export interface RecoveryCounts {
  deliveries: number;
  attempts: number;
}

export interface DeliveryStore {
  /** What opening the store found in flight and marked `interrupted`. */
  readonly recovered: RecoveryCounts;
  /**
   * Queues the delivery's record; it is committed once its body is compressed (off the event loop). With `body`
   * (from encodeBody) it waits for nothing.
   */
  insertDelivery(delivery: NewDelivery, body?: StoredBody): number;
  /**
   * The body as it is stored, compressed off the event loop. A record queued with it is ready at once, so a
   * flush (the server's, before it answers) never has to deflate it on the event loop.
   */
  encodeBody(body: string): Promise<StoredBody>;
  /**
   * Records the delivery and its first attempt (in flight) in one transaction; `body`, when given, is its body as
   * the log stores it (already encoded elsewhere).
   */
  insertDeliveryWithAttempt(delivery: NewDelivery, body?: StoredBody): { id: number; attemptId: number };
  startAttempt(deliveryId: number, number: number): number;
  /**
   * Records how an attempt ended and, with `final`, how the delivery ended, in one transaction. With `final`,
   * returns the delivery as it ended (kept in memory while it ran: nothing is read back), when this store
   * recorded it.
   */
  finishAttempt(
    attemptId: number,
    outcome: AttemptOutcome,
    final?: { deliveryId: number; status: Exclude<DeliveryStatus, 'pending'> },
  ): DeliveryOutcome | undefined;
  finishDelivery(deliveryId: number, status: Exclude<DeliveryStatus, 'pending'>): void;
  /** Resolves once every write made so far is committed; rejects if the transaction that held them failed. */
  committed(): Promise<void>;
  /** Commits the queued writes now (a server does before it answers: what it answered survives `kill -9`). */
  flush(): void;
  getDelivery(id: number): DeliveryDetail | undefined;
  /** A delivery without its request (no body to decompress): what an emit answers. */
  getOutcome(id: number): DeliveryOutcome | undefined;
  listDeliveries(filter: DeliveryFilter): DeliverySummary[];
  /** How many deliveries a schedule has made (kept on the schedule: pruning the log does not lower it). */
  countDeliveries(scheduleId: number): number;
  /**
   * Deletes up to `batch` of the oldest finished deliveries (with their attempts) that are beyond `keep`
   * deliveries or created before `before`; returns how many went. Pending ones are never pruned.
   */
  prune(options: PruneOptions): number;
  /** Marks unfinished deliveries and attempts `interrupted`; run at open and after a bounded shutdown. */
  markInterrupted(): RecoveryCounts;
  insertSchedule(schedule: {
    name: string | null;
    status: ScheduleStatus;
    spec: ScheduleSpec;
  }): ScheduleRecord;
  updateSchedule(id: number, changes: ScheduleChanges): ScheduleRecord | undefined;
  getSchedule(id: number): ScheduleRecord | undefined;
  findScheduleByName(name: string): ScheduleRecord | undefined;
  listSchedules(): ScheduleRecord[];
  deleteSchedule(id: number): boolean;
  /**
   * Writes (or rewrites) a record of CI's job API (src/ci-api): a job or a workflow run, as JSON, so that what was
   * accepted survives a restart.
   */
  saveCiRecord(record: CiRecord): void;
  /** Every CI record of a kind, oldest first. */
  listCiRecords(kind: CiRecordKind): CiRecord[];
  /** Deletes a kind's oldest records beyond the newest `keep`; returns how many went. */
  pruneCiRecords(kind: CiRecordKind, keep: number): number;
  close(): void;
}

export type CiRecordKind = 'job' | 'run';

/** A job or workflow run of CI's job API: its id, when it was created (ISO) and its JSON document. */
export interface CiRecord {
  kind: CiRecordKind;
  id: string;
  createdAt: string;
  doc: string;
}

type FinalStatus = { deliveryId: number; status: Exclude<DeliveryStatus, 'pending'> };

export interface PruneOptions {
  keep?: number;
  before?: Date;
  batch: number;
}

export interface DeliveryStoreOptions {
  /** A file path (its directory is created), or `:memory:`. */
  path: string;
  now?: () => Date;
}

/** The jobs and workflow runs of CI's job API (src/ci-api), one JSON document each. */
const CI_RECORDS = `CREATE TABLE IF NOT EXISTS ci_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (kind, id)
);`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schedules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  status TEXT NOT NULL,
  spec TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_run_at TEXT,
  sent INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  status TEXT NOT NULL,
  target TEXT NOT NULL,
  content_type TEXT NOT NULL,
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  body_encoding TEXT,
  tag TEXT,
  format TEXT,
  trigger TEXT,
  state TEXT,
  seed INTEGER,
  schedule_id INTEGER,
  replay_of INTEGER,
  fault TEXT,
  fault_of INTEGER,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  last_http_status INTEGER,
  last_latency_ms REAL,
  last_error_kind TEXT,
  last_error_message TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_by_schedule ON deliveries (schedule_id, id);
CREATE INDEX IF NOT EXISTS deliveries_by_status ON deliveries (status, id);
CREATE INDEX IF NOT EXISTS deliveries_by_tag ON deliveries (tag, id);
CREATE TABLE IF NOT EXISTS attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  http_status INTEGER,
  latency_ms REAL,
  response_snippet TEXT,
  error_kind TEXT,
  error_message TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS attempts_by_delivery ON attempts (delivery_id, number);
${CI_RECORDS}
`;

/**
 * 0: the first schema (text bodies, schedules counted by their deliveries). 1: compressed bodies, `sent`.
 * 2: `fault` and `fault_of`, the delivery fault that shaped a delivery and the one it derives from.
 * 3: `ci_records`, the jobs and workflow runs of CI's job API. 4: bodies may be `deflate-d2` (no table changes:
 * the step exists so an older emitter, which cannot read them, refuses the db instead of failing on a body).
 */
export const SCHEMA_VERSION = 4;

/** Brings a db written by an older version up to SCHEMA_VERSION; each step runs once, in order. */
const MIGRATIONS: Record<number, string> = {
  1: `ALTER TABLE deliveries ADD COLUMN body_encoding TEXT;
      ALTER TABLE schedules ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
      UPDATE schedules SET sent = (SELECT COUNT(*) FROM deliveries WHERE schedule_id = schedules.id);`,
  2: `ALTER TABLE deliveries ADD COLUMN fault TEXT;
      ALTER TABLE deliveries ADD COLUMN fault_of INTEGER;`,
  3: CI_RECORDS,
  4: '',
};

function openSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `it was written by a newer ci-callback-emitter (schema ${version}, this one knows up to ${SCHEMA_VERSION}); upgrade, or give another --db`,
    );
  }
  const existing = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'`)
    .get();
  db.transaction(() => {
    if (existing) {
      for (let step = version + 1; step <= SCHEMA_VERSION; step++) db.exec(MIGRATIONS[step] as string);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

interface DeliveryRow {
  id: number;
  status: DeliveryStatus;
  target: string;
  content_type: string;
  headers: string;
  body: Buffer | string;
  body_encoding: BodyEncoding | null;
  tag: string | null;
  format: string | null;
  trigger: string | null;
  state: string | null;
  seed: number | null;
  schedule_id: number | null;
  replay_of: number | null;
  fault: string | null;
  fault_of: number | null;
  attempt_count: number;
  last_http_status: number | null;
  last_latency_ms: number | null;
  last_error_kind: AttemptErrorKind | null;
  last_error_message: string | null;
  created_at: string;
  finished_at: string | null;
}

interface AttemptRow {
  number: number;
  status: AttemptStatus;
  http_status: number | null;
  latency_ms: number | null;
  response_snippet: string | null;
  error_kind: AttemptErrorKind | null;
  error_message: string | null;
  started_at: string;
  finished_at: string | null;
}

interface ScheduleRow {
  id: number;
  name: string | null;
  status: ScheduleStatus;
  spec: string;
  created_at: string;
  updated_at: string;
  last_run_at: string | null;
  sent: number;
}

const SUMMARY_COLUMNS = `id, status, target, content_type, tag, format, trigger, state, seed, schedule_id, replay_of,
  fault, fault_of, attempt_count, last_http_status, last_latency_ms, last_error_kind, last_error_message, created_at, finished_at`;

export function createDeliveryStore(options: DeliveryStoreOptions): DeliveryStore {
  const now = options.now ?? (() => new Date());
  const stamp = () => now().toISOString();
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  // WAL: a committed write survives the process being killed; readers never block the writer.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  openSchema(db);

  const statements = {
    insertDelivery:
      db.prepare(`INSERT INTO deliveries (id, status, target, content_type, headers, body, body_encoding,
        tag, format, trigger, state, seed, schedule_id, replay_of, fault, fault_of, created_at)
      VALUES (@id, 'pending', @target, @contentType, @headers, @body, @bodyEncoding, @tag, @format, @trigger, @state,
        @seed, @scheduleId, @replayOf, @fault, @faultOf, @createdAt)`),
    countSent: db.prepare('UPDATE schedules SET sent = sent + 1 WHERE id = ?'),
    insertAttempt: db.prepare(`INSERT INTO attempts (id, delivery_id, number, status, started_at)
      VALUES (?, ?, ?, 'in_flight', ?)`),
    countAttempt: db.prepare('UPDATE deliveries SET attempt_count = ? WHERE id = ?'),
    finishAttempt: db.prepare(`UPDATE attempts SET status = @status, http_status = @httpStatus,
      latency_ms = @latencyMs, response_snippet = @snippet, error_kind = @errorKind, error_message = @errorMessage,
      finished_at = @finishedAt WHERE id = @id`),
    lastAttempt:
      db.prepare(`UPDATE deliveries SET last_http_status = @httpStatus, last_latency_ms = @latencyMs,
      last_error_kind = @errorKind, last_error_message = @errorMessage
      WHERE id = (SELECT delivery_id FROM attempts WHERE id = @id)`),
    finishDelivery: db.prepare(
      `UPDATE deliveries SET status = ?, finished_at = ? WHERE id = ? AND status = 'pending'`,
    ),
    // lastAttempt and finishDelivery in one statement, when the delivery's id is known
    lastAttemptAndFinish: db.prepare(`UPDATE deliveries SET last_http_status = @httpStatus,
      last_latency_ms = @latencyMs, last_error_kind = @errorKind, last_error_message = @errorMessage,
      status = iif(status = 'pending', @final, status),
      finished_at = iif(status = 'pending', @finishedAt, finished_at)
      WHERE id = @deliveryId`),
    getDelivery: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
    getSummary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`),
    attemptsOf: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number'),
    sentBySchedule: db.prepare('SELECT sent FROM schedules WHERE id = ?'),
    newestId: db.prepare('SELECT MAX(id) AS id FROM deliveries'),
    newestAttemptId: db.prepare('SELECT MAX(id) AS id FROM attempts'),
    sequence: db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?'),
    // the oldest rows, by the primary key: a prune looks at one batch and never scans the table
    oldest: db.prepare(`SELECT id, created_at FROM deliveries WHERE id <= ? AND status != 'pending'
      ORDER BY id LIMIT ?`),
    pruneAttempts: db.prepare('DELETE FROM attempts WHERE delivery_id = ?'),
    pruneDelivery: db.prepare('DELETE FROM deliveries WHERE id = ?'),
    interruptAttempts: db.prepare(`UPDATE attempts SET status = 'interrupted', finished_at = ?
      WHERE status = 'in_flight'`),
    interruptDeliveries: db.prepare(`UPDATE deliveries SET status = 'interrupted', finished_at = ?
      WHERE status = 'pending'`),
    insertSchedule: db.prepare(`INSERT INTO schedules (name, status, spec, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?)`),
    getSchedule: db.prepare('SELECT * FROM schedules WHERE id = ?'),
    scheduleByName: db.prepare('SELECT * FROM schedules WHERE name = ?'),
    listSchedules: db.prepare('SELECT * FROM schedules ORDER BY id'),
    deleteSchedule: db.prepare('DELETE FROM schedules WHERE id = ?'),
    saveCiRecord:
      db.prepare(`INSERT INTO ci_records (kind, id, created_at, doc) VALUES (@kind, @id, @createdAt, @doc)
      ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc`),
    listCiRecords: db.prepare(
      'SELECT kind, id, created_at AS createdAt, doc FROM ci_records WHERE kind = ? ORDER BY seq',
    ),
    pruneCiRecords: db.prepare(`DELETE FROM ci_records WHERE kind = @kind AND seq <= (
      SELECT seq FROM ci_records WHERE kind = @kind ORDER BY seq DESC LIMIT 1 OFFSET @keep)`),
  };

  // --- the write queue: hot writes wait here for the next transaction (see the module's comment)
  const writes = createWriteQueue(
    db.transaction((queued: QueuedWrite[]) => {
      for (const write of queued) write.run();
    }),
  );
  const flush = () => writes.flush();
  const enqueue = (run: () => void) => writes.add({ run });

  /** Runs `read` on a db that holds every write made so far. */
  const fresh =
    <A extends unknown[], R>(read: (...args: A) => R) =>
    (...args: A): R => {
      flush();
      return read(...args);
    };

  // --- ids: handed out here, so a queued row has its id at once (AUTOINCREMENT never reuses one)
  const lastId = (table: string, max: { id: number | null }) =>
    Math.max((statements.sequence.get(table) as { seq: number } | undefined)?.seq ?? 0, max.id ?? 0);
  let lastDeliveryId = lastId('deliveries', statements.newestId.get() as { id: number | null });
  let lastAttemptId = lastId('attempts', statements.newestAttemptId.get() as { id: number | null });

  // --- what runs now, in memory: a delivery's outcome is answered from here, not read back from the db
  const live = new Map<number, DeliveryOutcome>();
  const attemptsRunning = new Map<number, { deliveryId: number; record: AttemptRecord }>();

  /** Ends a live delivery (as finishDelivery does: only a pending one) and hands it over: no longer kept here. */
  function settle(
    deliveryId: number,
    status: Exclude<DeliveryStatus, 'pending'>,
    at: string,
  ): DeliveryOutcome | undefined {
    const outcome = live.get(deliveryId);
    if (!outcome) return undefined;
    live.delete(deliveryId);
    if (outcome.status === 'pending') Object.assign(outcome, { status, finishedAt: at });
    return outcome;
  }

  // --- bodies: compressed on the body compressor's worker thread; a record waits for its body in the queue
  /** The body as stored, deflated on the worker, or here when the worker cannot run (the same bytes). */
  const encodeOffThread = (text: string): Promise<StoredBody> =>
    compressBody(text).catch(() => encodeBody(text));

  function compressed(text: string): { stored(): StoredBody; ready(): boolean; prepare(): void } {
    let stored: StoredBody | undefined;
    encodeOffThread(text).then((result) => {
      stored ??= result;
      writes.wake();
    });
    return {
      stored: () => stored as StoredBody,
      ready: () => stored !== undefined,
      prepare: () => {
        stored ??= encodeBody(text);
      },
    };
  }

  function insertDelivery(delivery: NewDelivery, encoded?: StoredBody): number {
    const id = ++lastDeliveryId;
    const row = {
      ...delivery,
      id,
      fault: delivery.fault ?? null,
      faultOf: delivery.faultOf ?? null,
      headers: JSON.stringify(delivery.headers),
      createdAt: stamp(),
    };
    const body = encoded ? { stored: () => encoded } : compressed(delivery.body);
    writes.add({
      ...('ready' in body ? { ready: body.ready, prepare: body.prepare } : {}),
      run() {
        const { data, encoding } = body.stored();
        statements.insertDelivery.run({ ...row, body: data, bodyEncoding: encoding });
        // a faulted extra (it derives from another delivery) is not one of the schedule's runs: it does not
        // count towards its limit; a run's callbacks sent in another order (fault reorder/…) do
        if (delivery.scheduleId !== null && !delivery.faultOf) statements.countSent.run(delivery.scheduleId);
      },
    });
    live.set(id, {
      id,
      status: 'pending',
      target: delivery.target,
      tag: delivery.tag,
      format: delivery.format,
      trigger: delivery.trigger,
      state: delivery.state,
      seed: delivery.seed,
      scheduleId: delivery.scheduleId,
      replayOf: delivery.replayOf,
      fault: row.fault,
      faultOf: row.faultOf,
      attemptCount: 0,
      httpStatus: null,
      latencyMs: null,
      error: null,
      createdAt: row.createdAt,
      finishedAt: null,
      attempts: [],
    });
    return id;
  }

  function startAttempt(deliveryId: number, number: number): number {
    const id = ++lastAttemptId;
    const startedAt = stamp();
    enqueue(() => {
      statements.insertAttempt.run(id, deliveryId, number, startedAt);
      statements.countAttempt.run(number, deliveryId);
    });
    const outcome = live.get(deliveryId);
    if (outcome) {
      const record: AttemptRecord = {
        number,
        status: 'in_flight',
        httpStatus: null,
        latencyMs: null,
        responseSnippet: null,
        error: null,
        startedAt,
        finishedAt: null,
      };
      outcome.attemptCount = number;
      outcome.attempts.push(record);
      attemptsRunning.set(id, { deliveryId, record });
    }
    return id;
  }

  function finishAttempt(
    attemptId: number,
    outcome: AttemptOutcome,
    final?: FinalStatus,
  ): DeliveryOutcome | undefined {
    const values = {
      id: attemptId,
      status: outcome.ok ? ('ok' as const) : ('failed' as const),
      httpStatus: outcome.status ?? null,
      latencyMs: Math.round(outcome.latencyMs * 10) / 10,
      snippet: outcome.responseSnippet ?? null,
      errorKind: outcome.error?.kind ?? null,
      errorMessage: outcome.error?.message ?? null,
      finishedAt: stamp(),
    };
    const running = attemptsRunning.get(attemptId);
    enqueue(() => {
      statements.finishAttempt.run(values);
      if (final)
        statements.lastAttemptAndFinish.run({ ...values, final: final.status, deliveryId: final.deliveryId });
      else statements.lastAttempt.run(values);
    });
    attemptsRunning.delete(attemptId);
    const delivery = running && live.get(running.deliveryId);
    if (running && delivery) {
      const error = toError(values.errorKind, values.errorMessage);
      Object.assign(running.record, {
        status: values.status,
        httpStatus: values.httpStatus,
        latencyMs: values.latencyMs,
        responseSnippet: values.snippet,
        error,
        finishedAt: values.finishedAt,
      });
      Object.assign(delivery, { httpStatus: values.httpStatus, latencyMs: values.latencyMs, error });
    }
    return final ? settle(final.deliveryId, final.status, values.finishedAt) : undefined;
  }

  const markInterrupted = db.transaction((): RecoveryCounts => {
    const at = stamp();
    const attempts = statements.interruptAttempts.run(at).changes;
    const deliveries = statements.interruptDeliveries.run(at).changes;
    live.clear();
    attemptsRunning.clear();
    return { deliveries, attempts };
  });

  const getOutcome = (id: number): DeliveryOutcome | undefined => {
    const running = live.get(id);
    if (running) return { ...running, attempts: running.attempts.map((a) => ({ ...a })) };
    flush();
    const row = statements.getSummary.get(id) as DeliveryRow | undefined;
    if (!row) return undefined;
    return { ...toSummary(row), attempts: (statements.attemptsOf.all(id) as AttemptRow[]).map(toAttempt) };
  };

  const prune = db.transaction(({ keep, before, batch }: PruneOptions): number => {
    if (keep === undefined && before === undefined) return 0;
    const newest = (statements.newestId.get() as { id: number | null }).id ?? 0;
    const beyondCount = keep === undefined ? 0 : newest - keep;
    // ISO-8601 stamps in UTC sort as text
    const cutoff = before?.toISOString();
    const upTo = cutoff === undefined ? beyondCount : newest;
    const rows = statements.oldest.all(upTo, batch) as Pick<DeliveryRow, 'id' | 'created_at'>[];
    let pruned = 0;
    for (const row of rows) {
      const old = row.id <= beyondCount || (cutoff !== undefined && row.created_at < cutoff);
      // ids grow with time: once a row is neither beyond the count nor too old, no later one is
      if (!old) break;
      statements.pruneAttempts.run(row.id);
      statements.pruneDelivery.run(row.id);
      pruned++;
    }
    return pruned;
  });

  const getSchedule = (id: number): ScheduleRecord | undefined => {
    const row = statements.getSchedule.get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  };

  const recovered = markInterrupted();

  const getDelivery = (id: number): DeliveryDetail | undefined => {
    const row = statements.getDelivery.get(id) as DeliveryRow | undefined;
    if (!row) return undefined;
    const attempts = (statements.attemptsOf.all(id) as AttemptRow[]).map(toAttempt);
    return {
      ...toSummary(row),
      request: {
        contentType: row.content_type,
        headers: JSON.parse(row.headers),
        body: decodeBody({ data: row.body, encoding: row.body_encoding }),
      },
      attempts,
    };
  };

  const listDeliveries = (filter: DeliveryFilter): DeliverySummary[] => {
    const conditions: [sql: string, value: string | number | undefined][] = [
      ['schedule_id = ?', filter.scheduleId],
      ['status = ?', filter.status],
      ['tag = ?', filter.tag],
      ['instr(target, ?) > 0', filter.targetContains],
      ['id < ?', filter.before],
    ];
    const given = conditions.filter(([, value]) => value !== undefined);
    const where = given.map(([sql]) => sql);
    const params = given.map(([, value]) => value as string | number);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${clause} ORDER BY id DESC LIMIT ?`;
    return (db.prepare(sql).all(...params, filter.limit) as DeliveryRow[]).map(toSummary);
  };

  const updateSchedule = (id: number, changes: ScheduleChanges): ScheduleRecord | undefined => {
    const sets: string[] = ['updated_at = @updatedAt'];
    if (changes.status !== undefined) sets.push('status = @status');
    if (changes.spec !== undefined) sets.push('spec = @spec');
    if (changes.lastRunAt !== undefined) sets.push('last_run_at = @lastRunAt');
    db.prepare(`UPDATE schedules SET ${sets.join(', ')} WHERE id = @id`).run({
      id,
      updatedAt: stamp(),
      status: changes.status ?? null,
      spec: changes.spec ? JSON.stringify(changes.spec) : null,
      lastRunAt: changes.lastRunAt ?? null,
    });
    return getSchedule(id);
  };

  return {
    recovered,
    // the hot writes: queued
    insertDelivery,
    encodeBody: encodeOffThread,
    insertDeliveryWithAttempt: (delivery, body) => {
      const id = insertDelivery(delivery, body);
      return { id, attemptId: startAttempt(id, 1) };
    },
    startAttempt,
    finishAttempt,
    finishDelivery(deliveryId, status) {
      const at = stamp();
      enqueue(() => statements.finishDelivery.run(status, at, deliveryId));
      settle(deliveryId, status, at);
    },
    committed: () => writes.committed(),
    flush,
    getOutcome,
    // everything else: after the queue is committed
    getDelivery: fresh(getDelivery),
    listDeliveries: fresh(listDeliveries),
    countDeliveries: fresh(
      (scheduleId: number) =>
        (statements.sentBySchedule.get(scheduleId) as { sent: number } | undefined)?.sent ?? 0,
    ),
    prune: fresh((options: PruneOptions) => prune(options)),
    markInterrupted: fresh(() => markInterrupted()),
    insertSchedule: fresh(({ name, status, spec }) => {
      const at = stamp();
      const { lastInsertRowid } = statements.insertSchedule.run(name, status, JSON.stringify(spec), at, at);
      return getSchedule(Number(lastInsertRowid)) as ScheduleRecord;
    }),
    updateSchedule: fresh(updateSchedule),
    getSchedule: fresh(getSchedule),
    findScheduleByName: fresh((name: string) => {
      const row = statements.scheduleByName.get(name) as ScheduleRow | undefined;
      return row && toSchedule(row);
    }),
    listSchedules: fresh(() => (statements.listSchedules.all() as ScheduleRow[]).map(toSchedule)),
    deleteSchedule: fresh((id: number) => statements.deleteSchedule.run(id).changes > 0),
    saveCiRecord: fresh((record: CiRecord) => {
      statements.saveCiRecord.run(record);
    }),
    listCiRecords: fresh((kind: CiRecordKind) => statements.listCiRecords.all(kind) as CiRecord[]),
    pruneCiRecords: fresh(
      (kind: CiRecordKind, keep: number) => statements.pruneCiRecords.run({ kind, keep }).changes,
    ),
    close() {
      if (!db.open) return;
      try {
        flush();
      } finally {
        db.close();
      }
    },
  };
}

function toError(kind: AttemptErrorKind | null, message: string | null): AttemptError | null {
  return kind ? { kind, message: message ?? '' } : null;
}

function toSummary(row: DeliveryRow): DeliverySummary {
  return {
    id: row.id,
    status: row.status,
    target: row.target,
    tag: row.tag,
    format: row.format,
    trigger: row.trigger,
    state: row.state,
    seed: row.seed,
    scheduleId: row.schedule_id,
    replayOf: row.replay_of,
    fault: row.fault,
    faultOf: row.fault_of,
    attemptCount: row.attempt_count,
    httpStatus: row.last_http_status,
    latencyMs: row.last_latency_ms,
    error: toError(row.last_error_kind, row.last_error_message),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    number: row.number,
    status: row.status,
    httpStatus: row.http_status,
    latencyMs: row.latency_ms,
    responseSnippet: row.response_snippet,
    error: toError(row.error_kind, row.error_message),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toSchedule(row: ScheduleRow): ScheduleRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    spec: JSON.parse(row.spec) as ScheduleSpec,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRunAt: row.last_run_at,
  };
}
