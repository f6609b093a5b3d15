// A question as authored (the content of one immutable version), and the checks on it that need no database.
// Every import format and the editor end in `checkQuestion`, so a question is valid the same way however it arrived.

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export type QuestionOption = { key: string; text: string };

/**
 * The content of a question version. `answer` by type: single → one option key; multiple → the correct option keys
 * (at least one); true_false → ['true'] or ['false']; fill_blank → the accepted answers (at least one);
 * short_answer → the reference answer for the grader (zero or one text). Only choice questions have options.
 */
export type QuestionContent = {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  explanation: string;
  /** 1 (easiest) … 5 (hardest). */
  difficulty: number;
  /** The knowledge module of the bank's skill standard it tests (the module's Chinese name), or null. */
  moduleCode: string | null;
};

export const LIMITS = {
  stem: 2000,
  optionText: 500,
  explanation: 2000,
  answerText: 2000,
  minOptions: 2,
  maxOptions: 8,
  maxAccepted: 20,
} as const;

/** Option keys are letters in order: A, B, C … (what Chinese papers print). */
export const OPTION_KEYS = 'ABCDEFGH'.split('');

/** Fill-in answers are kept in one spreadsheet cell separated by this character, so an answer may not contain it. */
export const ACCEPTED_SEPARATOR = '|';

export type QuestionField = 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'difficulty' | 'moduleCode';
export type QuestionProblem = { field: QuestionField; reason: string };

const isChoice = (t: QuestionType) => t === 'single' || t === 'multiple';

/** Trims the texts and puts the answer keys in option order; `checkQuestion` decides whether the result is valid. */
export function normaliseQuestion(q: QuestionContent): QuestionContent {
  const options = isChoice(q.type)
    ? q.options.map((o) => ({ key: o.key.trim().toUpperCase(), text: o.text.trim() }))
    : [];
  let answer = q.answer.map((a) => a.trim());
  if (isChoice(q.type)) {
    const keys = options.map((o) => o.key);
    answer = [...new Set(answer.map((a) => a.toUpperCase()))].sort((a, b) => keys.indexOf(a) - keys.indexOf(b));
  } else if (q.type === 'true_false') answer = answer.map((a) => a.toLowerCase());
  else if (q.type === 'fill_blank') answer = [...new Set(answer.filter((a) => a !== ''))];
  else answer = answer.filter((a) => a !== '');
  const moduleCode = q.moduleCode?.trim() || null;
  return { ...q, stem: q.stem.trim(), options, answer, explanation: q.explanation.trim(), moduleCode };
}

/** Every problem of a (normalised) question; `modules` is the bank's standard's module list, null to skip that check. */
export function checkQuestion(q: QuestionContent, modules: readonly string[] | null): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const bad = (field: QuestionField, reason: string) => problems.push({ field, reason });
  if (!(QUESTION_TYPES as readonly string[]).includes(q.type)) {
    bad('type', 'unknown');
    return problems;
  }
  if (q.stem === '') bad('stem', 'required');
  else if (q.stem.length > LIMITS.stem) bad('stem', 'too_long');
  if (q.explanation.length > LIMITS.explanation) bad('explanation', 'too_long');
  if (!Number.isInteger(q.difficulty) || q.difficulty < 1 || q.difficulty > 5) bad('difficulty', 'range');
  if (q.moduleCode !== null && modules !== null && !modules.includes(q.moduleCode)) bad('moduleCode', 'unknown');

  if (isChoice(q.type)) {
    if (q.options.length < LIMITS.minOptions) bad('options', 'too_few');
    else if (q.options.length > LIMITS.maxOptions) bad('options', 'too_many');
    else if (q.options.some((o, i) => o.key !== OPTION_KEYS[i])) bad('options', 'keys');
    else if (q.options.some((o) => o.text === '')) bad('options', 'empty');
    else if (q.options.some((o) => o.text.length > LIMITS.optionText)) bad('options', 'too_long');
    else if (new Set(q.options.map((o) => o.text)).size !== q.options.length) bad('options', 'duplicate');
    const keys = q.options.map((o) => o.key);
    if (q.answer.length === 0) bad('answer', 'required');
    else if (q.answer.some((a) => !keys.includes(a))) bad('answer', 'not_an_option');
    else if (q.type === 'single' && q.answer.length !== 1) bad('answer', 'one_for_single');
  } else if (q.type === 'true_false') {
    if (q.answer.length !== 1 || (q.answer[0] !== 'true' && q.answer[0] !== 'false')) bad('answer', 'true_or_false');
  } else if (q.type === 'fill_blank') {
    if (q.answer.length === 0) bad('answer', 'required');
    else if (q.answer.length > LIMITS.maxAccepted) bad('answer', 'too_many');
    else if (q.answer.some((a) => a.includes(ACCEPTED_SEPARATOR))) bad('answer', 'separator');
    else if (q.answer.some((a) => a.length > LIMITS.answerText)) bad('answer', 'too_long');
  } else {
    if (q.answer.length > 1) bad('answer', 'one_reference');
    else if (q.answer.some((a) => a.length > LIMITS.answerText)) bad('answer', 'too_long');
  }
  if (!isChoice(q.type) && q.options.length > 0) bad('options', 'not_for_type');
  return problems;
}

/** Whether two contents are the same question (a round trip through a file format keeps every field). */
export function sameContent(a: QuestionContent, b: QuestionContent): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(q: QuestionContent) {
  return [q.type, q.stem, q.options, q.answer, q.explanation, q.difficulty, q.moduleCode];
}
