import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, testDialect } from '../testing/platform.js';
import { openDatabase, type DatabaseHandle } from '../adapters/db.js';
import { writeMany, writeTables } from './write-many.js';

// The bulk writes of the learning engine's group commit, on the configured database: any number of rows (chunks of
// fixed sizes on SQLite, arrays per column on PostgreSQL), upserts, awkward text, nulls, and all-or-nothing.

let handle: DatabaseHandle;
let drop: () => Promise<void>;
const T = 'wm_items' as never;
const U = 'wm_totals' as never;

beforeAll(async () => {
  const scratch = await createScratchDatabase();
  drop = scratch.drop;
  handle = openDatabase(scratch.url);
  await sql`create table wm_items (id varchar(36) primary key, n integer not null, note text, done varchar(30))`.execute(
    handle.db,
  );
  await sql`create table wm_totals (k varchar(36) not null, day varchar(10) not null, total integer not null, primary key (k, day))`.execute(
    handle.db,
  );
});
afterAll(async () => {
  await handle?.close();
  await drop?.();
});

const rows = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    n: i,
    note: i % 3 === 0 ? null : `"q" \\ {a,b} NULL 中文 ${i}`,
    done: i % 2 ? '2026-11-23T00:00:00.000Z' : null,
  }));
const read = (prefix: string) =>
  handle.db
    .selectFrom('wm_items' as never)
    .selectAll()
    .where('id' as never, 'like', `${prefix}-%` as never)
    .execute() as Promise<Record<string, unknown>[]>;
const byId = (list: Record<string, unknown>[]) => Object.fromEntries(list.map((r) => [r.id, r]));

describe(`bulk writes (${testDialect})`, () => {
  it('writes any number of rows exactly, awkward text and nulls included', async () => {
    for (const count of [0, 1, 5, 21, 85, 150]) {
      const written = rows(`a${count}`, count);
      await writeMany(handle.db, T, written);
      const stored = await read(`a${count}`);
      expect(stored).toHaveLength(count);
      expect(byId(stored)).toEqual(byId(written));
      const viaTables = rows(`t${count}`, count);
      await writeTables(handle.db, [{ table: T, rows: viaTables }]);
      expect(byId(await read(`t${count}`))).toEqual(byId(viaTables));
    }
  });

  it('upserts several tables in one go and keeps the last values', async () => {
    const totals = (day: string, base: number) =>
      Array.from({ length: 7 }, (_, i) => ({ k: `k${i}`, day, total: base + i }));
    const upsert = { keys: ['k', 'day'], update: ['total'] };
    await writeTables(handle.db, [
      { table: T, rows: rows('b', 3) },
      { table: U, rows: totals('2026-11-23', 100), upsert },
    ]);
    await writeTables(handle.db, [
      { table: T, rows: rows('c', 2) },
      { table: U, rows: totals('2026-11-23', 500), upsert },
    ]);
    const stored = (await handle.db
      .selectFrom('wm_totals' as never)
      .selectAll()
      .orderBy('k' as never)
      .execute()) as { k: string; total: number }[];
    expect(stored.map((r) => [r.k, r.total])).toEqual(Array.from({ length: 7 }, (_, i) => [`k${i}`, 500 + i]));
    expect(await read('b')).toHaveLength(3);
    expect(await read('c')).toHaveLength(2);
  });

  it('writes nothing of a batch when one row fails', async () => {
    await writeMany(handle.db, T, rows('d', 1));
    const batch = [...rows('e', 4), ...rows('d', 1)]; // d-0 exists already
    const attempt = handle.db.transaction().execute((trx) => writeTables(trx, [{ table: T, rows: batch }]));
    await expect(attempt).rejects.toThrow();
    expect(await read('e')).toHaveLength(0);
    if (testDialect === 'postgres') {
      // Without a transaction around it: one statement, so still all or nothing.
      await expect(
        writeTables(handle.db, [
          { table: T, rows: rows('f', 3) },
          { table: U, rows: [{ k: 'x', day: 'd', total: 1.5e10 }] },
        ]),
      ).rejects.toThrow();
      expect(await read('f')).toHaveLength(0);
    }
  });

  it('writes rows of mixed shapes as plain inserts', async () => {
    await writeMany(handle.db, T, [
      { id: 'g-0', n: 1, note: 'x', done: null },
      { id: 'g-1', n: 2 },
    ]);
    expect(byId(await read('g'))).toEqual({
      'g-0': { id: 'g-0', n: 1, note: 'x', done: null },
      'g-1': { id: 'g-1', n: 2, note: null, done: null },
    });
  });
});
