import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { QuestionContent, QuestionOption, QuestionType } from './question.js';
import type { QuestionVersionsTable } from './question-banks.tables.js';

export type VersionRow = Selectable<QuestionVersionsTable>;

export function versionContent(r: VersionRow): QuestionContent {
  return {
    type: r.type as QuestionType,
    stem: r.stem,
    options: JSON.parse(r.options) as QuestionOption[],
    answer: JSON.parse(r.answer) as string[],
    explanation: r.explanation,
    difficulty: r.difficulty,
    moduleCode: r.module_code,
  };
}

export function versionValues(content: QuestionContent) {
  return {
    type: content.type,
    stem: content.stem,
    options: JSON.stringify(content.options),
    answer: JSON.stringify(content.answer),
    explanation: content.explanation,
    difficulty: content.difficulty,
    module_code: content.moduleCode,
  };
}

/** The knowledge modules of a skill standard (their Chinese names are the module codes questions carry); null: no standard. */
export async function standardModules(db: DbOrTrx, occupationCode: string, level: number): Promise<string[] | null> {
  const row = await db
    .selectFrom('skill_standards')
    .select('modules')
    .where('occupation_code', '=', occupationCode)
    .where('level', '=', level)
    .executeTakeFirst();
  return row ? (JSON.parse(row.modules) as { zh: string }[]).map((m) => m.zh) : null;
}

/** Questions of some banks with their current version, oldest first. */
export function currentQuestions(db: DbOrTrx, bankIds: readonly string[]) {
  return db
    .selectFrom('questions')
    .innerJoin('question_versions as v', (j) =>
      j.onRef('v.question_id', '=', 'questions.id').onRef('v.version', '=', 'questions.current_version'),
    )
    .selectAll('v')
    .select(['questions.bank_id', 'questions.retired', 'questions.current_version'])
    .where('questions.bank_id', 'in', bankIds.length > 0 ? [...bankIds] : ['-'])
    .orderBy('questions.created_at')
    .orderBy('questions.id');
}

export function versionsById(db: DbOrTrx, ids: readonly string[]) {
  return db
    .selectFrom('question_versions')
    .selectAll()
    .where('id', 'in', ids.length > 0 ? [...ids] : ['-'])
    .execute();
}
