import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Platform } from '../../bootstrap.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { call, DEMO, login, type Session } from '../../testing/platform.js';
import type { TheoryProgress } from '../attendance/index.js';
import { enrolDirectly, insertClass, userByPhone } from '../enrolment/enrolment.testkit.js';
import type { FaceAnswer, FaceVerdict } from '../learning/index.js';
import { createExamServices } from './exam-services.js';
import type { ExamCheckRef, ExamFaceVerifier } from './face-check.js';
import type { QuestionKey, QuestionSource, QuestionType, QuestionVersionView } from './question-source.js';

// Test set-up for exams: an in-memory question source (the question banks' port), the exam services rebuilt over it,
// an approved class of institution A with enrolled demo learners, and a face verifier that answers as a test says.

/** Marks every key and explanation, so a test can search any answer for a leak. */
export const KEY_MARK = 'KEYLEAK';

type Question = { version: QuestionVersionView; key: QuestionKey };
type Paper = { kind: 'practice' | 'mock' | 'formal'; items: { versionId: string; score: number }[] };

/** A deterministic generator from a seed (mulberry32), so a drawn paper is the same for the same seed. */
function seeded(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export class MemoryQuestionSource implements QuestionSource {
  readonly questions = new Map<string, Question>();
  readonly papers = new Map<string, Paper>();

  add(type: QuestionType, answer: string[], optionKeys: string[] = []): string {
    const id = newId();
    this.questions.set(id, {
      version: {
        id,
        questionId: newId(),
        version: 1,
        type,
        stem: `题干 ${type} ${this.questions.size + 1}`,
        options: optionKeys.map((key) => ({ key, text: `选项 ${key}` })),
        difficulty: 2,
        moduleCode: null,
      },
      // Fill-in answers carry the mark themselves; option keys cannot, the explanation always does.
      key: { versionId: id, type, answer, explanation: `${KEY_MARK} 解析 ${id}` },
    });
    return id;
  }

  /** A paper of `n` questions: single choice (key B), multiple (A, C), true/false (T), fill-in, and short answers. */
  paper(kind: Paper['kind'], counts: Partial<Record<QuestionType, number>>, score = 2): string {
    const items: Paper['items'] = [];
    const make: Record<QuestionType, () => string> = {
      single: () => this.add('single', ['B'], ['A', 'B', 'C', 'D']),
      multiple: () => this.add('multiple', ['A', 'C'], ['A', 'B', 'C', 'D']),
      true_false: () => this.add('true_false', ['T'], ['T', 'F']),
      fill_blank: () => this.add('fill_blank', [`${KEY_MARK}-blank`]),
      short_answer: () => this.add('short_answer', [`${KEY_MARK}-reference`]),
    };
    for (const [type, n] of Object.entries(counts) as [QuestionType, number][])
      for (let i = 0; i < n; i++) items.push({ versionId: make[type](), score });
    const id = newId();
    this.papers.set(id, { kind, items });
    return id;
  }

  correctAnswer(versionId: string): string[] {
    return this.questions.get(versionId)!.key.answer;
  }

  drawForAttempt(_db: unknown, paperId: string, seed: string) {
    const paper = this.papers.get(paperId);
    if (!paper) return Promise.reject(new AppError('NOT_FOUND'));
    const random = seeded(seed);
    return Promise.resolve({
      paper: { id: paperId, kind: paper.kind, totalScore: paper.items.reduce((s, i) => s + i.score, 0) },
      items: shuffle(paper.items, random).map((i) => ({
        versionId: i.versionId,
        score: i.score,
        optionOrder: shuffle(
          this.questions.get(i.versionId)!.version.options.map((o) => o.key),
          random,
        ),
      })),
    });
  }

  versionsByIds(_db: unknown, ids: string[]) {
    return Promise.resolve(ids.flatMap((id) => (this.questions.has(id) ? [this.questions.get(id)!.version] : [])));
  }

  keysByIds(_db: unknown, ids: string[]) {
    return Promise.resolve(ids.flatMap((id) => (this.questions.has(id) ? [this.questions.get(id)!.key] : [])));
  }

  gradeObjective(key: QuestionKey, answer: string[]): { correct: boolean } | 'needs_person' {
    if (key.type === 'short_answer') return 'needs_person';
    const norm = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort().join('\u0000');
    return { correct: norm(key.answer) === norm(answer) };
  }
}

/** A face verifier answering with the outcomes a test queues (pass when the queue is empty). */
export class ScriptedFaces implements ExamFaceVerifier {
  readonly outcomes: FaceVerdict['outcome'][] = [];
  readonly calls: ExamCheckRef[] = [];
  enrolled = true;

  verifyExam(_userId: string, _answer: FaceAnswer, ref: ExamCheckRef): Promise<FaceVerdict> {
    this.calls.push(ref);
    const outcome = this.outcomes.shift() ?? 'pass';
    return Promise.resolve({
      outcome,
      reason: outcome === 'pass' ? null : outcome === 'fail' ? 'mismatch' : 'too_dark',
      faceCheckId: newId(),
      distance: outcome === 'pass' ? 0.3 : 0.8,
      threshold: 0.5,
      liveness: null,
    });
  }

  isEnrolled(): Promise<boolean> {
    return Promise.resolve(this.enrolled);
  }
}

/** Theory complete for everyone but the learners a test names. */
export class TheoryGate implements TheoryProgress {
  readonly incomplete = new Set<string>();
  isTheoryComplete(userId: string): Promise<boolean> {
    return Promise.resolve(!this.incomplete.has(userId));
  }
}

export type ExamWorld = {
  questions: MemoryQuestionSource;
  faces: ScriptedFaces;
  theory: TheoryGate;
  classId: string;
  admin: Session;
  teacher: Session;
  learners: Session[];
};

/** The exam services over the test's question source, face verifier and theory gate (the routes look them up per call). */
export function useExamServices(
  p: Platform,
  deps: { questions: QuestionSource; faces: ExamFaceVerifier | null; theory: TheoryProgress; random?: () => number },
) {
  const { db, clock, hot } = p.services.infra;
  Object.assign(
    p.services,
    createExamServices({
      db,
      clock,
      hot,
      audit: p.services.audit,
      policies: p.services.policies,
      jobs: p.services.jobs,
      questions: deps.questions,
      theory: deps.theory,
      face: deps.faces,
      random: deps.random,
    }),
  );
}

/** An approved class of institution A with `learnerCount` enrolled demo learners of A, signed in. */
export async function createExamWorld(
  p: Platform,
  options: { learnerCount?: number; faces?: boolean } = {},
): Promise<ExamWorld> {
  const questions = new MemoryQuestionSource();
  const faces = new ScriptedFaces();
  const theory = new TheoryGate();
  useExamServices(p, { questions, faces: options.faces ? faces : null, theory });
  const classId = await insertClass(p, { status: 'approved', startDate: '2020-01-01', endDate: '2099-12-31' });
  const phones = Array.from(
    { length: options.learnerCount ?? 2 },
    (_, i) => `138000000${String(i + 1).padStart(2, '0')}`,
  );
  const ids = [];
  for (const phone of phones) ids.push((await userByPhone(p, phone)).id);
  await enrolDirectly(p, classId, ids);
  const learners = [];
  for (const phone of phones) learners.push(await login(p, phone));
  return {
    questions,
    faces,
    theory,
    classId,
    admin: await login(p, DEMO.adminA),
    teacher: await login(p, DEMO.teacherA),
    learners,
  };
}

/** Sets an exam through the API (the window open from now for a day unless given). */
export async function setExam(
  p: Platform,
  world: ExamWorld,
  paperId: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; totalScore: number; passMark: number }> {
  const now = p.services.infra.clock.now().getTime();
  const res = await call(p, world.admin, 'POST', `/api/classes/${world.classId}/exams`, {
    paperId,
    title: '理论考试',
    windowStart: new Date(now - 60_000).toISOString(),
    windowEnd: new Date(now + 86_400_000).toISOString(),
    timeLimitMinutes: 60,
    maxAttempts: 2,
    ...fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export const DEVICE = 'device-0001';
