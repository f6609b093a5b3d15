import { Type, type Static } from 'typebox';
import {
  Binary,
  ErrorCodeSchema,
  NoContent,
  OrNull,
  StringEnum,
  XLSX,
  type Check,
  type SameShape,
} from '../../http/contract.js';
import type { PaperPreview as PaperPreviewSource, PaperView as PaperViewSource } from './papers.service.js';
import type {
  BankDetail as BankDetailSource,
  BankSummary as BankSummarySource,
  QuestionImportReport as QuestionImportReportSource,
  QuestionVersionEntry as QuestionVersionEntrySource,
  QuestionView as QuestionViewSource,
} from './question-banks.service.js';

export const QuestionTypeSchema = StringEnum(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']);
export type QuestionType = Static<typeof QuestionTypeSchema>;
export const PaperKindSchema = StringEnum(['practice', 'mock', 'formal']);
export const QuestionFileFormatSchema = StringEnum(['xlsx', 'moodle_xml', 'gift']);

export const BankSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  institutionId: OrNull(Type.String()),
  institutionName: OrNull(Type.String()),
  questionCount: Type.Number(),
  canManage: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type BankSummary = Static<typeof BankSummarySchema>;
export const BankDetailSchema = Type.Object({ ...BankSummarySchema.properties, modules: Type.Array(Type.String()) });
export type BankDetail = Static<typeof BankDetailSchema>;

const OptionSchema = Type.Object({ key: Type.String(), text: Type.String() });
const ContentFields = {
  type: QuestionTypeSchema,
  stem: Type.String(),
  options: Type.Array(OptionSchema),
  answer: Type.Array(Type.String()),
  explanation: Type.String(),
  difficulty: Type.Number(),
  moduleCode: OrNull(Type.String()),
};
export const QuestionViewSchema = Type.Object({
  ...ContentFields,
  id: Type.String(),
  bankId: Type.String(),
  version: Type.Number(),
  versionId: Type.String(),
  retired: Type.Boolean(),
  updatedAt: Type.String(),
});
export type QuestionView = Static<typeof QuestionViewSchema>;
export const QuestionVersionEntrySchema = Type.Object({
  ...ContentFields,
  versionId: Type.String(),
  version: Type.Number(),
  createdAt: Type.String(),
});
export type QuestionVersionEntry = Static<typeof QuestionVersionEntrySchema>;

export const QuestionRowIssueSchema = Type.Object({
  row: Type.Number(),
  field: OrNull(StringEnum(['type', 'stem', 'options', 'answer', 'explanation', 'difficulty', 'moduleCode'])),
  code: ErrorCodeSchema,
  messages: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const QuestionImportReportSchema = Type.Object({
  mode: StringEnum(['check', 'all', 'valid-only']),
  fileName: Type.String(),
  format: QuestionFileFormatSchema,
  rows: Type.Number(),
  valid: Type.Number(),
  invalid: Type.Number(),
  errors: Type.Array(QuestionRowIssueSchema),
  imported: Type.Optional(Type.Number()),
});
export type QuestionImportReport = Static<typeof QuestionImportReportSchema>;

const TypeScoresSchema = Type.Object({
  single: Type.Number(),
  multiple: Type.Number(),
  true_false: Type.Number(),
  fill_blank: Type.Number(),
  short_answer: Type.Number(),
});
export const DrawRuleViewSchema = Type.Object({
  type: QuestionTypeSchema,
  count: Type.Number(),
  moduleCode: OrNull(Type.String()),
  difficulty: OrNull(Type.Number()),
});
export const PaperViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: PaperKindSchema,
  occupationCode: Type.String(),
  level: Type.Number(),
  institutionId: OrNull(Type.String()),
  bankIds: Type.Array(Type.String()),
  mode: StringEnum(['fixed', 'draw']),
  questionIds: Type.Array(Type.String()),
  rules: Type.Array(DrawRuleViewSchema),
  typeScores: TypeScoresSchema,
  totalScore: Type.Number(),
  questionCount: Type.Number(),
  canManage: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type PaperView = Static<typeof PaperViewSchema>;
export const PaperPreviewSchema = Type.Object({
  totalScore: Type.Number(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      questionId: Type.String(),
      version: Type.Number(),
      type: QuestionTypeSchema,
      stem: Type.String(),
      options: Type.Array(OptionSchema),
      difficulty: Type.Number(),
      moduleCode: OrNull(Type.String()),
      rule: OrNull(Type.Number()),
      score: Type.Number(),
      optionOrder: Type.Array(Type.String()),
      answer: Type.Array(Type.String()),
      explanation: Type.String(),
    }),
  ),
});
export type PaperPreview = Static<typeof PaperPreviewSchema>;

const QUESTION_FILES = [XLSX, 'application/xml', 'text/plain'];

export const questionBanksResponses = {
  'GET /question-banks': { 200: Type.Object({ items: Type.Array(BankSummarySchema) }) },
  'POST /question-banks': { 201: BankDetailSchema },
  'GET /question-banks/:id': { 200: BankDetailSchema },
  'PATCH /question-banks/:id': { 200: BankDetailSchema },
  'GET /question-banks/:id/questions': { 200: Type.Object({ items: Type.Array(QuestionViewSchema) }) },
  'POST /question-banks/:id/questions': { 201: QuestionViewSchema },
  'PUT /questions/:id': { 200: QuestionViewSchema },
  'POST /questions/:id/retire': { 204: NoContent },
  'GET /questions/:id/versions': { 200: Type.Object({ items: Type.Array(QuestionVersionEntrySchema) }) },
  'POST /question-banks/:id/import': { 200: QuestionImportReportSchema },
  'GET /question-banks/:id/export': { 200: Binary(QUESTION_FILES, 'The bank in the format asked for') },
  'GET /question-banks/:id/template.xlsx': {
    200: Binary([XLSX], 'The Excel template (header in Chinese and English)'),
  },
  'GET /papers': { 200: Type.Object({ items: Type.Array(PaperViewSchema) }) },
  'POST /papers': { 201: PaperViewSchema },
  'POST /papers/preview': { 200: PaperPreviewSchema },
  'GET /papers/:id': { 200: PaperViewSchema },
  'PUT /papers/:id': { 200: PaperViewSchema },
  'DELETE /papers/:id': { 204: NoContent },
} as const;

export type QuestionBanksContractMatchesSources = [
  Check<SameShape<BankSummary, BankSummarySource>>,
  Check<SameShape<BankDetail, BankDetailSource>>,
  Check<SameShape<QuestionView, QuestionViewSource>>,
  Check<SameShape<QuestionVersionEntry, QuestionVersionEntrySource>>,
  Check<SameShape<QuestionImportReport, QuestionImportReportSource>>,
  Check<SameShape<PaperView, PaperViewSource>>,
  Check<SameShape<PaperPreview, PaperPreviewSource>>,
];
