import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyoneAsActors, expectScopeAgrees } from '../../testing/scope-agreement.js';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { statsInstitutionScope, statsRegionScope } from './stats.scope.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p?.drop());

describe('the dashboards’ scopes', () => {
  it('select in SQL exactly the institutions and regions their predicates allow, for every demo user', async () => {
    const { db } = p.database;
    const actors = await everyoneAsActors(db);
    const institutions = await expectScopeAgrees(
      db,
      'institutions',
      statsInstitutionScope,
      ['id', 'region_code'],
      actors,
    );
    const regions = await expectScopeAgrees(db, 'regions', statsRegionScope, ['code'], actors, 'code');
    expect(institutions.some((n) => n > 0 && n < Math.max(...institutions))).toBe(true);
    expect(regions.some((n) => n > 0 && n < Math.max(...regions))).toBe(true);
    expect(Math.min(...regions)).toBe(0);
  });
});
