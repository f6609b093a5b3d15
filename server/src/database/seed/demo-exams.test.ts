import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAllChains } from '../../modules/learning/index.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { DEMO_CONTENT_JOB } from './demo-content.js';

// Assessment in the demo world: a question bank of every question type on the electrician standard's modules, the
// running class's formal exam on a paper drawn by rules, and a learner of a closed class holding a signed certificate
// that anyone verifies through the public API — the history behind it consistent (hours, exam, grading, practical).

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ demoContent: true });
  expect(await p.services.jobs.drain({ type: DEMO_CONTENT_JOB })).toBe(1);
  const job = await p.database.db
    .selectFrom('jobs')
    .select(['status', 'last_error'])
    .where('type', '=', DEMO_CONTENT_JOB.id)
    .executeTakeFirstOrThrow();
  expect(job).toEqual({ status: 'done', last_error: null });
}, 300_000);
afterAll(async () => {
  await p?.drop();
});

describe('demo assessment', () => {
  it('has a certified learner whose certificate the public API says is valid and signed', async () => {
    const learner = await login(p, '13800000010');
    const mine = await call(p, learner, 'GET', '/api/certificates?page=1&pageSize=20');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const [certificate] = mine.body.items;
    expect(certificate).toMatchObject({ status: 'valid', occupationCode: '6-31-01-03', level: 5 });
    expect(certificate.onlineHours).toBeGreaterThan(0);
    expect(certificate.offlineHours).toBeGreaterThan(0);

    const verified = await call(p, null, 'GET', `/api/public/verify/${certificate.number}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'valid', signatureValid: true, number: certificate.number });

    // The class behind it is closed, its assessment passed on both sides, and the learner's evidence chain verifies.
    const admin = await login(p, DEMO.adminA);
    const assessment = await call(p, admin, 'GET', `/api/classes/${certificate.classId}/assessment`);
    expect(assessment.status, JSON.stringify(assessment.body)).toBe(200);
    expect(assessment.body.learners[0]).toMatchObject({ theoryPassed: true, practicalPassed: true, passed: true });
    expect((await verifyAllChains(p.database.db)).broken).toEqual([]);
    const pdf = await p.app.inject({
      method: 'GET',
      url: `/api/certificates/${certificate.id}/pdf`,
      headers: { cookie: learner.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sets a formal exam on the running class from a bank of every question type', async () => {
    const banks = await p.database.db.selectFrom('question_banks').select('id').execute();
    expect(banks).toHaveLength(1);
    const versions = await p.database.db.selectFrom('question_versions').select(['type', 'module_code']).execute();
    expect(versions.length).toBeGreaterThanOrEqual(20);
    expect(new Set(versions.map((v) => v.type))).toEqual(
      new Set(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']),
    );
    expect(versions.every((v) => v.module_code !== null)).toBe(true);
    const learner = await login(p, '13800000001');
    const { items } = (await call(p, learner, 'GET', '/api/my/classes')).body;
    const running = items.find((c: { name: string }) => c.name === '电工（五级）2026 年春季班');
    const exams = await call(p, learner, 'GET', `/api/classes/${running.id}/exams`);
    expect(exams.status, JSON.stringify(exams.body)).toBe(200);
    expect(exams.body.items).toEqual([expect.objectContaining({ kind: 'formal', passMark: 60, totalScore: 100 })]);
  });
});
