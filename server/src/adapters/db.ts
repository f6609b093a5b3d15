import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
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
};

/** Opens the SQL store named by a URL: `sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite://:memory:` or `postgres://…`. */
export function openDatabase(
  url: string,
  options: { poolSize?: number; checkpoint?: CheckpointOptions | false } = {},
): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    checkpoints: checkpointer?.stats,
    close: async () => {
      clearInterval(optimizer);
      await checkpointer?.stop();
      if (sqlite.open) sqlite.pragma('optimize');
      await db.destroy();
    },
  };
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

/**
 * Serialises writers of an append-only chain inside the current transaction.
 * PostgreSQL: a transaction-scoped advisory lock (other nodes wait). SQLite: writes are already serial.
 */
export async function lockChain(trx: DbOrTrx, dialect: Dialect, name: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/** Case-insensitive "contains" that works on both dialects (SQLite LIKE is already case-insensitive for ASCII). */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
