// Shapes of the question-bank API: the server's contracts (server/src/modules/question-banks/question-banks.contract.ts).
export type {
  BankDetail,
  BankSummary,
  PaperPreview,
  PaperView,
  QuestionImportReport,
  QuestionType,
  QuestionView,
} from '@contracts';
import type { QuestionType } from '@contracts';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'single',
  'multiple',
  'true_false',
  'fill_blank',
  'short_answer',
];
export const PAPER_KINDS = ['practice', 'mock', 'formal'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export type FileFormat = 'xlsx' | 'moodle_xml' | 'gift';
export type ImportMode = 'check' | 'all' | 'valid-only';

export type QuestionInput = {
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  difficulty: number;
  moduleCode: string | null;
};

export type DrawRuleInput = { type: QuestionType; count: number; moduleCode: string | null; difficulty: number | null };
export type PaperInput = {
  name: string;
  kind: PaperKind;
  bankIds: string[];
  mode: 'fixed' | 'draw';
  questionIds: string[];
  rules: DrawRuleInput[];
  typeScores: Record<QuestionType, number>;
};
