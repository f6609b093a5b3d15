import type { DbOrTrx } from '../../database/schema.js';
import type { RegionLevel } from './regions.tables.js';

export type Region = { code: string; name: string; level: RegionLevel; parentCode: string | null };

export async function findRegion(db: DbOrTrx, code: string): Promise<Region | undefined> {
  const row = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  return row && { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code };
}

export async function listChildRegions(db: DbOrTrx, parentCode: string | null): Promise<Region[]> {
  const q = db.selectFrom('regions').selectAll();
  const rows = await (parentCode ? q.where('parent_code', '=', parentCode) : q.where('level', '=', 'province'))
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}
