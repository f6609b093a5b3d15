import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyoneAsActors, expectScopeAgrees } from '../../testing/scope-agreement.js';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { teacherScope } from './teachers.policy.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p?.drop());

describe('teacherScope', () => {
  it('selects in SQL exactly the people its predicate allows, for every demo user', async () => {
    const { db } = p.database;
    const reached = await expectScopeAgrees(
      db,
      'users',
      teacherScope,
      ['institution_id', 'region_code'],
      await everyoneAsActors(db),
    );
    const total = (await db.selectFrom('users').select('id').execute()).length;
    expect(Math.max(...reached)).toBe(total);
    expect(reached.some((n) => n > 0 && n < total)).toBe(true);
  });
});
