/**
 * @module delivery/store
 * The durable delivery log and schedule table, in SQLite (better-sqlite3). Every attempt is written before it
 * runs and again when it ends, so a crash loses nothing accepted; opening the store marks what was in flight
 * at a crash as `interrupted`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AttemptErrorKind, AttemptOutcome } from './client.ts';
import type { ScheduleSpec } from './schedule-spec.ts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'interrupted'] as const;
/** `pending` while attempts run or a retry waits; the others are final. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type AttemptStatus = 'in_flight' | 'ok' | 'failed' | 'interrupted';
export const SCHEDULE_STATUSES = ['active', 'paused', 'done'] as const;
/** `done` once a schedule has sent its `limit`. */
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** A delivery as accepted, before its first attempt. */
export interface NewDelivery {
  target: string;
  body: string;
  contentType: string;
  /** The caller's extra headers (Content-Type and the attempt header are added when sending). */
  headers: Record<string, string>;
  tag: string | null;
  format: string | null;
  trigger: string | null;
  state: string | null;
  seed: number | null;
  scheduleId: number | null;
  /** The delivery this one replays. */
  replayOf: number | null;
  /** The delivery fault that shaped this one, e.g. `duplicate` or `malformed/cut-short`. */
  fault?: string | null;
  /** The delivery this faulted one derives from (`duplicate of #123`). */
  faultOf?: number | null;
}

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

export interface DeliveryFilter {
  scheduleId?: number;
  status?: DeliveryStatus;
  tag?: string;
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
  insertDelivery(delivery: NewDelivery): number;
  startAttempt(deliveryId: number, number: number): number;
  finishAttempt(attemptId: number, outcome: AttemptOutcome): void;
  finishDelivery(deliveryId: number, status: Exclude<DeliveryStatus, 'pending'>): void;
  getDelivery(id: number): DeliveryDetail | undefined;
  listDeliveries(filter: DeliveryFilter): DeliverySummary[];
  countDeliveries(scheduleId: number): number;
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
  close(): void;
}

export interface DeliveryStoreOptions {
  /** A file path (its directory is created), or `:memory:`. */
  path: string;
  now?: () => Date;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schedules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  status TEXT NOT NULL,
  spec TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_run_at TEXT
);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  status TEXT NOT NULL,
  target TEXT NOT NULL,
  content_type TEXT NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  tag TEXT,
  format TEXT,
  trigger TEXT,
  state TEXT,
  seed INTEGER,
  schedule_id INTEGER,
  replay_of INTEGER,
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
`;

/** Columns added after the first release: added to an older log when it is opened (nullable, so additive). */
const ADDED_DELIVERY_COLUMNS = [
  ['fault', 'TEXT'],
  ['fault_of', 'INTEGER'],
] as const;

function addMissingColumns(db: Database.Database): void {
  const present = new Set(
    (db.prepare('PRAGMA table_info(deliveries)').all() as { name: string }[]).map((column) => column.name),
  );
  for (const [name, type] of ADDED_DELIVERY_COLUMNS) {
    if (!present.has(name)) db.exec(`ALTER TABLE deliveries ADD COLUMN ${name} ${type}`);
  }
}

interface DeliveryRow {
  id: number;
  status: DeliveryStatus;
  target: string;
  content_type: string;
  headers: string;
  body: string;
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
  db.exec(SCHEMA);
  addMissingColumns(db);

  const statements = {
    insertDelivery: db.prepare(`INSERT INTO deliveries
      (status, target, content_type, headers, body, tag, format, trigger, state, seed, schedule_id, replay_of, fault,
        fault_of, created_at)
      VALUES ('pending', @target, @contentType, @headers, @body, @tag, @format, @trigger, @state, @seed, @scheduleId,
        @replayOf, @fault, @faultOf, @createdAt)`),
    insertAttempt: db.prepare(`INSERT INTO attempts (delivery_id, number, status, started_at)
      VALUES (?, ?, 'in_flight', ?)`),
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
    getDelivery: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
    attemptsOf: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number'),
    countBySchedule: db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE schedule_id = ?'),
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
  };

  const startAttempt = db.transaction((deliveryId: number, number: number) => {
    const { lastInsertRowid } = statements.insertAttempt.run(deliveryId, number, stamp());
    statements.countAttempt.run(number, deliveryId);
    return Number(lastInsertRowid);
  });

  const finishAttempt = db.transaction((attemptId: number, outcome: AttemptOutcome) => {
    const values = {
      id: attemptId,
      status: outcome.ok ? 'ok' : 'failed',
      httpStatus: outcome.status ?? null,
      latencyMs: Math.round(outcome.latencyMs * 10) / 10,
      snippet: outcome.responseSnippet ?? null,
      errorKind: outcome.error?.kind ?? null,
      errorMessage: outcome.error?.message ?? null,
      finishedAt: stamp(),
    };
    statements.finishAttempt.run(values);
    statements.lastAttempt.run(values);
  });

  const markInterrupted = db.transaction((): RecoveryCounts => {
    const at = stamp();
    const attempts = statements.interruptAttempts.run(at).changes;
    const deliveries = statements.interruptDeliveries.run(at).changes;
    return { deliveries, attempts };
  });

  const getSchedule = (id: number): ScheduleRecord | undefined => {
    const row = statements.getSchedule.get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  };

  const recovered = markInterrupted();

  return {
    recovered,
    insertDelivery(delivery) {
      const row = {
        ...delivery,
        fault: delivery.fault ?? null,
        faultOf: delivery.faultOf ?? null,
        headers: JSON.stringify(delivery.headers),
        createdAt: stamp(),
      };
      return Number(statements.insertDelivery.run(row).lastInsertRowid);
    },
    startAttempt: (deliveryId, number) => startAttempt(deliveryId, number),
    finishAttempt: (attemptId, outcome) => finishAttempt(attemptId, outcome),
    finishDelivery(deliveryId, status) {
      statements.finishDelivery.run(status, stamp(), deliveryId);
    },
    getDelivery(id) {
      const row = statements.getDelivery.get(id) as DeliveryRow | undefined;
      if (!row) return undefined;
      const attempts = (statements.attemptsOf.all(id) as AttemptRow[]).map(toAttempt);
      return {
        ...toSummary(row),
        request: { contentType: row.content_type, headers: JSON.parse(row.headers), body: row.body },
        attempts,
      };
    },
    listDeliveries(filter) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.scheduleId !== undefined) {
        where.push('schedule_id = ?');
        params.push(filter.scheduleId);
      }
      if (filter.status !== undefined) {
        where.push('status = ?');
        params.push(filter.status);
      }
      if (filter.tag !== undefined) {
        where.push('tag = ?');
        params.push(filter.tag);
      }
      if (filter.before !== undefined) {
        where.push('id < ?');
        params.push(filter.before);
      }
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${clause} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, filter.limit) as DeliveryRow[]).map(toSummary);
    },
    countDeliveries(scheduleId) {
      return (statements.countBySchedule.get(scheduleId) as { n: number }).n;
    },
    markInterrupted: () => markInterrupted(),
    insertSchedule({ name, status, spec }) {
      const at = stamp();
      const { lastInsertRowid } = statements.insertSchedule.run(name, status, JSON.stringify(spec), at, at);
      return getSchedule(Number(lastInsertRowid)) as ScheduleRecord;
    },
    updateSchedule(id, changes) {
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
    },
    getSchedule,
    findScheduleByName(name) {
      const row = statements.scheduleByName.get(name) as ScheduleRow | undefined;
      return row && toSchedule(row);
    },
    listSchedules() {
      return (statements.listSchedules.all() as ScheduleRow[]).map(toSchedule);
    },
    deleteSchedule(id) {
      return statements.deleteSchedule.run(id).changes > 0;
    },
    close() {
      if (db.open) db.close();
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
