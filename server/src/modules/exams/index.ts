// Front door of modules/exams (practice, mock and the supervised formal exam with the server's clock, grading, the
// practical skills assessment and the pass rule); other modules import only from here.
export { assessmentOutcome, practicalMark, type AssessmentOutcome, type PassMarks } from './assessment.js';
export { AssessmentResults, PracticalService } from './assessment.service.js';
export { bankQuestionSource } from './bank-questions.js';
export { examPaperUsage } from './exams.repository.js';
export { AttemptsService, EXAM_DEADLINE_JOB, examRules } from './attempts.service.js';
export { createExamServices, type ExamDeps } from './exam-services.js';
export { type ExamCheckRef, type ExamFaceVerifier } from './face-check.js';
export { examRoutes } from './exams.routes.js';
export { ExamsService } from './exams.service.js';
export {
  type ExamAnswersTable,
  type ExamAttemptsTable,
  type ExamEventsTable,
  type ExamsTable,
  type PracticalItemsTable,
  type PracticalScoresTable,
} from './exams.tables.js';
export { GradingService } from './grading.service.js';
export {
  noQuestionBanks,
  type QuestionKey,
  type QuestionSource,
  type QuestionType,
  type QuestionVersionView,
} from './question-source.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as examsContract from './exams.contract.js';
