import type { DbOrTrx } from '../../database/schema.js';
import { AppError } from '../../platform/errors.js';
import { drawPaper, shuffleOptions, type DrawRule } from './draw.js';
import type { QuestionOption, QuestionType } from './question.js';
import { currentQuestions, versionContent, versionsById, type VersionRow } from './question-banks.repository.js';

// What the exams module uses: a paper drawn for one attempt (seed = the attempt's id), the versions it was given
// (without answers, for the learner's page) and their keys (for grading). Versions are immutable rows, so an attempt
// holding a version id keeps exactly the question it was shown whatever is edited later.

export type PaperKind = 'practice' | 'mock' | 'formal';
export type TypeScores = Record<QuestionType, number>;
export type StoredPaper = {
  bank_ids: string;
  mode: string;
  question_ids: string;
  rules: string;
  type_scores: string;
};

/** A question as an examinee sees it: no answer, no explanation. */
export type QuestionVersionView = {
  id: string;
  questionId: string;
  version: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  difficulty: number;
  moduleCode: string | null;
};
export type QuestionKey = { versionId: string; type: QuestionType; answer: string[]; explanation: string };
export type DrawnItem = { versionId: string; score: number; optionOrder: string[] };
export type DrawnQuestion = { rule: number | null; score: number; optionOrder: string[]; version: VersionRow };

const TYPE_NAMES: Record<QuestionType, { zh: string; en: string }> = {
  single: { zh: '单选题', en: 'single-choice questions' },
  multiple: { zh: '多选题', en: 'multiple-choice questions' },
  true_false: { zh: '判断题', en: 'true/false questions' },
  fill_blank: { zh: '填空题', en: 'fill-in questions' },
  short_answer: { zh: '简答题', en: 'short-answer questions' },
};

export function unsatisfiable(rules: readonly DrawRule[], index: number, available: number): AppError {
  const rule = rules[index];
  const zh: string[] = [];
  const en: string[] = [];
  if (rule.moduleCode != null) {
    zh.push(`知识模块“${rule.moduleCode}”`);
    en.push(`module "${rule.moduleCode}"`);
  }
  if (rule.difficulty != null) {
    zh.push(`难度 ${rule.difficulty}`);
    en.push(`difficulty ${rule.difficulty}`);
  }
  const type = TYPE_NAMES[rule.type];
  return new AppError('PAPER_DRAW_UNSATISFIABLE', {
    field: 'rules',
    params: {
      rule: index + 1,
      count: rule.count,
      available,
      filter: {
        'zh-CN': zh.length ? `${type.zh}（${zh.join('，')}）` : type.zh,
        en: en.length ? `${type.en} (${en.join(', ')})` : type.en,
      },
    },
    details: { rule: index, count: rule.count, available },
  });
}

/** The questions of one draw of a paper, or the refusal naming the rule that cannot be met. */
export async function drawQuestions(db: DbOrTrx, paper: StoredPaper, seed: string): Promise<DrawnQuestion[]> {
  const bankIds = JSON.parse(paper.bank_ids) as string[];
  const scores = JSON.parse(paper.type_scores) as TypeScores;
  const withOrder = (version: VersionRow, rule: number | null): DrawnQuestion => {
    const type = version.type as QuestionType;
    const options = JSON.parse(version.options) as QuestionOption[];
    const optionOrder =
      type === 'single' || type === 'multiple'
        ? shuffleOptions({ versionId: version.id, options }, seed).optionOrder
        : [];
    return { rule, score: scores[type] ?? 0, optionOrder, version };
  };
  if (paper.mode === 'fixed') {
    // A fixed paper keeps its questions (retired ones too: the paper was saved with them), in the author's order.
    const ids = JSON.parse(paper.question_ids) as string[];
    const rows = await currentQuestions(db, bankIds)
      .where('questions.id', 'in', ids.length ? ids : ['-'])
      .execute();
    const byId = new Map(rows.map((r) => [r.question_id, r]));
    if (ids.some((id) => !byId.has(id))) throw new AppError('PAPER_QUESTION_UNAVAILABLE');
    return ids.map((id) => withOrder(byId.get(id)!, null));
  }
  const rules = JSON.parse(paper.rules) as DrawRule[];
  const pool = (await currentQuestions(db, bankIds).where('questions.retired', '=', 0).execute()).map((r) => ({
    questionId: r.question_id,
    versionId: r.id,
    type: r.type as QuestionType,
    moduleCode: r.module_code,
    difficulty: r.difficulty,
    row: r,
  }));
  const drawn = drawPaper(rules, pool, seed);
  if (!drawn.ok) throw unsatisfiable(rules, drawn.rule, drawn.available);
  return drawn.items.map((i) => withOrder(i.question.row, i.rule));
}

export function totalOf(paper: { mode: string; rules: DrawRule[]; types: QuestionType[] }, scores: TypeScores): number {
  return paper.mode === 'fixed'
    ? paper.types.reduce((sum, t) => sum + scores[t], 0)
    : paper.rules.reduce((sum, r) => sum + r.count * scores[r.type], 0);
}

export function versionView(r: VersionRow): QuestionVersionView {
  const c = versionContent(r);
  return {
    id: r.id,
    questionId: r.question_id,
    version: r.version,
    type: c.type,
    stem: c.stem,
    options: c.options,
    difficulty: c.difficulty,
    moduleCode: c.moduleCode,
  };
}

/** Versions by id, in the order asked (ids that do not exist are left out). */
export async function versionsByIds(db: DbOrTrx, ids: readonly string[]): Promise<QuestionVersionView[]> {
  const rows = new Map((await versionsById(db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => (rows.has(id) ? [versionView(rows.get(id)!)] : []));
}

export async function keysByIds(db: DbOrTrx, ids: readonly string[]): Promise<QuestionKey[]> {
  const rows = new Map((await versionsById(db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    const c = versionContent(r);
    return [{ versionId: r.id, type: c.type, answer: c.answer, explanation: c.explanation }];
  });
}
