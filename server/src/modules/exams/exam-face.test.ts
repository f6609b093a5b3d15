import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { createExamWorld, DEVICE, setExam, type ExamWorld } from './exams.testkit.js';

// Face verification of the formal exam: at the start (the clock starts only when it passes) and at random moments
// during the attempt (a due check comes with the answers; unanswered in time it is a miss), every result recorded.

let p: TestPlatform;
let w: ExamWorld;
const MIN = 60_000;
const FRAMES = { frames: ['AAAA', 'AAAA', 'AAAA'], deviceId: DEVICE };

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 2, faces: true });
});
afterAll(async () => {
  await p?.drop();
});

describe('face checks of the formal exam', () => {
  it('the clock starts only after the face check at the start passes', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 2 }), { timeLimitMinutes: 60 });
    const learner = w.learners[0];
    const started = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body;
    expect(started).toMatchObject({ status: 'awaiting_face', deadlineAt: null, faceCheck: { moment: 'start' } });
    const early = await call(p, learner, 'PUT', `/api/exam-attempts/${started.id}/answers/0`, {
      answer: ['A'],
      deviceId: DEVICE,
    });
    expect(early.body.error.code).toBe('EXAM_FACE_REQUIRED');

    w.faces.outcomes.push('fail');
    const failed = await call(p, learner, 'POST', `/api/exam-attempts/${started.id}/face`, FRAMES);
    expect(failed.body).toMatchObject({ outcome: 'fail', reason: 'mismatch', attempt: { status: 'awaiting_face' } });
    // A new challenge for the next try.
    expect(failed.body.attempt.faceCheck.id).not.toBe(started.faceCheck.id);

    p.clock.advance(5 * MIN);
    const passed = await call(p, learner, 'POST', `/api/exam-attempts/${started.id}/face`, FRAMES);
    expect(passed.body).toMatchObject({ outcome: 'pass', attempt: { status: 'open', remainingMs: 60 * MIN } });
    const events = await p.services.infra.db
      .selectFrom('learning_records')
      .select('kind')
      .where('session_id', '=', started.id)
      .orderBy('chain_seq')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['exam_face_check', 'exam_face_check', 'exam_started']);
  });

  it('random checks during the attempt are put with the answers; a check not answered in time is a miss', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 2 }), { timeLimitMinutes: 100 });
    const learner = w.learners[1];
    const id = (await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body.id;
    await call(p, learner, 'POST', `/api/exam-attempts/${id}/face`, FRAMES);
    const plan = JSON.parse(
      (
        await p.services.infra.db
          .selectFrom('exam_attempts')
          .select('face_plan')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).face_plan,
    ) as { during: { id: string; dueAt: number }[] };
    // National policy: two checks during the exam, in its middle.
    expect(plan.during).toHaveLength(2);
    const [first, second] = plan.during;
    p.clock.set(new Date(first.dueAt));
    const saved = await call(p, learner, 'PUT', `/api/exam-attempts/${id}/answers/0`, {
      answer: ['A'],
      deviceId: DEVICE,
    });
    expect(saved.body.faceCheck).toMatchObject({ id: first.id, moment: 'during' });
    w.faces.outcomes.push('fail');
    expect((await call(p, learner, 'POST', `/api/exam-attempts/${id}/face`, FRAMES)).body.outcome).toBe('fail');
    // The second is left unanswered past its response time (national policy: 120 s).
    p.clock.set(new Date(second.dueAt + 121_000));
    const later = await call(p, learner, 'PUT', `/api/exam-attempts/${id}/answers/1`, {
      answer: ['B'],
      deviceId: DEVICE,
    });
    expect(later.body.faceCheck).toBeNull();
    const checks = await p.services.infra.db
      .selectFrom('exam_events')
      .select(['data'])
      .where('attempt_id', '=', id)
      .where('kind', '=', 'face_check')
      .orderBy('at')
      .execute();
    expect(checks.map((c) => (JSON.parse(c.data) as { outcome: string }).outcome)).toEqual(['pass', 'fail', 'missed']);
    expect((await call(p, learner, 'POST', `/api/exam-attempts/${id}/face`, FRAMES)).body.error.code).toBe(
      'EXAM_NO_FACE_CHECK_DUE',
    );
  });

  it('without an enrolled face the formal exam does not start', async () => {
    const exam = await setExam(p, w, w.questions.paper('formal', { single: 1 }));
    w.faces.enrolled = false;
    try {
      expect(
        (await call(p, w.learners[0], 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE })).body.error.code,
      ).toBe('EXAM_FACE_NOT_ENROLLED');
    } finally {
      w.faces.enrolled = true;
    }
  });
});
