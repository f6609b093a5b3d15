import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { createExamWorld, DEVICE, KEY_MARK, setExam, type ExamWorld } from './exams.testkit.js';

// The bar of issue 16, as a property over the HTTP API: whatever a client sends, in whatever order, with time moving
// on the server's clock — no answer counts that the server received after the deadline, and no answer key, correct
// answer or explanation reaches the client before the attempt is submitted.

let p: TestPlatform;
let w: ExamWorld;
const MIN = 60_000;
const LIMIT_MIN = 10;
const FOCUS_LIMIT = 5; // the national policy's focusLossLimit

beforeAll(async () => {
  p = await createTestPlatform();
  w = await createExamWorld(p, { learnerCount: 1 });
});
afterAll(async () => {
  await p?.drop();
});

type Command =
  | { kind: 'save'; index: number; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'view' }
  | { kind: 'resume' }
  | { kind: 'focus' }
  | { kind: 'submit' }
  | { kind: 'jobs' }
  | { kind: 'review' }
  | { kind: 'practice'; index: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('save' as const), index: fc.nat(3), pick: fc.nat(3) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Around the deadline on purpose: just before, exactly at and just after it are all reachable.
      ms: fc.constantFrom(1, 999, MIN, 3 * MIN, LIMIT_MIN * MIN - 1, LIMIT_MIN * MIN, 2),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'view' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'focus' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'submit' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'jobs' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'review' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('practice' as const), index: fc.nat(3) }) },
);

/** Every property name anywhere in an answer. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

describe('the server decides the deadline and keeps the keys', () => {
  it('property: no answer counts after the deadline, no key leaks before submission', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const learner = w.learners[0];
        // single (B), multiple (A, C), fill-in and a short answer: 10 points each.
        const paperId = w.questions.paper('formal', { single: 1, multiple: 1, fill_blank: 1, short_answer: 1 }, 10);
        const exam = await setExam(p, w, paperId, { timeLimitMinutes: LIMIT_MIN, maxAttempts: 1 });
        const started = await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE });
        expect(started.status).toBe(200);
        const attempt = started.body as { id: string; deadlineAt: string; items: { type: string }[] };
        const deadline = Date.parse(attempt.deadlineAt);
        const drawn = JSON.parse(
          (
            await p.services.infra.db
              .selectFrom('exam_attempts')
              .select('items')
              .where('id', '=', attempt.id)
              .executeTakeFirstOrThrow()
          ).items,
        ) as { versionId: string; optionOrder: string[] }[];
        const key = (i: number) => w.questions.correctAnswer(drawn[i].versionId);
        // The candidate answers of an item: its key among wrong ones.
        const candidates = (i: number): string[][] =>
          drawn[i].optionOrder.length
            ? [key(i), [drawn[i].optionOrder[0]], [drawn[i].optionOrder[1]], drawn[i].optionOrder.slice(0, 2)]
            : [key(i), ['错误答案'], [''], ['另一个答案']];

        // The model: the last answer the server took in time per item, whether the attempt has ended.
        const inTime = new Map<number, string[]>();
        let submitted = false;
        let focus = 0;
        const check = (label: string, res: { status: number; body: unknown }) => {
          if (submitted) return;
          // The learner's own saved answers are echoed back, and a right fill-in answer is the key's text: not a leak.
          const text = JSON.stringify(res.body, (k, v: unknown) => (k === 'saved' ? undefined : v));
          expect(text, `${label} leaked a key`).not.toContain(KEY_MARK);
          const names = keysOf(res.body);
          for (const forbidden of ['correctAnswer', 'explanation', 'correct', 'rubric', 'referenceAnswer'])
            expect(names.has(forbidden), `${label} answered "${forbidden}" before submission`).toBe(false);
        };

        for (const c of commands) {
          const now = p.clock.now().getTime();
          if (!submitted && now > deadline) submitted = true; // the server submits at the deadline, on any call or job
          switch (c.kind) {
            case 'save': {
              const answer = candidates(c.index)[c.pick];
              const res = await call(p, learner, 'PUT', `/api/exam-attempts/${attempt.id}/answers/${c.index}`, {
                answer,
                deviceId: DEVICE,
              });
              check('save', res);
              if (!submitted) {
                expect(res.status, JSON.stringify(res.body)).toBe(200);
                inTime.set(c.index, answer);
              } else expect(res.status).toBe(409);
              break;
            }
            case 'advance':
              p.clock.advance(c.ms);
              break;
            case 'view':
              check('view', await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}`));
              break;
            case 'resume':
              check('resume', await call(p, learner, 'POST', `/api/exams/${exam.id}/attempts`, { deviceId: DEVICE }));
              break;
            case 'focus': {
              const res = await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/events`, {
                kind: 'hidden',
                durationMs: 1000,
                deviceId: DEVICE,
              });
              check('focus', res);
              if (!submitted) {
                focus += 1;
                if (focus >= FOCUS_LIMIT) submitted = true;
              }
              break;
            }
            case 'submit': {
              const res = await call(p, learner, 'POST', `/api/exam-attempts/${attempt.id}/submit`, {
                deviceId: DEVICE,
              });
              expect(res.status).toBe(200);
              submitted = true;
              break;
            }
            case 'jobs':
              await p.services.jobs.drain();
              break;
            case 'review': {
              const res = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}/review`);
              check('review', res);
              expect(res.status).toBe(submitted ? 200 : 409);
              break;
            }
            case 'practice': {
              const res = await call(p, learner, 'GET', `/api/exam-attempts/${attempt.id}/practice/${c.index}`);
              check('practice', res);
              expect(res.status).not.toBe(200);
              break;
            }
          }
        }
        // Let the deadline pass and the job run: whatever the client did, the attempt ends.
        p.clock.advance(LIMIT_MIN * MIN + 2000);
        await p.services.jobs.drain();

        const row = await p.services.infra.db
          .selectFrom('exam_attempts')
          .select(['status', 'score', 'pending_manual', 'submitted_at', 'deadline_at'])
          .where('id', '=', attempt.id)
          .executeTakeFirstOrThrow();
        expect(['submitted', 'graded']).toContain(row.status);
        expect(Date.parse(row.submitted_at!)).toBeLessThanOrEqual(deadline);
        // The score is exactly that of the answers taken in time.
        let expected = 0;
        let manual = 0;
        for (const [index, answer] of inTime) {
          const type = attempt.items[index].type as 'single';
          if (type === ('short_answer' as string)) {
            manual += 1;
            continue;
          }
          const verdict = w.questions.gradeObjective(
            { versionId: drawn[index].versionId, type, answer: key(index), explanation: '' },
            answer,
          );
          if (verdict !== 'needs_person' && verdict.correct) expected += 10;
        }
        expect(row.score).toBe(expected);
        expect(row.pending_manual).toBe(manual);
        const stored = await p.services.infra.db
          .selectFrom('exam_answers')
          .select(['item_index', 'answer', 'saved_at'])
          .where('attempt_id', '=', attempt.id)
          .execute();
        expect(new Map(stored.map((a) => [a.item_index, JSON.parse(a.answer) as string[]]))).toEqual(inTime);
        expect(stored.every((a) => Date.parse(a.saved_at) <= deadline)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
