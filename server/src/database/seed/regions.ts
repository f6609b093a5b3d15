import type { DbOrTrx } from '../schema.js';
import { listDivisions } from '../../modules/identity/index.js';

/** Loads the national administrative divisions (3,351 rows) into `regions` when the table is empty. */
export async function seedRegions(db: DbOrTrx): Promise<number> {
  const existing = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const rows = (['province', 'city', 'county'] as const).flatMap((level) =>
    listDivisions(level).map((d) => ({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.length;
}
