import type { DbOrTrx } from '../../database/schema.js';
import { AppError } from '../../platform/errors.js';
import { gradeObjective, type QuestionBanksService } from '../question-banks/index.js';
import type { QuestionSource } from './question-source.js';

/**
 * The question banks as the exams' QuestionSource: the same draw, versions and keys, with the banks' "not found" for a
 * paper told as the exams' own code and their grade (graded or manual) as the port's.
 */
export function bankQuestionSource(banks: QuestionBanksService): QuestionSource {
  return {
    async drawForAttempt(db: DbOrTrx, paperId: string, seed: string) {
      try {
        return await banks.drawForAttempt(db, paperId, seed);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('EXAM_PAPER_NOT_FOUND');
        throw error;
      }
    },
    versionsByIds: (db, ids) => banks.versionsByIds(db, ids),
    keysByIds: (db, ids) => banks.keysByIds(db, ids),
    gradeObjective(key, answer) {
      const grade = gradeObjective(key, answer);
      return grade.kind === 'manual' ? 'needs_person' : { correct: grade.correct };
    },
  };
}
