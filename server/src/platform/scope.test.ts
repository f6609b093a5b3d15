import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../adapters/db.js';
import { createScratchDatabase } from '../testing/platform.js';
import type { Actor } from './context.js';
import { defineScope, scopeRule as r, type ScopeRules } from './scope.js';

// A scratch table, not a real one: the interpreter is domain-free, and the property below must hold for any rules.
type ProbeDb = { scope_probe: { id: string; institution_id: string | null; region_code: string | null; role: string } };
type Column = 'id' | 'institution_id' | 'region_code' | 'role';

const roles = ['learner', 'teacher', 'institution_admin', 'regulator', 'operator'] as const;
const institutions = ['i1', 'i2', 'i3'];
const regionCodes = ['330106', '330100', '330203', '330000', '440305', '440300'];

const rowArb = fc.record({
  institution_id: fc.option(fc.constantFrom(...institutions), { nil: null }),
  region_code: fc.option(fc.constantFrom(...regionCodes), { nil: null }),
  role: fc.constantFrom(...roles),
});
const actorArb = fc.record({
  userId: fc.constantFrom('u1', 'u2', 'u3'),
  role: fc.constantFrom(...roles),
  name: fc.constant('probe'),
  regionCode: fc.option(fc.constantFrom(...regionCodes), { nil: null }),
  institutionId: fc.option(fc.constantFrom(...institutions), { nil: null }),
  sessionId: fc.constant('s'),
}) as fc.Arbitrary<Actor>;

const prefixOf = (code: string | null) => (code ? code.replace(/(00)+$/, '') : null);
const leaf = fc.constantFrom(
  r.all,
  r.none,
  r.eq<Column>('institution_id', (a) => a.institutionId),
  r.eq<Column>('id', (a) => a.userId),
  r.is<Column>('role', 'learner'),
  r.is<Column>('institution_id', null),
  r.isNot<Column>('role', 'teacher'),
  r.isNot<Column>('institution_id', 'i2'),
  r.prefix<Column>('region_code', (a) => prefixOf(a.regionCode)),
);
const condArb = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('cond'), { maxLength: 3 }).map((of) => r.and(...(of as never[]))),
    fc.array(tie('cond'), { maxLength: 3 }).map((of) => r.or(...(of as never[]))),
  ),
})).cond;
const rulesArb = fc.record(
  Object.fromEntries(roles.map((role) => [role, condArb])) as Record<(typeof roles)[number], typeof condArb>,
  { requiredKeys: [] },
) as fc.Arbitrary<ScopeRules<Column>>;

describe('declared scope: the row predicate and the SQL filter select the same rows', () => {
  let db: Kysely<ProbeDb>;
  let close: () => Promise<void>;
  let drop: () => Promise<void>;
  const rows: ProbeDb['scope_probe'][] = [];

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    const handle = openDatabase(scratch.url, { checkpoint: false });
    db = handle.db as unknown as Kysely<ProbeDb>;
    close = handle.close;
    await db.schema
      .createTable('scope_probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('institution_id', 'text')
      .addColumn('region_code', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .execute();
    const sample = fc.sample(rowArb, { numRuns: 120, seed: 7 });
    sample.forEach((row, i) => rows.push({ id: `u${i + 1}`, ...row }));
    await db.insertInto('scope_probe').values(rows).execute();
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('for any declared rules and any actor (fast-check, on the test database)', async () => {
    await fc.assert(
      fc.asyncProperty(rulesArb, actorArb, async (rules, actor) => {
        const scope = defineScope<Column>('scope_probe', rules);
        const bySql = await db
          .selectFrom('scope_probe')
          .select('id')
          .where((eb) => scope.where(eb, actor))
          .orderBy('id')
          .execute();
        const byPredicate = rows.filter((row) => scope.allows(actor, row)).map((row) => row.id);
        expect(bySql.map((x) => x.id)).toEqual([...byPredicate].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('a value the actor lacks matches nothing, even rows whose column is null', async () => {
    const scope = defineScope<Column>('scope_probe', {
      institution_admin: r.eq('institution_id', (a) => a.institutionId),
    });
    const actor: Actor = {
      userId: 'x',
      role: 'institution_admin',
      name: 'x',
      regionCode: null,
      institutionId: null,
      sessionId: 's',
    };
    const found = await db
      .selectFrom('scope_probe')
      .select('id')
      .where((eb) => scope.where(eb, actor))
      .execute();
    expect(found).toEqual([]);
    expect(rows.some((row) => row.institution_id === null)).toBe(true);
    expect(rows.filter((row) => scope.allows(actor, row))).toEqual([]);
  });

  it('a role without rules sees nothing; a prefix that is not digits is refused', async () => {
    const scope = defineScope<Column>('scope_probe', {
      operator: r.all,
      regulator: r.prefix('region_code', () => "33%' or 1=1 --"),
    });
    const learner: Actor = {
      userId: 'u1',
      role: 'learner',
      name: 'x',
      regionCode: null,
      institutionId: null,
      sessionId: 's',
    };
    expect(rows.filter((row) => scope.allows(learner, row))).toEqual([]);
    const count = await db
      .selectFrom('scope_probe')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => scope.where(eb, learner))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect(() =>
      db
        .selectFrom('scope_probe')
        .selectAll()
        .where((eb) => scope.where(eb, { ...learner, role: 'regulator' }))
        .compile(),
    ).toThrow(/digits/);
  });
});
