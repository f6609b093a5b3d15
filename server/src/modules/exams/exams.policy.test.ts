import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClass } from '../enrolment/enrolment.testkit.js';
import { everyoneAsActors, expectScopeAgrees } from '../../testing/scope-agreement.js';
import { createTestPlatform, DEMO, type TestPlatform } from '../../testing/platform.js';
import { createExamWorld, setExam } from './exams.testkit.js';
import { examScope } from './exams.policy.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p?.drop());

describe('examScope', () => {
  it('selects in SQL exactly the exams its predicate allows, for every demo user', async () => {
    const w = await createExamWorld(p, { learnerCount: 1 });
    await setExam(p, w, w.questions.paper('formal', { single: 1 }));
    // An exam of institution B's class too (set as a row: the API is institution A's admin here).
    const classB = await insertClass(p, { adminPhone: DEMO.adminB, status: 'approved' });
    const b = await p.services.infra.db
      .selectFrom('classes')
      .selectAll()
      .where('id', '=', classB)
      .executeTakeFirstOrThrow();
    const a = await p.services.infra.db.selectFrom('exams').selectAll().executeTakeFirstOrThrow();
    await p.services.infra.db
      .insertInto('exams')
      .values({
        ...a,
        id: `${a.id.slice(0, -4)}bbbb`,
        class_id: classB,
        institution_id: b.institution_id,
        region_code: b.region_code,
      })
      .execute();
    const { db } = p.database;
    const reached = await expectScopeAgrees(
      db,
      'exams',
      examScope,
      ['institution_id', 'region_code'],
      await everyoneAsActors(db),
    );
    expect(Math.max(...reached)).toBe(2);
    expect(reached.some((n) => n === 1)).toBe(true);
  });
});
