import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, DbOrTrx } from '../database/schema.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseHandle = { db: Kysely<Database>; dialect: Dialect; close: () => Promise<void> };

/** Opens the SQL store named by a URL: `sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite://:memory:` or `postgres://…`. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): DatabaseHandle {
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
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
