import type { QuestionType } from './question.js';

/**
 * Objective grading of one response against a version's key. Choice answers are option keys (the original keys,
 * whatever order the options were shown in: `shuffleOptions` keeps them), multiple choice is all or nothing (the
 * usual rule of Chinese theory exams), a fill-in answer is compared after `normaliseFill`. Short answers need a person.
 */
export type Grade = { kind: 'graded'; correct: boolean } | { kind: 'manual' };

export function gradeObjective(
  key: { type: QuestionType; answer: readonly string[] },
  response: readonly string[],
): Grade {
  switch (key.type) {
    case 'short_answer':
      return { kind: 'manual' };
    case 'single':
    case 'true_false': {
      const given = [...new Set(response.map((r) => r.trim()))].filter((r) => r !== '');
      const want = key.type === 'true_false' ? given.map((g) => g.toLowerCase()) : given;
      return { kind: 'graded', correct: want.length === 1 && want[0] === key.answer[0] };
    }
    case 'multiple': {
      const given = new Set(response.map((r) => r.trim()).filter((r) => r !== ''));
      const correct = given.size === key.answer.length && key.answer.every((a) => given.has(a));
      return { kind: 'graded', correct };
    }
    case 'fill_blank': {
      if (response.length !== 1) return { kind: 'graded', correct: false };
      const given = normaliseFill(response[0]);
      return { kind: 'graded', correct: given !== '' && key.answer.some((a) => normaliseFill(a) === given) };
    }
  }
}

/**
 * A fill-in answer as compared: full-width forms folded to half-width (NFKC: "ＡＢＣ１２" is "ABC12", the ideographic
 * space a space), outer space trimmed, inner runs of space made one, Latin letters in lower case.
 */
export function normaliseFill(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
