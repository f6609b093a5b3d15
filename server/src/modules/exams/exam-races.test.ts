import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { verifyChain } from '../learning/index.js';
import { createExamWorld, DEVICE, setExam, type ExamWorld } from './exams.testkit.js';

// Racing requests (meant for PostgreSQL, where they really run at once): answers saved together join one unbroken
// chain, two starts make one attempt, a submission racing saves grades exactly the answers it took, and two grading
// decisions on one answer leave one.

let p: TestPlatform;
let w: ExamWorld;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 3 });
});
afterAll(async () => {
  await p?.drop();
});

describe('races', () => {
  it('two starts at once make one attempt; twelve answers saved at once all land on one unbroken chain', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 12 }));
    const learner = w.learners[0];
    const starts = await Promise.all(
      [0, 1].map(() => call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })),
    );
    expect(starts.map((s) => s.status)).toEqual([200, 200]);
    expect(starts[0].body.id).toBe(starts[1].body.id);
    const id = starts[0].body.id;
    const saves = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(p, learner, 'PUT', `/api/exam-attempts/${id}/answers/${i}`, { answer: ['B'], deviceId: DEVICE }),
      ),
    );
    expect(saves.map((s) => s.status)).toEqual(Array(12).fill(200));
    expect(await verifyChain(p.services.infra.db, learner.userId)).toMatchObject({ ok: true, records: 13 });
  });

  it('a submission racing saves grades exactly the answers it took', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 10 }, 10));
    const learner = w.learners[1];
    const id = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body.id;
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        call(p, learner, 'PUT', `/api/exam-attempts/${id}/answers/${i}`, { answer: ['B'], deviceId: DEVICE }),
      ),
      call(p, learner, 'POST', `/api/exam-attempts/${id}/submit`, { deviceId: DEVICE }),
    ]);
    const accepted = results.slice(0, 10).filter((r) => r.status === 200).length;
    for (const r of results.slice(0, 10)) expect([200, 409]).toContain(r.status);
    const row = await p.services.infra.db
      .selectFrom('exam_attempts')
      .select(['status', 'score'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = await p.services.infra.db
      .selectFrom('exam_answers')
      .select('graded_score')
      .where('attempt_id', '=', id)
      .execute();
    // Every answer acknowledged was graded (B is right: 10 points each) and nothing else was stored.
    expect(stored).toHaveLength(accepted);
    expect(stored.every((a) => a.graded_score === 10)).toBe(true);
    expect(row).toEqual({ status: 'graded', score: accepted * 10 });
  });

  it('two teachers grading one answer at once: one decision stands', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { short_answer: 1 }, 10));
    const learner = w.learners[2];
    const id = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body.id;
    await call(p, learner, 'PUT', `/api/exam-attempts/${id}/answers/0`, { answer: ['答'], deviceId: DEVICE });
    await call(p, learner, 'POST', `/api/exam-attempts/${id}/submit`, { deviceId: DEVICE });
    const decisions = await Promise.all([
      call(p, w.teacher, 'POST', `/api/exam-attempts/${id}/answers/0/grade`, { score: 3 }),
      call(p, w.admin, 'POST', `/api/exam-attempts/${id}/answers/0/grade`, { score: 7 }),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    const winner = decisions.find((d) => d.status === 200)!.body.score;
    const row = await p.services.infra.db
      .selectFrom('exam_attempts')
      .select(['score', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ score: winner, status: 'graded' });
  });
});
