import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { createExamWorld, DEVICE, setExam, type ExamWorld } from './exams.testkit.js';

// Grading short answers, the practical assessment with its evidence, the pass rule over both, and the tenant scope of
// every exam endpoint; on the configured dialect.

let p: TestPlatform;
let w: ExamWorld;
let exam: { id: string };
let attemptId = '';
const s = {} as Record<'adminB' | 'teacherB' | 'xihu' | 'ningbo' | 'operator' | 'outsider', Session>;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 2 });
  for (const [key, phone] of [
    ['adminB', DEMO.adminB],
    ['teacherB', DEMO.teacherB],
    ['xihu', DEMO.xihuRegulator],
    ['ningbo', DEMO.ningboRegulator],
    ['operator', DEMO.operator],
    // A learner of institution A not enrolled in the class.
    ['outsider', '13800000009'],
  ] as const)
    s[key] = await login(p, phone);
  // A formal paper of one single choice (40 points) and two short answers (30 each).
  const paper = w.questions.paper('formal', { single: 1 }, 40);
  const short = w.questions.paper('formal', { short_answer: 2 }, 30);
  w.questions.papers.get(paper)!.items.push(...w.questions.papers.get(short)!.items);
  exam = await setExam(p, w, paper);
  const learner = w.learners[0];
  const attempt = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body;
  attemptId = attempt.id;
  for (const item of attempt.items as { index: number; type: string }[]) {
    const answer = item.type === 'single' ? ['B'] : ['用万用表测量电压前先选择量程'];
    expect(
      (
        await call(p, learner, 'PUT', `/api/exam-attempts/${attempt.id}/answers/${item.index}`, {
          answer,
          deviceId: DEVICE,
        })
      ).status,
    ).toBe(200);
  }
  await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/submit`, { deviceId: DEVICE });
});
afterAll(async () => {
  await p?.drop();
});

describe('the grading queue', () => {
  it('objective answers are graded by the server; short answers wait for a teacher with the rubric', async () => {
    const view = await call(p, w.learners[0], 'GET', `/api/exam-attempts/${attemptId}`);
    expect(view.body).toMatchObject({ status: 'submitted', outcome: { points: null, pendingManual: 2 } });
    const queue = await call(p, w.teacher, 'GET', `/api/exams/${exam.id}/grading`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(2);
    expect(queue.body.items[0]).toMatchObject({ attemptId, maxScore: 30, answer: ['用万用表测量电压前先选择量程'] });
    expect(queue.body.items[0].rubric).toMatch(/解析/);
  });

  it('one decision per answer, audited; the attempt is graded with the last one', async () => {
    const queue = (await call(p, w.teacher, 'GET', `/api/exams/${exam.id}/grading`)).body.items as { index: number }[];
    const [first, second] = queue.map((q) => q.index);
    const over = await call(p, w.teacher, 'POST', `/api/exam-attempts/${attemptId}/answers/${first}/grade`, {
      score: 31,
    });
    expect(over.body.error.code).toBe('EXAM_SCORE_OUT_OF_RANGE');
    const graded = await call(p, w.teacher, 'POST', `/api/exam-attempts/${attemptId}/answers/${first}/grade`, {
      score: 20,
    });
    expect(graded.body).toEqual({ attemptId, index: first, score: 20, pendingManual: 1, attemptScore: null });
    const again = await call(p, w.admin, 'POST', `/api/exam-attempts/${attemptId}/answers/${first}/grade`, {
      score: 30,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXAM_ALREADY_GRADED');
    const single = (await call(p, w.learners[0], 'GET', `/api/exam-attempts/${attemptId}`)).body.items.find(
      (i: { type: string }) => i.type === 'single',
    );
    expect(
      (await call(p, w.teacher, 'POST', `/api/exam-attempts/${attemptId}/answers/${single.index}/grade`, { score: 1 }))
        .body.error.code,
    ).toBe('EXAM_NOT_GRADABLE');
    const last = await call(p, w.teacher, 'POST', `/api/exam-attempts/${attemptId}/answers/${second}/grade`, {
      score: 10,
    });
    expect(last.body).toMatchObject({ pendingManual: 0, attemptScore: 70 });
    const view = await call(p, w.learners[0], 'GET', `/api/exam-attempts/${attemptId}`);
    expect(view.body).toMatchObject({ status: 'graded', outcome: { points: 70, mark: 70, passed: true } });
    const audit = await p.services.infra.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'exam.answer.grade')
      .where('target_id', '=', attemptId)
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor_id === w.teacher.userId)).toBe(true);
  });
});

describe('practical assessment and the pass rule', () => {
  let items: { id: string; maxScore: number }[] = [];

  it('the institution sets the items; the assessor enters scores with evidence of the institution', async () => {
    const set = await call(p, w.admin, 'PUT', `/api/classes/${w.classId}/practical-items`, {
      items: [
        { title: '照明电路安装', maxScore: 60 },
        { title: '安全操作', maxScore: 40 },
      ],
    });
    expect(set.status).toBe(200);
    items = set.body.items;
    const media = newId();
    const institutionA = (
      await p.services.infra.db
        .selectFrom('users')
        .select('institution_id')
        .where('id', '=', w.admin.userId)
        .executeTakeFirstOrThrow()
    ).institution_id;
    const now = p.clock.now().toISOString();
    await p.services.infra.db
      .insertInto('media')
      .values({
        id: media,
        institution_id: institutionA,
        kind: 'video',
        original_name: '实操.mp4',
        mime: 'video/mp4',
        size: 1,
        sha256: '0',
        status: 'ready',
        progress: 100,
        duration_ms: 1000,
        width: null,
        height: null,
        page_count: null,
        error: null,
        created_by: w.teacher.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const learnerId = w.learners[0].userId;
    const bad = await call(p, w.teacher, 'POST', `/api/classes/${w.classId}/practical-scores`, {
      learnerId,
      itemId: items[0].id,
      score: 50,
      evidenceMediaIds: [newId()],
    });
    expect(bad.body.error.code).toBe('EXAM_EVIDENCE_INVALID');
    const first = await call(p, w.teacher, 'POST', `/api/classes/${w.classId}/practical-scores`, {
      learnerId,
      itemId: items[0].id,
      score: 50,
      evidenceMediaIds: [media],
    });
    expect(first.body).toMatchObject({ practicalScore: null, practicalPassed: false, passed: false, theoryScore: 70 });
    const second = await call(p, w.teacher, 'POST', `/api/classes/${w.classId}/practical-scores`, {
      learnerId,
      itemId: items[1].id,
      score: 9,
      evidenceMediaIds: [],
    });
    // 59 of 100: practical below the pass mark, so not passed although theory is 70.
    expect(second.body).toMatchObject({
      practicalScore: 59,
      practicalPassed: false,
      theoryPassed: true,
      passed: false,
    });
    const corrected = await call(p, w.teacher, 'POST', `/api/classes/${w.classId}/practical-scores`, {
      learnerId,
      itemId: items[1].id,
      score: 30,
      evidenceMediaIds: [media],
    });
    expect(corrected.body).toMatchObject({ practicalScore: 80, practicalPassed: true, passed: true });
    expect(
      (
        await call(p, w.admin, 'PUT', `/api/classes/${w.classId}/practical-items`, {
          items: [{ title: 'x', maxScore: 10 }],
        })
      ).body.error.code,
    ).toBe('EXAM_PRACTICAL_LOCKED');
    // The certificates' port: exactly this shape.
    expect(await p.services.assessmentResults.outcomeOf(p.services.infra.db, w.classId, learnerId)).toEqual({
      theoryScore: 70,
      theoryPassed: true,
      practicalScore: 80,
      practicalPassed: true,
      passed: true,
    });
    // A learner with no theory exam taken does not pass.
    expect(
      await p.services.assessmentResults.outcomeOf(p.services.infra.db, w.classId, w.learners[1].userId),
    ).toMatchObject({
      theoryScore: null,
      passed: false,
    });
  });

  it('the regulator of the region sees all of it', async () => {
    const seen = await call(p, s.xihu, 'GET', `/api/classes/${w.classId}/assessment`);
    expect(seen.status).toBe(200);
    const mine = seen.body.learners.find((l: { learnerId: string }) => l.learnerId === w.learners[0].userId);
    expect(mine).toMatchObject({
      passed: true,
      practical: expect.arrayContaining([
        expect.objectContaining({ score: 50 }),
        expect.objectContaining({ score: 30 }),
      ]),
    });
    expect((await call(p, s.xihu, 'GET', `/api/exams/${exam.id}/attempts`)).body.items).toHaveLength(1);
  });
});

describe('tenant scope of every exam endpoint', () => {
  it('other institutions, other regions and other learners get NOT_FOUND (or FORBIDDEN by role)', async () => {
    const learnerId = w.learners[0].userId;
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/classes/${w.classId}/exams`],
      ['GET', `/api/exams/${exam.id}/attempts`],
      ['GET', `/api/exams/${exam.id}/grading`],
      ['POST', `/api/exam-attempts/${attemptId}/answers/0/grade`, { score: 1 }],
      ['GET', `/api/classes/${w.classId}/assessment`],
      [
        'POST',
        `/api/classes/${w.classId}/practical-scores`,
        { learnerId, itemId: newId(), score: 1, evidenceMediaIds: [] },
      ],
      ['PUT', `/api/classes/${w.classId}/practical-items`, { items: [{ title: 'x', maxScore: 10 }] }],
      [
        'POST',
        `/api/classes/${w.classId}/exams`,
        {
          paperId: newId(),
          title: 'x',
          windowStart: '2030-01-01T00:00:00Z',
          windowEnd: '2030-01-02T00:00:00Z',
          timeLimitMinutes: 10,
          maxAttempts: 1,
        },
      ],
      ['POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE }],
      ['GET', `/api/exam-attempts/${attemptId}`],
      ['GET', `/api/exam-attempts/${attemptId}/review`],
      ['GET', `/api/exam-attempts/${attemptId}/practice/0`],
      ['PUT', `/api/exam-attempts/${attemptId}/answers/0`, { answer: ['A'], deviceId: DEVICE }],
      ['POST', `/api/exam-attempts/${attemptId}/events`, { kind: 'hidden', durationMs: null, deviceId: DEVICE }],
      ['POST', `/api/exam-attempts/${attemptId}/submit`, { deviceId: DEVICE }],
      ['POST', `/api/exam-attempts/${attemptId}/face`, { frames: ['AAAA'], deviceId: DEVICE }],
    ];
    const leaks: string[] = [];
    for (const who of ['adminB', 'teacherB', 'ningbo', 'outsider'] as const)
      for (const [method, url, body] of routes) {
        const res = await call(p, s[who], method as 'GET', url, body);
        if (res.status !== 404 && res.status !== 403) leaks.push(`${who} ${method} ${url}: ${res.status}`);
      }
    // The other learner of the class may list its exams but not touch the first learner's attempt.
    for (const [method, url, body] of routes.filter(([, url]) => url.includes('/exam-attempts/'))) {
      const res = await call(p, w.learners[1], method as 'GET', url, body);
      if (res.status !== 404 && res.status !== 403) leaks.push(`learner2 ${method} ${url}: ${res.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('staff in scope and the operator read; a regulator cannot grade or enter scores', async () => {
    expect((await call(p, s.operator, 'GET', `/api/classes/${w.classId}/assessment`)).status).toBe(200);
    expect((await call(p, s.xihu, 'GET', `/api/exams/${exam.id}/grading`)).status).toBe(403);
    expect((await call(p, w.teacher, 'GET', `/api/exams/${exam.id}/attempts`)).status).toBe(200);
  });
});
