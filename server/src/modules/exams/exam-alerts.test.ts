import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { createExamWorld, DEVICE, setExam, type ExamWorld } from './exams.testkit.js';

// Exam alerts join early warning: the periodic scan reads the exam tables and raises identical answer sequences for
// learners who copied one paper (whatever the order each attempt drew).

let p: TestPlatform;
let w: ExamWorld;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 3 });
});
afterAll(async () => {
  await p?.drop();
});

describe('exam alerts', () => {
  it('identical answer sequences of two learners become alerts; an honest third learner is not flagged', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 12 }));
    const since = p.clock.now().getTime() - 1000;
    for (const [n, learner] of w.learners.entries()) {
      const attempt = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body;
      const rows = JSON.parse(
        (
          await p.services.infra.db
            .selectFrom('exam_attempts')
            .select('items')
            .where('id', '=', attempt.id)
            .executeTakeFirstOrThrow()
        ).items,
      ) as { versionId: string }[];
      // The first two answer each question (by version) the same way; the third answers by its place on the paper.
      for (const [index, item] of rows.entries()) {
        const answer =
          n < 2
            ? [['A', 'B', 'C', 'D'][item.versionId.charCodeAt(item.versionId.length - 1) % 4]]
            : [['A', 'B', 'C', 'D'][index % 4]];
        await call(p, learner, 'PUT', `/api/exam-attempts/${attempt.id}/answers/${index}`, {
          answer,
          deviceId: DEVICE,
        });
      }
      await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/submit`, { deviceId: DEVICE });
    }
    await p.services.detection.scan(since, p.clock.now().getTime() + 1000);
    const alerts = await p.services.infra.db
      .selectFrom('alerts')
      .select(['kind', 'user_id', 'class_id'])
      .where('kind', '=', 'exam_identical_answers')
      .execute();
    expect(alerts.map((a) => a.user_id).sort()).toEqual([w.learners[0].userId, w.learners[1].userId].sort());
    expect(alerts.every((a) => a.class_id === w.classId)).toBe(true);
  });
});
