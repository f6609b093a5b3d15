import type { DbOrTrx } from '../../database/schema.js';
import { AppError } from '../../platform/errors.js';

// The exams' port to the question banks (module question-banks implements it; services.ts wires it): a paper drawn
// for an attempt, the question versions a learner may see, and the keys, which never leave the server before the
// attempt is submitted. Tests use the in-memory source of exams.testkit.ts.

export type QuestionType = 'single' | 'multiple' | 'true_false' | 'fill_blank' | 'short_answer';

export type QuestionVersionView = {
  id: string;
  questionId: string;
  version: number;
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
  difficulty: number;
  moduleCode: string | null;
};

export type QuestionKey = { versionId: string; type: QuestionType; answer: string[]; explanation: string };

export interface QuestionSource {
  drawForAttempt(
    db: DbOrTrx,
    paperId: string,
    seed: string,
  ): Promise<{
    paper: { id: string; kind: 'practice' | 'mock' | 'formal'; totalScore: number };
    items: { versionId: string; score: number; optionOrder: string[] }[];
  }>;
  versionsByIds(db: DbOrTrx, ids: string[]): Promise<QuestionVersionView[]>;
  keysByIds(db: DbOrTrx, ids: string[]): Promise<QuestionKey[]>;
  gradeObjective(key: QuestionKey, answer: string[]): { correct: boolean } | 'needs_person';
}

/** Until the question banks are wired in (services.ts), no paper exists: setting an exam is refused with a clear code. */
export const noQuestionBanks: QuestionSource = {
  drawForAttempt: () => Promise.reject(new AppError('EXAM_PAPER_NOT_FOUND')),
  versionsByIds: () => Promise.resolve([]),
  keysByIds: () => Promise.resolve([]),
  gradeObjective: () => 'needs_person',
};
