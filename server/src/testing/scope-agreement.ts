import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../database/schema.js';
import type { Actor } from '../platform/context.js';
import type { Scope } from '../platform/scope.js';

type Loose = Kysely<Record<string, Record<string, string | null>>>;

/** Every user of the database as an actor (the demo world has every role, region level and institution). */
export async function everyoneAsActors(db: Kysely<Database>): Promise<Actor[]> {
  const users = await db.selectFrom('users').select(['id', 'role', 'name', 'region_code', 'institution_id']).execute();
  return users.map((u) => ({
    userId: u.id,
    role: u.role,
    name: u.name,
    regionCode: u.region_code,
    institutionId: u.institution_id,
    sessionId: 'scope-test',
  }));
}

/**
 * A module's declared scope on real rows: for each actor, the rows its SQL filter selects are exactly the rows its
 * predicate allows. Returns how many rows each actor reached, so a test can also show the scope is not trivial.
 */
export async function expectScopeAgrees<C extends string>(
  database: Kysely<Database>,
  table: string,
  scope: Scope<C>,
  columns: readonly C[],
  actors: readonly Actor[],
  key = 'id',
): Promise<number[]> {
  const db = database as unknown as Loose;
  const rows = (await db
    .selectFrom(table)
    .select([`${key} as id`, ...columns])
    .execute()) as unknown as ({ id: string } & Record<C, string | null>)[];
  const reached: number[] = [];
  for (const actor of actors) {
    const bySql = (await db
      .selectFrom(table)
      .select(`${key} as id`)
      .where((eb) => scope.where(eb, actor))
      .execute()) as unknown as { id: string }[];
    const byPredicate = rows.filter((row) => scope.allows(actor, row)).map((row) => row.id);
    expect(bySql.map((r) => r.id).sort(), `${table} as ${actor.role} ${actor.userId}`).toEqual(byPredicate.sort());
    reached.push(byPredicate.length);
  }
  return reached;
}
