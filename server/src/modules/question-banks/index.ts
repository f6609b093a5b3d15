// Front door of modules/question-banks (question banks per occupation and level, versioned questions, import and
// export in Excel, Moodle XML and GIFT, papers fixed or drawn by rules); other modules import only from here.
export { QuestionBanksService } from './question-banks.service.js';
export { PapersService } from './papers.service.js';
export type { PaperUsage } from './paper-usage.js';
export { questionBankRoutes } from './question-banks.routes.js';
export { gradeObjective, normaliseFill, type Grade } from './grading.js';
export { drawPaper, shuffleOptions, originalKey, type DrawRule } from './draw.js';
export type { QuestionVersionView, QuestionKey, DrawnItem, PaperKind } from './paper-draw.js';
export { QUESTION_TYPES, type QuestionType, type QuestionContent, type QuestionOption } from './question.js';
export type {
  PapersTable,
  QuestionBanksTable,
  QuestionsTable,
  QuestionVersionsTable,
} from './question-banks.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as questionBanksContract from './question-banks.contract.js';
