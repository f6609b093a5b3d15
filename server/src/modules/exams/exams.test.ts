import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { decodeRecordOf, verifyChain } from '../learning/index.js';
import { examsResponses } from './exams.contract.js';
import { createExamWorld, DEVICE, KEY_MARK, setExam, type ExamWorld } from './exams.testkit.js';

// Taking exams through the API: the server's deadline, saving as answers are given, resuming, the deadline job, the
// evidence chain, practice feedback and the review after submission; on the configured dialect.

let p: TestPlatform;
let w: ExamWorld;
const MIN = 60_000;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 3 });
});
afterAll(async () => {
  await p?.drop();
});

const start = (s: Session, examId: string, deviceId = DEVICE) =>
  call(p, s, 'POST', `/api/exams/${examId}/attempts`, { deviceId });
const save = (s: Session, attemptId: string, index: number, answer: string[], deviceId = DEVICE) =>
  call(p, s, 'PUT', `/api/exam-attempts/${attemptId}/answers/${index}`, { answer, deviceId });

/** The answer that is right for an item of the attempt, looked up in the test's own question source. */
async function keyOf(attemptId: string, index: number): Promise<string[]> {
  const row = await p.services.infra.db
    .selectFrom('exam_attempts')
    .select('items')
    .where('id', '=', attemptId)
    .executeTakeFirstOrThrow();
  const items = JSON.parse(row.items) as { versionId: string }[];
  return w.questions.correctAnswer(items[index].versionId);
}

describe('the formal exam on the server clock', () => {
  it('starts with a deadline of start + limit, saves answers, refuses them after the deadline and counts only those before', async () => {
    const paper = w.questions.paper('formal', { single: 3, multiple: 2 }, 20);
    const exam = await setExam(p, w, paper, { timeLimitMinutes: 30 });
    expect(exam).toMatchObject({ kind: 'formal', totalScore: 100, passMark: 60 });
    const learner = w.learners[0];
    const started = await start(learner, exam.id);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const attempt = started.body;
    expect(attempt.status).toBe('open');
    expect(Date.parse(attempt.deadlineAt) - Date.parse(attempt.startedAt)).toBe(30 * MIN);
    expect(attempt.items).toHaveLength(5);
    expect(JSON.stringify(attempt)).not.toContain(KEY_MARK);

    // Two right answers in time, one wrong, and one right answer a millisecond after the deadline.
    for (const index of [0, 1])
      expect((await save(learner, attempt.id, index, await keyOf(attempt.id, index))).status).toBe(200);
    const wrong = (await keyOf(attempt.id, 2)).includes('A') ? ['D'] : ['A'];
    const saved = await save(learner, attempt.id, 2, wrong);
    expect(saved.body).toMatchObject({ index: 2, remainingMs: 30 * MIN, faceCheck: null });
    p.clock.advance(30 * MIN + 1);
    const late = await save(learner, attempt.id, 3, await keyOf(attempt.id, 3));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('EXAM_PAST_DEADLINE');

    const after = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}`);
    expect(after.body.status).toBe('graded');
    expect(after.body.outcome).toMatchObject({ submittedBy: 'deadline', points: 40, mark: 40, passed: false });
    expect(after.body.outcome.submittedAt).toBe(attempt.deadlineAt);
    expect(after.body.saved.map((s: { index: number }) => s.index)).toEqual([0, 1, 2]);

    const review = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}/review`);
    expect(review.status).toBe(200);
    expect(review.body.items[3]).toMatchObject({ answer: null, awarded: 0 });
    expect(review.body.items[0].correctAnswer).toEqual(await keyOf(attempt.id, 0));
    expect(review.body.items[0].explanation).toContain(KEY_MARK);
  });

  it('writes every event of the attempt to the learner\u2019s hash chain', async () => {
    const paper = w.questions.paper('formal', { single: 2 });
    const exam = await setExam(p, w, paper);
    const learner = w.learners[1];
    const attempt = (await start(learner, exam.id)).body;
    await save(learner, attempt.id, 0, ['A']);
    await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/events`, {
      kind: 'hidden',
      durationMs: 4000,
      deviceId: DEVICE,
    });
    expect(
      (await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/submit`, { deviceId: DEVICE })).status,
    ).toBe(200);
    const records = await p.services.infra.db
      .selectFrom('learning_records')
      .select(['kind', 'data'])
      .where('session_id', '=', attempt.id)
      .orderBy('chain_seq')
      .execute();
    expect(records.map((r) => r.kind)).toEqual([
      'exam_started',
      'exam_answer_saved',
      'exam_focus_lost',
      'exam_submitted',
    ]);
    expect(decodeRecordOf('exam_answer_saved', records[1])).toMatchObject({ itemIndex: 0, answer: ['A'] });
    expect(decodeRecordOf('exam_submitted', records[3])).toMatchObject({ by: 'learner', answers: 1 });
    expect((await verifyChain(p.services.infra.db, learner.userId)).ok).toBe(true);
  });

  it('the deadline is the end of the window when that comes first', async () => {
    const now = p.clock.now().getTime();
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }), {
      windowStart: new Date(now - MIN).toISOString(),
      windowEnd: new Date(now + 10 * MIN).toISOString(),
      timeLimitMinutes: 60,
    });
    const attempt = (await start(w.learners[2], exam.id)).body;
    expect(attempt.deadlineAt).toBe(new Date(now + 10 * MIN).toISOString());
  });

  it('a crashed browser resumes the same attempt with the time left; another device is refused', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 2 }));
    let learner = w.learners[0];
    const first = (await start(learner, exam.id)).body;
    await save(learner, first.id, 1, ['C']);
    p.clock.advance(10 * MIN);
    const again = await start(learner, exam.id);
    expect(again.body).toMatchObject({ id: first.id, remainingMs: 50 * MIN, saved: [{ index: 1, answer: ['C'] }] });
    expect((await start(learner, exam.id, 'device-other')).body.error.code).toBe('EXAM_OTHER_DEVICE');
    expect((await save(learner, first.id, 0, ['A'], 'device-other')).body.error.code).toBe('EXAM_OTHER_DEVICE');
    // A new sign-in (which ends the old one) moves the attempt to the new device.
    learner = await login(p, '13800000001');
    w.learners[0] = learner;
    const moved = await start(learner, exam.id, 'device-new1');
    expect(moved.body).toMatchObject({ id: first.id, status: 'open' });
    expect((await save(learner, first.id, 0, ['A'], 'device-new1')).status).toBe(200);
    const resumed = await p.services.infra.db
      .selectFrom('exam_events')
      .select('kind')
      .where('attempt_id', '=', first.id)
      .execute();
    expect(resumed.map((e) => e.kind)).toEqual(['resumed']);
  });

  it('the deadline job submits what was saved when the learner never comes back', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 2 }, 50), { timeLimitMinutes: 20 });
    const learner = w.learners[1];
    const attempt = (await start(learner, exam.id)).body;
    await save(learner, attempt.id, 0, await keyOf(attempt.id, 0));
    p.clock.advance(20 * MIN + 2000);
    await p.services.jobs.drain();
    const row = await p.services.infra.db
      .selectFrom('exam_attempts')
      .select(['status', 'submitted_by', 'score'])
      .where('id', '=', attempt.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'graded', submitted_by: 'deadline', score: 50 });
  });

  it('attempts are limited; the best one counts', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }, 10), { maxAttempts: 2 });
    const learner = w.learners[2];
    for (const right of [true, false]) {
      const attempt = (await start(learner, exam.id)).body;
      const key = await keyOf(attempt.id, 0);
      await save(learner, attempt.id, 0, right ? key : key.includes('A') ? ['D'] : ['A']);
      await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/submit`, { deviceId: DEVICE });
    }
    expect((await start(learner, exam.id)).body.error.code).toBe('EXAM_NO_ATTEMPTS_LEFT');
    const listed = await call(p, learner, 'GET', `/api/classes/${w.classId}/exams`);
    const mine = listed.body.items.find((e: { id: string }) => e.id === exam.id).mine;
    expect(mine).toEqual({ attempts: 2, running: null, counted: { attemptNo: 1, mark: 100, passed: true } });
  });

  it('refuses the formal exam before the online theory is complete', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }));
    w.theory.incomplete.add(w.learners[1].userId);
    try {
      expect((await start(w.learners[1], exam.id)).body.error.code).toBe('EXAM_THEORY_INCOMPLETE');
      // Practice is not gated.
      const practice = await setExam(p, w, w.questions.paper('practice', { single: 1 }), { timeLimitMinutes: null });
      expect((await start(w.learners[1], practice.id)).status).toBe(200);
    } finally {
      w.theory.incomplete.clear();
    }
  });

  it('outside the window no attempt starts', async () => {
    const now = p.clock.now().getTime();
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }), {
      windowStart: new Date(now + 60 * MIN).toISOString(),
      windowEnd: new Date(now + 120 * MIN).toISOString(),
    });
    expect((await start(w.learners[0], exam.id)).body.error.code).toBe('EXAM_OUTSIDE_WINDOW');
  });
});

describe('focus losses', () => {
  it('are counted, warned from the policy count, and submit the formal attempt at the limit', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }));
    const learner = w.learners[2];
    // A fresh attempt: earlier tests used this learner's attempts of other exams only.
    const attempt = (await start(learner, exam.id)).body;
    const decisions = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/events`, {
        kind: 'focus_lost',
        durationMs: null,
        deviceId: DEVICE,
      });
      decisions.push(res.body.decision);
    }
    // National defaults: warned from the first, submitted at the fifth.
    expect(decisions).toEqual(['warn', 'warn', 'warn', 'warn', 'submit']);
    const after = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}`);
    expect(after.body.outcome.submittedBy).toBe('focus_limit');
    const sixth = await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/events`, {
      kind: 'focus_lost',
      durationMs: null,
      deviceId: DEVICE,
    });
    expect(sixth.body.error.code).toBe('EXAM_SUBMITTED');
  });
});

describe('practice', () => {
  it('shows the answer at once for practice and never for a running formal attempt', async () => {
    const practice = await setExam(p, w, w.questions.paper('practice', { single: 1 }), { timeLimitMinutes: null });
    expect(practice).toMatchObject({ kind: 'practice' });
    const learner = w.learners[0];
    const attempt = (await start(learner, practice.id)).body;
    await save(learner, attempt.id, 0, ['A']);
    const feedback = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}/practice/0`);
    expect(feedback.body).toMatchObject({ index: 0, correct: false, correctAnswer: ['B'] });

    const formal = await setExam(p, w, w.questions.paper('formal', { single: 1 }));
    const running = (await start(learner, formal.id)).body;
    await save(learner, running.id, 0, ['A']);
    expect((await call(p, learner, 'GET', `/api/exam-attempts/${running.id}/practice/0`)).body.error.code).toBe(
      'EXAM_NOT_PRACTICE',
    );
    expect((await call(p, learner, 'GET', `/api/exam-attempts/${running.id}/review`)).body.error.code).toBe(
      'EXAM_NOT_SUBMITTED',
    );
  });
});

describe('the contract of a running attempt', () => {
  /** Every property name a schema can answer with, nested objects and arrays included. */
  function names(schema: unknown, out = new Set<string>()): Set<string> {
    if (schema && typeof schema === 'object') {
      const s = schema as { properties?: Record<string, unknown>; items?: unknown };
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        out.add(k);
        names(v, out);
      }
      if (s.items) names(s.items, out);
    }
    return out;
  }

  it('no answer the learner gets before submission has a field for a key, a correct answer or an explanation', () => {
    const running = [
      'POST /exams/:id/attempts',
      'GET /exam-attempts/:id',
      'PUT /exam-attempts/:id/answers/:index',
      'POST /exam-attempts/:id/events',
      'POST /exam-attempts/:id/face',
    ] as const;
    for (const route of running) {
      const fields = names(Object.values(examsResponses[route])[0]);
      expect(fields.size, route).toBeGreaterThan(2);
      for (const forbidden of [
        'correctAnswer',
        'explanation',
        'correct',
        'answerKey',
        'rubric',
        'referenceAnswer',
        'versionId',
      ])
        expect(fields.has(forbidden), `${route} names ${forbidden}`).toBe(false);
    }
    // The review (after submission) does carry them: the check above would see them.
    expect(names(examsResponses['GET /exam-attempts/:id/review'][200]).has('correctAnswer')).toBe(true);
  });
});
