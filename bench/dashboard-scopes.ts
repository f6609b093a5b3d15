// The scopes the dashboard benches time, picked from the generated world: the province, the city and county of the
// institution with most learners, that institution, and the nation.
import type { Kysely } from 'kysely';
import type { Database } from '../server/src/database/schema.js';
import type { Actor } from '../server/src/platform/context.js';

export const benchActor = (
  role: Actor['role'],
  regionCode: string | null,
  institutionId: string | null = null,
): Actor => ({
  userId: '00000000-0000-7000-8000-000000000000',
  role,
  name: 'bench',
  regionCode,
  institutionId,
  sessionId: 'bench',
});

export async function pickScopes(db: Kysely<Database>) {
  const biggest = await db
    .selectFrom('users')
    .select((eb) => ['institution_id', eb.fn.countAll().as('n')])
    .where('role', '=', 'learner')
    .groupBy('institution_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const county = await db
    .selectFrom('institutions')
    .select('region_code')
    .where('id', '=', biggest.institution_id!)
    .executeTakeFirstOrThrow();
  const city = `${county.region_code.slice(0, 4)}00`;
  const pk = await db.selectFrom('users').select('id').limit(1).offset(1000).executeTakeFirstOrThrow();
  return { biggest, county, city, pk };
}
