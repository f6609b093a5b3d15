import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { enrolDirectly, insertClass, userByPhone } from '../enrolment/enrolment.testkit.js';
import { alertSupervisionFacts } from './subsidy-facts.js';

// The subsidies module's SupervisionFacts port as alerts implements it: holds still held, and confirmed findings whose
// hold was not released, per learner; a confirmed finding about the class concerns every learner of it.

describe('supervision facts for subsidies', () => {
  let p: TestPlatform;
  let classId: string;
  let other: string;
  const ids: string[] = [];

  async function alert(fields: {
    status: 'open' | 'confirmed';
    subjectType: 'learner' | 'class';
    subjectId: string;
    userId: string | null;
    classId: string | null;
  }) {
    const id = newId();
    const now = new Date().toISOString();
    await p.services.infra.db
      .insertInto('alerts')
      .values({
        id,
        kind: 'concurrent_lessons',
        severity: 'high',
        status: fields.status,
        subject_type: fields.subjectType,
        subject_id: fields.subjectId,
        user_id: fields.userId,
        class_id: fields.classId,
        institution_id: null,
        region_code: '330106',
        dedupe_key: id,
        window_start: now,
        window_end: now,
        facts: '{}',
        session_ids: '[]',
        detections: 1,
        first_seen_at: now,
        last_seen_at: now,
        proposal: null,
        proposal_reason: null,
        proposed_by: null,
        proposed_at: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        revoked_ms: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }
  async function hold(alertId: string, userId: string, klass: string | null, status: 'held' | 'released') {
    await p.services.infra.db
      .insertInto('subsidy_holds')
      .values({
        id: newId(),
        user_id: userId,
        class_id: klass,
        alert_id: alertId,
        status,
        reason: 'test',
        created_by: userId,
        created_at: new Date().toISOString(),
        released_by: null,
        released_at: null,
        release_reason: null,
      })
      .execute();
  }

  beforeAll(async () => {
    p = await createTestPlatform();
    for (const phone of ['13800000001', '13800000002', '13800000003', '13800000004'])
      ids.push((await userByPhone(p, phone)).id);
    classId = await insertClass(p, { status: 'approved' });
    other = await insertClass(p, { status: 'approved' });
    await enrolDirectly(p, classId, ids);
  });
  afterAll(async () => {
    await p.drop();
  });

  it('counts holds and findings per learner, in this class or every class, not released ones or other classes', async () => {
    const [a, b, c, d] = ids as [string, string, string, string];
    // a: confirmed in this class, held → a hold and a finding.
    await hold(
      await alert({ status: 'confirmed', subjectType: 'learner', subjectId: a, userId: a, classId }),
      a,
      classId,
      'held',
    );
    // b: confirmed, hold released by the regulator → nothing.
    await hold(
      await alert({ status: 'confirmed', subjectType: 'learner', subjectId: b, userId: b, classId }),
      b,
      classId,
      'released',
    );
    // c: confirmed in another class → nothing here; an open alert → nothing either.
    await hold(
      await alert({ status: 'confirmed', subjectType: 'learner', subjectId: c, userId: c, classId: other }),
      c,
      other,
      'held',
    );
    await alert({ status: 'open', subjectType: 'learner', subjectId: d, userId: d, classId });
    const facts = await alertSupervisionFacts.forClass(p.services.infra.db, classId, ids);
    expect(ids.map((id) => facts.get(id))).toEqual([
      { openHolds: 1, confirmedFindings: 1 },
      { openHolds: 0, confirmedFindings: 0 },
      { openHolds: 0, confirmedFindings: 0 },
      { openHolds: 0, confirmedFindings: 0 },
    ]);
    await alert({ status: 'confirmed', subjectType: 'class', subjectId: classId, userId: null, classId });
    const after = await alertSupervisionFacts.forClass(p.services.infra.db, classId, ids);
    expect(ids.map((id) => after.get(id)!.confirmedFindings)).toEqual([2, 1, 1, 1]);
  });
});
