import type { Selectable, Updateable } from 'kysely';
import { containsText } from '../../adapters/db.js';
import type { DbOrTrx } from '../../database/schema.js';
import type { OccupationsTable, SkillStandardsTable } from './catalog.tables.js';

// The queries of the catalogue's reference data (reference.service.ts, and the references a course is checked
// against in courses.service.ts): occupations, their classification, skill standards and course categories.

export type OccupationRow = Selectable<OccupationsTable>;
export type SkillStandardRow = Selectable<SkillStandardsTable>;
export type OccupationFilter = { q?: string; courseCategory?: string; major?: string; code?: string };

// ---- occupations ---------------------------------------------------------------------------------------------------

export function findOccupation(db: DbOrTrx, code: string): Promise<OccupationRow | undefined> {
  return db.selectFrom('occupations').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function updateOccupation(db: DbOrTrx, code: string, set: Updateable<OccupationsTable>): Promise<void> {
  await db.updateTable('occupations').set(set).where('code', '=', code).execute();
}

/** Occupations with the name of their small category, filtered as the catalogue's occupation search asks, by code. */
export function occupationSummaries(db: DbOrTrx, filter: OccupationFilter, limit: number) {
  let qb = db
    .selectFrom('occupations')
    .innerJoin('occupation_categories as small', 'small.code', 'occupations.category_code')
    .select([
      'occupations.code',
      'occupations.name_zh',
      'occupations.name_en',
      'occupations.tags',
      'occupations.category_code',
      'small.name_zh as cat_zh',
      'small.name_en as cat_en',
    ]);
  if (filter.courseCategory) {
    qb = qb.where(
      'occupations.code',
      'in',
      db
        .selectFrom('course_category_occupations')
        .select('occupation_code')
        .where('category_code', '=', filter.courseCategory),
    );
  }
  if (filter.code) qb = qb.where('occupations.code', '=', filter.code);
  if (filter.major) qb = qb.where('occupations.code', 'like', `${filter.major}-%`);
  if (filter.q) {
    const q = filter.q.trim();
    qb = qb.where((eb) =>
      eb.or([
        containsText('occupations.name_zh', q),
        containsText('occupations.name_en', q),
        containsText('occupations.tags', q),
        containsText('occupations.code', q),
      ]),
    );
  }
  return qb.orderBy('occupations.code').limit(limit).execute();
}

/** Major and medium categories of the classification. */
export function upperClassification(db: DbOrTrx) {
  return db
    .selectFrom('occupation_categories')
    .selectAll()
    .where('level', 'in', ['major', 'medium'])
    .orderBy('code')
    .execute();
}

export function classificationCategories(db: DbOrTrx, codes: string[]) {
  return db.selectFrom('occupation_categories').selectAll().where('code', 'in', codes).execute();
}

// ---- skill standards -----------------------------------------------------------------------------------------------

export function findStandard(
  db: DbOrTrx,
  occupationCode: string,
  level: number,
): Promise<SkillStandardRow | undefined> {
  return db
    .selectFrom('skill_standards')
    .selectAll()
    .where('occupation_code', '=', occupationCode)
    .where('level', '=', level)
    .executeTakeFirst();
}

/** The standards of an occupation, highest level (1) last: ordered by level descending. */
export function standardsOf(db: DbOrTrx, occupationCode: string): Promise<SkillStandardRow[]> {
  return db
    .selectFrom('skill_standards')
    .selectAll()
    .where('occupation_code', '=', occupationCode)
    .orderBy('level', 'desc')
    .execute();
}

/** Which levels have a standard, for the given occupations. */
export function standardLevels(db: DbOrTrx, occupationCodes: string[]) {
  if (occupationCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('skill_standards')
    .select(['occupation_code', 'level'])
    .where('occupation_code', 'in', occupationCodes)
    .execute();
}

export type StandardFigures = Omit<SkillStandardRow, 'occupation_code' | 'level'>;

export async function insertStandard(db: DbOrTrx, code: string, level: number, values: StandardFigures) {
  await db
    .insertInto('skill_standards')
    .values({ occupation_code: code, level, ...values })
    .execute();
}

export async function updateStandard(db: DbOrTrx, code: string, level: number, values: StandardFigures) {
  await db
    .updateTable('skill_standards')
    .set(values)
    .where('occupation_code', '=', code)
    .where('level', '=', level)
    .execute();
}

// ---- course categories ---------------------------------------------------------------------------------------------

export function courseCategories(db: DbOrTrx) {
  return db.selectFrom('course_categories').selectAll().orderBy('sort').execute();
}

/** Which of the codes are course categories. */
export async function existingCategoryCodes(db: DbOrTrx, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('course_categories').select('code').where('code', 'in', codes).execute();
  return rows.map((r) => r.code);
}

/** category code -> how many occupations it groups. */
export function occupationCountsByCategory(db: DbOrTrx) {
  return db
    .selectFrom('course_category_occupations')
    .select(['category_code', (eb) => eb.fn.countAll().as('n')])
    .groupBy('category_code')
    .execute();
}

/** The course categories an occupation belongs to, in the categories' order. */
export function categoriesOfOccupation(db: DbOrTrx, occupationCode: string) {
  return db
    .selectFrom('course_category_occupations')
    .innerJoin('course_categories', 'course_categories.code', 'course_category_occupations.category_code')
    .select(['course_categories.code', 'course_categories.name_zh', 'course_categories.name_en'])
    .where('occupation_code', '=', occupationCode)
    .orderBy('course_categories.sort')
    .execute();
}
