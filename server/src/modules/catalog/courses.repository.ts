import { sql } from 'kysely';
import type { Dialect } from '../../adapters/db.js';
import type { DbOrTrx } from '../../database/schema.js';
import { indexTokens, queryTokens } from './search-tokens.js';

/** Recomputes a course's search tokens from its own text and the names of its occupation, category and institution. */
export async function refreshSearchTokens(db: DbOrTrx, courseId: string): Promise<void> {
  const row = await db
    .selectFrom('courses')
    .leftJoin('occupations', 'occupations.code', 'courses.occupation_code')
    .leftJoin('course_categories', 'course_categories.code', 'courses.category_code')
    .leftJoin('institutions', 'institutions.id', 'courses.institution_id')
    .select([
      'courses.title',
      'courses.summary',
      'occupations.name_zh as occ_zh',
      'occupations.name_en as occ_en',
      'occupations.tags',
      'course_categories.name_zh as cat_zh',
      'course_categories.name_en as cat_en',
      'institutions.name as inst',
    ])
    .where('courses.id', '=', courseId)
    .executeTakeFirstOrThrow();
  const lessons = await db.selectFrom('lessons').select('title').where('course_id', '=', courseId).execute();
  const tokens = indexTokens(
    row.title,
    row.summary,
    row.occ_zh,
    row.occ_en,
    row.tags,
    row.cat_zh,
    row.cat_en,
    row.inst,
    ...lessons.map((l) => l.title),
  );
  await db.updateTable('courses').set({ search_tokens: tokens }).where('id', '=', courseId).execute();
}

/** A SQL condition "course matches every token of the query", by the dialect's own full-text index. */
export function fullTextCondition(dialect: Dialect, query: string) {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return null;
  if (dialect === 'postgres') {
    const tsquery = tokens.map((t) => `'${t}'`).join(' & ');
    return sql<boolean>`to_tsvector('simple', courses.search_tokens) @@ to_tsquery('simple', ${tsquery})`;
  }
  const match = tokens.map((t) => `"${t}"`).join(' ');
  return sql<boolean>`courses.rowid in (select rowid from courses_fts where courses_fts match ${match})`;
}
