import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { everyoneAsActors, expectScopeAgrees } from '../../testing/scope-agreement.js';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { classScope } from './class-scope.js';
import type { ClassStatus } from './classes.tables.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p?.drop());

describe('classScope', () => {
  it('selects in SQL exactly the classes its predicate allows, for every demo user', async () => {
    const { db } = p.database;
    const institutions = await db.selectFrom('institutions').select(['id', 'region_code']).execute();
    const occupation = await db.selectFrom('occupations').select('code').executeTakeFirstOrThrow();
    const creator = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const statuses: ClassStatus[] = ['draft', 'submitted', 'returned', 'approved', 'closed'];
    const now = new Date().toISOString();
    for (const institution of institutions)
      for (const status of statuses)
        await db
          .insertInto('classes')
          .values({
            id: newId(),
            institution_id: institution.id,
            region_code: institution.region_code,
            name: `${status} class`,
            occupation_code: occupation.code,
            level: 5,
            start_date: '2026-01-01',
            end_date: '2026-02-01',
            offline_hours: 0,
            assessment_plan: '',
            self_enrol: 0,
            capacity: 10,
            status,
            policy_refs: null,
            submitted_at: null,
            review_due_at: null,
            decided_at: null,
            decided_by: null,
            created_by: creator.id,
            created_at: now,
            updated_at: now,
          })
          .execute();
    const actors = await everyoneAsActors(db);
    const reached = await expectScopeAgrees(
      db,
      'classes',
      classScope,
      ['institution_id', 'region_code', 'status'],
      actors,
    );
    const total = institutions.length * statuses.length;
    // Not trivial: someone sees everything (the operator), someone nothing (learners), someone a part.
    expect(Math.max(...reached)).toBe(total);
    expect(Math.min(...reached)).toBe(0);
    expect(reached.some((n) => n > 0 && n < total)).toBe(true);
    // A regulator never sees drafts, however wide its region.
    const regulators = actors.filter((a) => a.role === 'regulator');
    const drafts = await db.selectFrom('classes').selectAll().where('status', '=', 'draft').execute();
    expect(regulators.length).toBeGreaterThan(0);
    expect(regulators.some((a) => drafts.some((d) => classScope.allows(a, d)))).toBe(false);
  });
});
