import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type RawBuilder,
  type SqlBool,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { Database, DbOrTrx } from '../database/schema.js';
import { RecentMap } from '../platform/recent-map.js';
import { startCheckpointer, type CheckpointOptions, type CheckpointStats } from './sqlite-checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  dialect: Dialect;
  close: () => Promise<void>;
  /** SQLite files only: what the background checkpoint thread has done (sqlite-checkpointer.ts). */
  checkpoints?: () => CheckpointStats;
  /** SQLite files only: asks the checkpoint thread for a run now, besides its timed ones. */
  checkpointNow?: () => void;
};

/** Opens the SQL store named by a URL: `sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite://:memory:` or `postgres://…`. */
export function openDatabase(
  url: string,
  options: { poolSize?: number; checkpoint?: CheckpointOptions | false; onConnectionError?: (err: Error) => void } = {},
): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // A connection that cannot be made within 5 s fails the request (503) instead of queueing it forever.
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // A backend that ends (server restart, pg_terminate_backend, network loss) makes its client emit 'error'. Without
    // listeners Node throws that event and the process dies. The pool's own listener covers idle clients (the pool
    // drops them); the per-client one covers clients lent to a query, whose query then fails (503 DB_UNAVAILABLE) and
    // whose release drops them too, since pg-pool never returns a client that is no longer queryable. New clients
    // are opened on demand, so the pool reconnects by itself once the server answers again.
    pool.on('error', (err) => options.onConnectionError?.(err));
    pool.on('connect', (client) => client.on('error', (err) => options.onConnectionError?.(err)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite://')) throw new Error(`Unsupported DATABASE_URL: ${url}`);
  const file = url.slice('sqlite://'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The query planner needs table statistics: without them it reads all 50,000 courses through the status index
  // instead of the few hundred the full-text index returns (7 ms instead of 1.7 ms per search, bench/catalog.ts).
  // `optimize` gathers them where they are missing or stale; cheap when nothing changed. PostgreSQL's autovacuum
  // does the same on its side. Statistics only speed queries up: when another connection (a second process, the
  // checkpoint thread truncating the log) holds the database just then, this run is skipped, not the start or the process.
  const optimize = (pragma: string) => {
    try {
      sqlite.pragma(pragma);
    } catch {
      /* busy: the next run gathers them */
    }
  };
  optimize('optimize = 0x10002');
  const optimizer = setInterval(() => optimize('optimize'), 10 * 60_000);
  optimizer.unref();
  // `checkpoint: false` leaves checkpoints to SQLite itself (inside commits), as before.
  const checkpointer =
    file === ':memory:' || options.checkpoint === false
      ? undefined
      : startCheckpointer(sqlite, path.resolve(file), options.checkpoint);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    checkpoints: checkpointer?.stats,
    checkpointNow: checkpointer?.runNow,
    close: async () => {
      clearInterval(optimizer);
      await checkpointer?.stop();
      if (sqlite.open) sqlite.pragma('optimize');
      await db.destroy();
    },
  };
}

/**
 * Transactions begin IMMEDIATE (Kysely's driver says a deferred `begin`): the write lock is taken at the start, where
 * the busy timeout waits for the checkpoint thread. A deferred transaction that has read and then writes while that
 * thread holds the lock for a TRUNCATE checkpoint gets SQLITE_BUSY at once ("database is locked": SQLite does not
 * wait where waiting could deadlock); 200 exams submitted at once met it (bench/exam.ts). This process's transactions
 * run one at a time on its single connection anyway, so taking the lock early costs nothing.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew, which cost about a tenth of the server's CPU under the
 * heartbeat benchmark: keep the most recently used statements prepared, by SQL text. Reuse is safe because the
 * driver runs one statement at a time on the single connection (its mutex) and finishes it (`all`/`run`) before the
 * next; SQLite re-prepares a cached statement itself if the schema changed.
 */
function cachingStatements(sqlite: SQLite.Database, size = 400): SqliteDatabase {
  const cache = new RecentMap<string, SQLite.Statement>(size);
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

// PostgreSQL SQLSTATEs saying the connection or the server is gone, not that the statement was wrong:
// 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection
// exceptions. https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNAVAILABLE_SQLSTATE = /^(57P0[123]|08...)$/;
// SQLite: another connection (the checkpoint thread, a CLI beside the server) held the file past busy_timeout; the
// statement did nothing and may be retried. https://www.sqlite.org/rescode.html#busy
const SQLITE_BUSY = /^SQLITE_BUSY(_[A-Z]+)?$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|Client was closed and is not queryable|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** True when an error says the SQL database cannot be reached just now (the request may be retried later). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
  if (e.name === 'AppError') return false;
  if (
    typeof e.code === 'string' &&
    (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code) || SQLITE_BUSY.test(e.code))
  )
    return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnavailable);
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}

/**
 * Serialises writers of an append-only chain inside the current transaction.
 * PostgreSQL: a transaction-scoped advisory lock (other nodes wait). SQLite: writes are already serial.
 */
export async function lockChain(trx: DbOrTrx, dialect: Dialect, name: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/**
 * `column` contains `value` as typed: its `%`, `_` and backslash match themselves, not any text. The same SQL on both
 * dialects: the escape character is declared (SQLite has none by default, so an escaped pattern would otherwise look
 * for the backslash). As LIKE is, case-insensitive for ASCII on SQLite and case-sensitive on PostgreSQL.
 */
export function containsText(column: string, value: string): RawBuilder<SqlBool> {
  return likeEscaped(column, `%${escapeLike(value)}%`);
}

/** `column` starts with `value` as typed (as `containsText`: `%`, `_` and backslash match themselves). */
export function startsWithText(column: string, value: string): RawBuilder<SqlBool> {
  return likeEscaped(column, `${escapeLike(value)}%`);
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const likeEscaped = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
