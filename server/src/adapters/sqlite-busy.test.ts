import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { handleError } from '../http/errors.js';
import { isDatabaseUnavailable, openDatabase, type DatabaseHandle } from './db.js';

// A SQLite file held by another connection past busy_timeout (the checkpoint thread truncating the log under heavy
// load, an operator's CLI beside the server) once answered a heartbeat with 500 INTERNAL. The statement did nothing
// and can be retried, so the answer is 503 DB_UNAVAILABLE, and the next request after the holder lets go succeeds.

const dirs: string[] = [];
const handles: DatabaseHandle[] = [];
const others: SQLite.Database[] = [];
afterEach(async () => {
  for (const o of others.splice(0)) o.close();
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function heldDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), 'yx-busy-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const handle = openDatabase(`sqlite://${file}`, { checkpoint: false });
  handles.push(handle);
  await sql`create table t (id integer primary key, v text)`.execute(handle.db);
  // One connection: the pragma holds for every later statement of this handle; 5 s would only slow the test down.
  await sql`pragma busy_timeout = 50`.execute(handle.db);
  const other = new SQLite(file);
  others.push(other);
  other.exec('BEGIN IMMEDIATE');
  const insert = () => sql`insert into t (v) values ('x')`.execute(handle.db);
  return { handle, other, insert };
}

describe('SQLite busy is unavailability, not an internal error', () => {
  test('a write blocked by another connection is recognised; a wrong statement is not', async () => {
    const { handle, insert } = await heldDatabase();
    const busy = await insert().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((busy as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(isDatabaseUnavailable(busy)).toBe(true);
    const wrong = await sql`select * from no_such_table`.execute(handle.db).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((wrong as { code?: string }).code).toBe('SQLITE_ERROR');
    expect(isDatabaseUnavailable(wrong)).toBe(false);
  });

  test('the API answers 503 DB_UNAVAILABLE with retry-after while the file is held, then serves again', async () => {
    const { handle, other, insert } = await heldDatabase();
    const app = Fastify();
    app.setErrorHandler(handleError);
    app.post('/write', async () => {
      await insert();
      return { ok: true };
    });
    const held = await app.inject({ method: 'POST', url: '/write', headers: { 'accept-language': 'en' } });
    expect(held.statusCode).toBe(503);
    expect(held.json()).toMatchObject({ error: { code: 'DB_UNAVAILABLE' } });
    expect(held.headers['retry-after']).toBe('5');
    other.exec('COMMIT');
    const after = await app.inject({ method: 'POST', url: '/write' });
    expect(after.statusCode).toBe(200);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
    expect(rows.rows[0].n).toBe(1);
    await app.close();
  });
});
