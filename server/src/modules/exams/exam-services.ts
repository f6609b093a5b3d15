import type { Kysely } from 'kysely';
import type { HotState } from '../../adapters/hotstate.js';
import type { Database } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { TheoryProgress } from '../attendance/index.js';
import type { AuditService } from '../audit/index.js';
import type { LocalJobRunner } from '../jobs/index.js';
import type { PoliciesService } from '../policies/index.js';
import { AssessmentResults, PracticalService } from './assessment.service.js';
import { AttemptsService } from './attempts.service.js';
import type { ExamFaceVerifier } from './face-check.js';
import { ExamsService } from './exams.service.js';
import { GradingService } from './grading.service.js';
import type { QuestionSource } from './question-source.js';

export type ExamDeps = {
  db: Kysely<Database>;
  clock: Clock;
  hot: HotState;
  audit: AuditService;
  policies: PoliciesService;
  jobs: LocalJobRunner;
  /** The question banks (their QuestionSource); tests pass the in-memory one of exams.testkit.ts. */
  questions: QuestionSource;
  /** Online theory complete under the learning engine (the formal exam's gate). */
  theory: TheoryProgress;
  face: ExamFaceVerifier | null;
  random?: () => number;
};

/** The exam services over one question source (services.ts wires them; the test kit builds them again with its own). */
export function createExamServices(deps: ExamDeps) {
  const assessmentResults = new AssessmentResults({ policies: deps.policies });
  return {
    exams: new ExamsService(deps),
    examAttempts: new AttemptsService(deps),
    grading: new GradingService(deps),
    practical: new PracticalService({ ...deps, results: assessmentResults }),
    assessmentResults,
  };
}
