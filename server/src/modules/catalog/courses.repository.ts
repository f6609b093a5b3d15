import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Dialect } from '../../adapters/db.js';
import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { regionLike } from '../regions/index.js';
import { courseScope } from './catalog.policy.js';
import type { ChaptersTable, CoursesTable, LessonsTable } from './catalog.tables.js';
import { indexTokens, queryTokens } from './search-tokens.js';

// The queries of courses, their chapters and lessons (courses.service.ts). Lists an author sees are filtered by the
// scope declared once in catalog.policy.ts (`courseScope`).

export type CourseRow = Selectable<CoursesTable>;
export type LessonRow = Selectable<LessonsTable>;

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

// ---- courses -------------------------------------------------------------------------------------------------------

export function findCourse(db: DbOrTrx, id: string): Promise<CourseRow | undefined> {
  return db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCourse(db: DbOrTrx, row: Insertable<CoursesTable>): Promise<void> {
  await db.insertInto('courses').values(row).execute();
}

export async function updateCourse(db: DbOrTrx, id: string, set: Updateable<CoursesTable>): Promise<void> {
  await db.updateTable('courses').set(set).where('id', '=', id).execute();
}

/** Which of the courses are published. */
export async function publishedCourseIds(db: DbOrTrx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('courses')
    .select('id')
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute();
  return rows.map((r) => r.id);
}

export function courseCategoriesOf(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('courses').select(['id', 'category_code']).where('id', 'in', ids).execute();
}

/** Published platform courses teaching a general module, by title. */
export function platformGeneralModuleCourses(db: DbOrTrx) {
  return db
    .selectFrom('courses')
    .select(['id', 'title', 'general_module_code'])
    .where('general_module_code', 'is not', null)
    .where('institution_id', 'is', null)
    .where('status', '=', 'published')
    .orderBy('title')
    .execute();
}

/** category code -> published courses in it. */
export function publishedCountsByCategory(db: DbOrTrx) {
  return db
    .selectFrom('courses')
    .select(['category_code', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'published')
    .groupBy('category_code')
    .execute();
}

/** occupation code -> published courses for it, for the given occupations. */
export function publishedCountsByOccupation(db: DbOrTrx, occupationCodes: string[]) {
  if (occupationCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('courses')
    .select(['occupation_code', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'published')
    .where('occupation_code', 'in', occupationCodes)
    .groupBy('occupation_code')
    .execute();
}

// ---- course summaries ----------------------------------------------------------------------------------------------

function summaries(db: DbOrTrx) {
  return db
    .selectFrom('courses')
    .leftJoin('institutions', 'institutions.id', 'courses.institution_id')
    .leftJoin('occupations', 'occupations.code', 'courses.occupation_code')
    .leftJoin('course_categories', 'course_categories.code', 'courses.category_code')
    .select([
      'courses.id',
      'courses.title',
      'courses.summary',
      'courses.status',
      'courses.institution_id',
      'institutions.name as institution_name',
      'institutions.region_code as institution_region',
      'courses.occupation_code',
      'occupations.name_zh as occ_zh',
      'occupations.name_en as occ_en',
      'courses.level',
      'courses.category_code',
      'course_categories.name_zh as cat_zh',
      'course_categories.name_en as cat_en',
      'courses.general_module_code',
      'courses.updated_at',
    ]);
}

export type CourseSummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

export function courseSummary(db: DbOrTrx, id: string): Promise<CourseSummaryRow> {
  return summaries(db).where('courses.id', '=', id).executeTakeFirstOrThrow();
}

/** The courses an actor authors (`courseScope`), most recently changed first. */
export function authoredCourseSummaries(db: DbOrTrx, actor: Actor, limit: number): Promise<CourseSummaryRow[]> {
  return summaries(db)
    .where((eb) => courseScope.where(eb, actor))
    .orderBy('courses.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Which of the courses are published, as summaries (in no particular order). */
export function publishedCourseSummaries(db: DbOrTrx, ids: string[]): Promise<CourseSummaryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return summaries(db).where('courses.id', 'in', ids).where('courses.status', '=', 'published').execute();
}

export type CatalogueFilter = { q?: string; category?: string; occupation?: string; level?: number; region?: string };

/**
 * One page of the public catalogue (published courses, most recently changed first) and how many match in all.
 * A region keeps the courses of its institutions and the platform's shared courses; a search with no searchable
 * token matches nothing.
 */
export async function cataloguePage(
  db: DbOrTrx,
  dialect: Dialect,
  filter: CatalogueFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CourseSummaryRow[]; total: number }> {
  let qb = summaries(db).where('courses.status', '=', 'published');
  if (filter.category) qb = qb.where('courses.category_code', '=', filter.category);
  if (filter.occupation) qb = qb.where('courses.occupation_code', '=', filter.occupation);
  if (filter.level) qb = qb.where('courses.level', '=', filter.level);
  if (filter.region) {
    const prefix = regionLike(filter.region);
    qb = qb.where((eb) =>
      eb.or([eb('courses.institution_id', 'is', null), eb('institutions.region_code', 'like', prefix)]),
    );
  }
  if (filter.q) {
    const condition = fullTextCondition(dialect, filter.q);
    if (!condition) return { rows: [], total: 0 };
    qb = qb.where(condition);
  }
  const { n } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('courses.updated_at', 'desc')
    .orderBy('courses.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(n) };
}

// ---- chapters and lessons ------------------------------------------------------------------------------------------

export function findChapter(db: DbOrTrx, id: string): Promise<{ id: string; course_id: string } | undefined> {
  return db.selectFrom('chapters').select(['id', 'course_id']).where('id', '=', id).executeTakeFirst();
}

export function chaptersOf(db: DbOrTrx, courseId: string): Promise<Selectable<ChaptersTable>[]> {
  return db.selectFrom('chapters').selectAll().where('course_id', '=', courseId).orderBy('sort').execute();
}

/** Adds a chapter after the course's last one; answers its sort key. */
export async function appendChapter(db: DbOrTrx, row: Omit<Insertable<ChaptersTable>, 'sort'>): Promise<number> {
  const last = await db
    .selectFrom('chapters')
    .select((eb) => eb.fn.max('sort').as('s'))
    .where('course_id', '=', row.course_id)
    .executeTakeFirst();
  const sort = Number(last?.s ?? 0) + 1;
  await db
    .insertInto('chapters')
    .values({ ...row, sort })
    .execute();
  return sort;
}

export async function updateChapter(db: DbOrTrx, id: string, set: Updateable<ChaptersTable>): Promise<void> {
  await db.updateTable('chapters').set(set).where('id', '=', id).execute();
}

/** Removes a chapter and its lessons. */
export async function deleteChapter(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('lessons').where('chapter_id', '=', id).execute();
  await db.deleteFrom('chapters').where('id', '=', id).execute();
}

export function findLesson(db: DbOrTrx, id: string): Promise<LessonRow | undefined> {
  return db.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds a lesson after its chapter's last one; answers its sort key. */
export async function appendLesson(db: DbOrTrx, row: Omit<Insertable<LessonsTable>, 'sort'>): Promise<number> {
  const last = await db
    .selectFrom('lessons')
    .select((eb) => eb.fn.max('sort').as('s'))
    .where('chapter_id', '=', row.chapter_id)
    .executeTakeFirst();
  const sort = Number(last?.s ?? 0) + 1;
  await db
    .insertInto('lessons')
    .values({ ...row, sort })
    .execute();
  return sort;
}

export async function updateLesson(db: DbOrTrx, id: string, set: Updateable<LessonsTable>): Promise<void> {
  await db.updateTable('lessons').set(set).where('id', '=', id).execute();
}

export async function deleteLesson(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('lessons').where('id', '=', id).execute();
}

/** The lessons of the courses with their media (status, length), in sort order. */
export function lessonsWithMedia(db: DbOrTrx, courseIds: string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lessons')
    .leftJoin('media', 'media.id', 'lessons.media_id')
    .select([
      'lessons.id',
      'lessons.course_id',
      'lessons.chapter_id',
      'lessons.title',
      'lessons.kind',
      'lessons.sort',
      'lessons.media_id',
      'lessons.document_minutes',
      'media.status as media_status',
      'media.progress',
      'media.duration_ms',
      'media.page_count',
    ])
    .where('lessons.course_id', 'in', courseIds)
    .orderBy('lessons.sort')
    .execute();
}

/** A chapter among its course's chapters, or a lesson among its chapter's lessons. */
export type OutlineItem = { kind: 'chapter' | 'lesson'; id: string; course_id: string; sort: number; parent: string };

export async function findOutlineItem(
  db: DbOrTrx,
  kind: 'chapter' | 'lesson',
  id: string,
): Promise<OutlineItem | undefined> {
  const row =
    kind === 'chapter'
      ? await db
          .selectFrom('chapters')
          .select(['id', 'course_id', 'sort', 'course_id as parent'])
          .where('id', '=', id)
          .executeTakeFirst()
      : await db
          .selectFrom('lessons')
          .select(['id', 'course_id', 'sort', 'chapter_id as parent'])
          .where('id', '=', id)
          .executeTakeFirst();
  return row && { kind, ...row };
}

/** The sibling just before (up) or after (down) an outline item. */
export function outlineNeighbour(db: DbOrTrx, item: OutlineItem, direction: 'up' | 'down') {
  const table = item.kind === 'chapter' ? 'chapters' : 'lessons';
  const parentColumn = item.kind === 'chapter' ? 'course_id' : 'chapter_id';
  return db
    .selectFrom(table)
    .select(['id', 'sort'])
    .where(parentColumn, '=', item.parent)
    .where('sort', direction === 'up' ? '<' : '>', item.sort)
    .orderBy('sort', direction === 'up' ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
}

/** Swaps the sort keys of two siblings. */
export async function swapOutlineSort(
  db: DbOrTrx,
  item: OutlineItem,
  neighbour: { id: string; sort: number },
): Promise<void> {
  const table = item.kind === 'chapter' ? 'chapters' : 'lessons';
  await db.updateTable(table).set({ sort: neighbour.sort }).where('id', '=', item.id).execute();
  await db.updateTable(table).set({ sort: item.sort }).where('id', '=', neighbour.id).execute();
}

// ---- media a lesson plays ------------------------------------------------------------------------------------------

export function findMediaOwner(db: DbOrTrx, mediaId: string) {
  return db.selectFrom('media').select(['id', 'kind', 'institution_id']).where('id', '=', mediaId).executeTakeFirst();
}
