import { CompiledQuery, PostgresAdapter, type DialectAdapter, type Kysely } from 'kysely';
import type { Database, DbOrTrx } from './schema.js';

// Many rows into one table (optionally upserted) for hot write paths such as the learning engine's group commit.
// Building a multi-row statement with Kysely costs CPU per row on every call, and every distinct row count is a
// distinct SQL text to prepare. Here rows go in chunks of a few fixed sizes whose SQL is built by Kysely once per
// table, columns and size (so quoting and placeholders stay the dialect's) and then reused with new parameters: the
// SQLite adapter's statement cache then also skips the prepare.

const CHUNKS = [64, 16, 4, 1];
const compiled = new WeakMap<DialectAdapter, Map<string, { sql: string; parameters: number }>>();

export type Upsert = { keys: readonly string[]; update: readonly string[] };
export type TableWrite = { table: Extract<keyof Database, string>; rows: readonly object[]; upsert?: Upsert };

/**
 * Several tables' rows at once. On PostgreSQL: one statement, whatever the number of rows — each table's rows go in
 * as one array per column (`unnest`), each table an `insert` in a `with` clause — so one round trip writes them all,
 * and being one statement it is atomic without a transaction around it. Elsewhere: `writeMany` table by table (the
 * caller opens the transaction; on SQLite a statement costs no round trip).
 */
export async function writeTables(db: DbOrTrx, writes: readonly TableWrite[]): Promise<void> {
  const present = writes.filter((w) => w.rows.length > 0);
  if (present.length === 0) return;
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const w of present) await writeMany(db, w.table, w.rows, w.upsert);
    return;
  }
  const shapes = present.map((w) => ({ ...w, columns: uniformColumns(w.rows) }));
  if (shapes.some((w) => !w.columns)) {
    // Rows of mixed shapes: as Kysely would write them, in a transaction of their own if need be.
    const each = async (trx: DbOrTrx) => {
      for (const w of present) await build(trx, w.table, w.rows, w.upsert).execute();
    };
    await (db.isTransaction ? each(db) : db.transaction().execute(each));
    return;
  }
  const parameters: unknown[][] = [];
  const statements = shapes.map((w) => {
    const columns = w.columns!;
    const arrays = columns.map((column) => {
      const values = w.rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
      parameters.push(values);
      const sample = values.find((v) => v !== null);
      // Numbers go in as numeric (assigned to integer columns), the rest as text (assigned to varchar columns).
      return `$${parameters.length}::${typeof sample === 'number' ? 'numeric' : typeof sample === 'boolean' ? 'bool' : 'text'}[]`;
    });
    // Table and column names come from our code (row keys), never from input, so quoting them is enough.
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    let statement = `insert into "${w.table}" (${quoted}) select * from unnest(${arrays.join(', ')})`;
    if (w.upsert) {
      statement += ` on conflict (${w.upsert.keys.map((c) => `"${c}"`).join(', ')}) do update set ${w.upsert.update.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`;
    }
    return statement;
  });
  const sql =
    statements.length === 1
      ? statements[0]
      : `with ${statements.map((st, i) => `"w${i}" as (${st})`).join(', ')} select 1`;
  await db.executeQuery(CompiledQuery.raw(sql, parameters));
}

/** The columns every row has (in the first row's order), or null when the rows differ in shape. */
function uniformColumns(rows: readonly object[]): string[] | null {
  const columns = Object.keys(rows[0]);
  return rows.every((row) => Object.keys(row).length === columns.length && columns.every((c) => c in row))
    ? columns
    : null;
}

/** Rows into one table (upserted with `upsert`), in statements of the fixed sizes; atomic only inside a transaction. */
export async function writeMany(
  db: DbOrTrx,
  table: Extract<keyof Database, string>,
  rows: readonly object[],
  upsert?: Upsert,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = uniformColumns(rows);
  // Rows of another shape (a column more or less) are written as Kysely would write them, in one statement.
  if (!columns) {
    await build(db, table, rows, upsert).execute();
    return;
  }
  for (let i = 0; i < rows.length;) {
    const size = CHUNKS.find((n) => n <= rows.length - i)!;
    const statement = shape(db, table, columns, size, upsert);
    const parameters: unknown[] = [];
    for (let r = i; r < i + size; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const column of columns) parameters.push(row[column] ?? null);
    }
    if (parameters.length !== statement.parameters)
      throw new Error(`writeMany(${table}): ${parameters.length} parameters for ${statement.parameters}`);
    await db.executeQuery(CompiledQuery.raw(statement.sql, parameters));
    i += size;
  }
}

function build(db: DbOrTrx, table: string, rows: readonly object[], upsert: Upsert | undefined) {
  // Typed loosely: the table and columns are only known at run time here; the callers' rows are typed.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const query = loose.insertInto(table).values(rows);
  if (!upsert) return query;
  return query.onConflict((oc) =>
    oc
      .columns(upsert.keys)
      .doUpdateSet((eb) => Object.fromEntries(upsert.update.map((c) => [c, eb.ref(`excluded.${c}`)]))),
  );
}

function shape(db: DbOrTrx, table: string, columns: string[], size: number, upsert: Upsert | undefined) {
  const adapter = db.getExecutor().adapter;
  let byShape = compiled.get(adapter);
  if (!byShape) compiled.set(adapter, (byShape = new Map<string, { sql: string; parameters: number }>()));
  const key = `${table}|${columns.join(',')}|${size}|${upsert ? `${upsert.keys.join(',')}|${upsert.update.join(',')}` : ''}`;
  let statement = byShape.get(key);
  if (!statement) {
    const placeholder = Object.fromEntries(columns.map((c) => [c, null]));
    const built = build(
      db,
      table,
      Array.from({ length: size }, () => placeholder),
      upsert,
    ).compile();
    statement = { sql: built.sql, parameters: built.parameters.length };
    byShape.set(key, statement);
  }
  return statement;
}
