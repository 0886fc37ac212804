/**
 * @module delivery/db-lock
 * One server per db file. Two servers on one delivery log would both resume its schedules (every callback sent
 * twice) and mark each other's deliveries `interrupted`, so a server takes `<db>.lock` — created exclusively,
 * holding its pid — before it opens the db, and a second one is refused with a message naming the first.
 * A lock left by a process that no longer runs (`kill -9`, a crash) is taken over, so recovery still works.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.ts';

export interface DbLock {
  /** The lock file's path. */
  path: string;
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface DbLockOptions {
  pid?: number;
  /** Whether a process with this pid runs on this machine. */
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
  command?: string;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dbPath`, or throws an InputError naming the process that holds it. */
export function lockDbFile(dbPath: string, options: DbLockOptions = {}): DbLock {
  const path = `${dbPath}.lock`;
  const me: LockHolder = {
    pid: options.pid ?? process.pid,
    host: hostname(),
    startedAt: (options.now ?? (() => new Date()))().toISOString(),
    command: options.command ?? process.argv.slice(1).join(' '),
  };
  const isAlive = options.isAlive ?? isProcessAlive;
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new InputError('db', `cannot open the db '${dbPath}': ${(error as Error).message}`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, me)) return { path, release: () => releaseIfOurs(path, me) };
    const holder = readHolder(path);
    const stale = holder !== undefined && holder.host === me.host && !isAlive(holder.pid);
    // Unreadable: being written this instant by another server, or not ours to judge; refuse rather than guess.
    if (!stale) throw lockedError(dbPath, path, holder);
    unlinkSync(path);
  }
  throw lockedError(dbPath, path, readHolder(path));
}

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new InputError('db', `cannot create the lock file '${path}': ${(error as Error).message}`);
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? (holder as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

function releaseIfOurs(path: string, me: LockHolder): void {
  const holder = readHolder(path);
  if (holder?.pid === me.pid && holder.startedAt === me.startedAt) unlinkSync(path);
}

function lockedError(dbPath: string, lockPath: string, holder: LockHolder | undefined): InputError {
  const who = holder
    ? `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`} (${holder.command || 'ci-callback'}, started ${holder.startedAt})`
    : `another process (its lock file ${lockPath} is unreadable)`;
  return new InputError(
    'db',
    `the db '${dbPath}' is in use by ${who}: one server per db file; stop that one, or give this one another --db (or :memory:)`,
  );
}
