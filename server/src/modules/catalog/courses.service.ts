import type { Kysely } from 'kysely';
import type { Dialect } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import { isWithinRegion } from '../regions/index.js';
import { runningCampaignItems } from './campaigns.repository.js';
import { courseScope } from './catalog.policy.js';
import { checkAgainstStandard, courseHours, type StandardCheck } from './course-hours.js';
import {
  appendChapter,
  appendLesson,
  authoredCourseSummaries,
  cataloguePage,
  chaptersOf,
  courseCategoriesOf,
  courseSummary,
  deleteChapter,
  deleteLesson,
  findChapter,
  findCourse,
  findLesson,
  findMediaOwner,
  findOutlineItem,
  insertCourse,
  lessonsWithMedia,
  outlineNeighbour,
  publishedCourseSummaries,
  refreshSearchTokens,
  swapOutlineSort,
  updateChapter,
  updateCourse,
  updateLesson,
  type CourseRow,
  type CourseSummaryRow,
} from './courses.repository.js';
import { existingCategoryCodes, findOccupation, findStandard } from './reference.repository.js';
import type { PoliciesService } from '../policies/index.js';

export const coursePermissions = declarePermissions({
  'courses.author': ['institution_admin', 'teacher', 'operator'],
});

export type Named = { zh: string; en: string };

export type CourseSummary = {
  id: string;
  title: string;
  summary: string;
  status: CourseRow['status'];
  institutionId: string | null;
  institutionName: string | null;
  occupationCode: string | null;
  occupationName: Named | null;
  level: number | null;
  categoryCode: string | null;
  categoryName: Named | null;
  generalModuleCode: string | null;
  lessonCount: number;
  minutes: number;
  classHours: number;
  posterMediaId: string | null;
  free: boolean;
  updatedAt: string;
};

export type LessonView = {
  id: string;
  title: string;
  kind: 'video' | 'document';
  sort: number;
  mediaId: string | null;
  mediaStatus: string | null;
  progress: number | null;
  durationSeconds: number | null;
  pageCount: number | null;
  documentMinutes: number | null;
};
export type CourseDetail = CourseSummary & {
  chapters: { id: string; title: string; sort: number; lessons: LessonView[] }[];
  standard: StandardCheck;
  classHourMinutes: number;
  pendingLessons: number;
};

export type CourseInput = {
  title: string;
  summary: string;
  occupationCode?: string | null;
  level?: number | null;
  categoryCode?: string | null;
  generalModuleCode?: string | null;
};
export type BrowseQuery = {
  q?: string;
  category?: string;
  occupation?: string;
  level?: number;
  region?: string;
  page: number;
  pageSize: number;
};

/** Who edits a course: its authors, by the scope declared once for authored content (catalog.policy.ts). */
const canEdit = (actor: Actor, course: { institution_id: string | null }) => courseScope.allows(actor, course);

export class CoursesService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      dialect: Dialect;
      clock: Clock;
      audit: AuditService;
      policies: PoliciesService;
    },
  ) {}

  // ---- authoring -------------------------------------------------------------------------------------------

  private async editableCourse(actor: Actor, id: string, db: DbOrTrx = this.deps.db): Promise<CourseRow> {
    requirePermission(actor, coursePermissions['courses.author']);
    await requireActiveInstitution(db, actor);
    const course = await findCourse(db, id);
    if (!course || !canEdit(actor, course)) throw new AppError('NOT_FOUND');
    return course;
  }

  private async validateRefs(db: DbOrTrx, input: Partial<CourseInput>): Promise<void> {
    if (input.occupationCode && !(await findOccupation(db, input.occupationCode)))
      throw new AppError('VALIDATION_FAILED', { field: 'occupationCode' });
    if (input.categoryCode && (await existingCategoryCodes(db, [input.categoryCode])).length === 0)
      throw new AppError('VALIDATION_FAILED', { field: 'categoryCode' });
    if ((input.level ?? null) !== null && !input.occupationCode)
      throw new AppError('VALIDATION_FAILED', { field: 'occupationCode' });
  }

  async create(actor: Actor, input: CourseInput, meta: RequestMeta): Promise<CourseDetail> {
    requirePermission(actor, coursePermissions['courses.author']);
    await requireActiveInstitution(this.deps.db, actor);
    const institutionId = actor.role === 'operator' ? null : actor.institutionId;
    if (actor.role !== 'operator' && !institutionId) throw new AppError('FORBIDDEN');
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.validateRefs(trx, input);
      await insertCourse(trx, {
        id,
        institution_id: institutionId,
        title: input.title.trim(),
        summary: input.summary.trim(),
        occupation_code: input.occupationCode ?? null,
        level: input.level ?? null,
        category_code: input.categoryCode ?? null,
        general_module_code: input.generalModuleCode ?? null,
        status: 'draft',
        search_tokens: '',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await refreshSearchTokens(trx, id);
      await this.deps.audit.record(trx, {
        actor,
        action: 'course.created',
        targetType: 'course',
        targetId: id,
        institutionId,
        regionCode: actor.regionCode,
        meta,
        details: { title: input.title },
      });
    });
    return this.detailFor(actor, id);
  }

  async update(actor: Actor, id: string, input: Partial<CourseInput>, meta: RequestMeta): Promise<CourseDetail> {
    await this.deps.db.transaction().execute(async (trx) => {
      const course = await this.editableCourse(actor, id, trx);
      const merged = { occupationCode: course.occupation_code, level: course.level, ...input };
      await this.validateRefs(trx, merged);
      await updateCourse(trx, id, {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.summary !== undefined ? { summary: input.summary.trim() } : {}),
        ...(input.occupationCode !== undefined ? { occupation_code: input.occupationCode } : {}),
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.categoryCode !== undefined ? { category_code: input.categoryCode } : {}),
        ...(input.generalModuleCode !== undefined ? { general_module_code: input.generalModuleCode } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await refreshSearchTokens(trx, id);
      await this.deps.audit.record(trx, {
        actor,
        action: 'course.updated',
        targetType: 'course',
        targetId: id,
        institutionId: course.institution_id,
        meta,
        details: { fields: Object.keys(input) },
      });
    });
    return this.detailFor(actor, id);
  }

  async addChapter(actor: Actor, courseId: string, title: string): Promise<{ id: string }> {
    await this.editableCourse(actor, courseId);
    const id = newId();
    await appendChapter(this.deps.db, { id, course_id: courseId, title: title.trim() });
    return { id };
  }

  async addLesson(
    actor: Actor,
    chapterId: string,
    input: { title: string; kind: 'video' | 'document'; mediaId?: string | null; documentMinutes?: number | null },
  ): Promise<{ id: string }> {
    const chapter = await findChapter(this.deps.db, chapterId);
    if (!chapter) throw new AppError('NOT_FOUND');
    const course = await this.editableCourse(actor, chapter.course_id);
    if (input.mediaId) await this.checkMedia(input.mediaId, input.kind, course.institution_id);
    if (input.kind === 'document' && !input.documentMinutes)
      throw new AppError('VALIDATION_FAILED', { field: 'documentMinutes' });
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await appendLesson(trx, {
        id,
        course_id: chapter.course_id,
        chapter_id: chapterId,
        title: input.title.trim(),
        kind: input.kind,
        media_id: input.mediaId ?? null,
        document_minutes: input.kind === 'document' ? (input.documentMinutes ?? null) : null,
      });
      await refreshSearchTokens(trx, chapter.course_id);
    });
    return { id };
  }

  async removeLesson(actor: Actor, lessonId: string): Promise<void> {
    const lesson = await findLesson(this.deps.db, lessonId);
    if (!lesson) throw new AppError('NOT_FOUND');
    const course = await this.editableCourse(actor, lesson.course_id);
    // A published course is evidence for classes that used it: its lessons are not removed, the course is archived instead.
    if (course.status !== 'draft') throw new AppError('COURSE_NOT_DRAFT');
    await deleteLesson(this.deps.db, lessonId);
  }

  async updateChapter(actor: Actor, chapterId: string, title: string): Promise<void> {
    const chapter = await findChapter(this.deps.db, chapterId);
    if (!chapter) throw new AppError('NOT_FOUND');
    await this.editableCourse(actor, chapter.course_id);
    await updateChapter(this.deps.db, chapterId, { title: title.trim() });
  }

  async removeChapter(actor: Actor, chapterId: string): Promise<void> {
    const chapter = await findChapter(this.deps.db, chapterId);
    if (!chapter) throw new AppError('NOT_FOUND');
    const course = await this.editableCourse(actor, chapter.course_id);
    if (course.status !== 'draft') throw new AppError('COURSE_NOT_DRAFT');
    await this.deps.db.transaction().execute(async (trx) => {
      await deleteChapter(trx, chapterId);
      await refreshSearchTokens(trx, chapter.course_id);
    });
  }

  async updateLesson(
    actor: Actor,
    lessonId: string,
    input: { title?: string; mediaId?: string | null; documentMinutes?: number | null },
  ): Promise<void> {
    const lesson = await findLesson(this.deps.db, lessonId);
    if (!lesson) throw new AppError('NOT_FOUND');
    const course = await this.editableCourse(actor, lesson.course_id);
    // Swapping the media of a published lesson would change what learners were credited for: draft only.
    if (input.mediaId !== undefined && input.mediaId !== lesson.media_id && course.status !== 'draft')
      throw new AppError('COURSE_NOT_DRAFT');
    if (input.mediaId) await this.checkMedia(input.mediaId, lesson.kind, course.institution_id);
    if (lesson.kind === 'document' && input.documentMinutes === null)
      throw new AppError('VALIDATION_FAILED', { field: 'documentMinutes' });
    await this.deps.db.transaction().execute(async (trx) => {
      await updateLesson(trx, lessonId, {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.mediaId !== undefined ? { media_id: input.mediaId } : {}),
        ...(input.documentMinutes !== undefined && lesson.kind === 'document'
          ? { document_minutes: input.documentMinutes }
          : {}),
      });
      await refreshSearchTokens(trx, lesson.course_id);
    });
  }

  /** Moves a chapter or a lesson one place up or down among its siblings (swaps the sort keys). */
  async move(actor: Actor, kind: 'chapter' | 'lesson', id: string, direction: 'up' | 'down'): Promise<void> {
    const { db } = this.deps;
    const item = await findOutlineItem(db, kind, id);
    if (!item) throw new AppError('NOT_FOUND');
    await this.editableCourse(actor, item.course_id);
    const neighbour = await outlineNeighbour(db, item, direction);
    if (!neighbour) return;
    await db.transaction().execute((trx) => swapOutlineSort(trx, item, neighbour));
  }

  private async checkMedia(mediaId: string, kind: 'video' | 'document', institutionId: string | null): Promise<void> {
    const media = await findMediaOwner(this.deps.db, mediaId);
    if (!media || media.institution_id !== institutionId) throw new AppError('VALIDATION_FAILED', { field: 'mediaId' });
    if (media.kind !== kind)
      throw new AppError('VALIDATION_FAILED', { field: 'kind', details: { mediaKind: media.kind } });
  }

  async setStatus(
    actor: Actor,
    id: string,
    status: 'published' | 'archived',
    meta: RequestMeta,
  ): Promise<CourseDetail> {
    const course = await this.editableCourse(actor, id);
    if (status === 'published') {
      const detail = await this.detailFor(actor, id);
      const lessons = detail.chapters.flatMap((c) => c.lessons);
      if (lessons.length === 0) throw new AppError('COURSE_EMPTY');
      if (lessons.some((l) => l.mediaId === null || l.mediaStatus !== 'ready'))
        throw new AppError('COURSE_MEDIA_NOT_READY');
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await updateCourse(trx, id, { status, updated_at: this.deps.clock.now().toISOString() });
      await this.deps.audit.record(trx, {
        actor,
        action: `course.${status}`,
        targetType: 'course',
        targetId: id,
        institutionId: course.institution_id,
        meta,
      });
    });
    return this.detailFor(actor, id);
  }

  async listOwn(actor: Actor): Promise<CourseSummary[]> {
    requirePermission(actor, coursePermissions['courses.author']);
    return this.toSummaries(await authoredCourseSummaries(this.deps.db, actor, 500), null);
  }

  async detailFor(actor: Actor, id: string): Promise<CourseDetail> {
    const course = await findCourse(this.deps.db, id);
    if (!course || (course.status !== 'published' && !canEdit(actor, course))) throw new AppError('NOT_FOUND');
    return this.detail(id, null);
  }

  // ---- public catalogue ------------------------------------------------------------------------------------

  private async toSummaries(rows: CourseSummaryRow[], regionCode: string | null): Promise<CourseSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const lessons = await lessonsWithMedia(this.deps.db, ids);
    const policy = await this.deps.policies.effective(this.deps.db, regionCode);
    const free = await this.freeCourseIds(ids, regionCode);
    return rows.map((r) => {
      const own = lessons.filter((l) => l.course_id === r.id);
      const hours = courseHours(
        own.map((l) => ({
          kind: l.kind,
          durationMs: l.media_status === 'ready' ? Number(l.duration_ms) : null,
          documentMinutes: l.document_minutes,
        })),
        policy.document.classHourMinutes,
      );
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        status: r.status,
        institutionId: r.institution_id,
        institutionName: r.institution_name ?? null,
        occupationCode: r.occupation_code,
        occupationName: r.occ_zh ? { zh: r.occ_zh, en: r.occ_en! } : null,
        level: r.level,
        categoryCode: r.category_code,
        categoryName: r.cat_zh ? { zh: r.cat_zh, en: r.cat_en! } : null,
        generalModuleCode: r.general_module_code,
        lessonCount: own.length,
        minutes: hours.minutes,
        classHours: hours.classHours,
        posterMediaId: own.find((l) => l.kind === 'video' && l.media_status === 'ready')?.media_id ?? null,
        free: free.has(r.id),
        updatedAt: r.updated_at,
      };
    });
  }

  /** Courses free right now in the region: listed in an active campaign directly or through their category. */
  async freeCourseIds(courseIds: string[], regionCode: string | null): Promise<Set<string>> {
    if (courseIds.length === 0) return new Set();
    const now = this.deps.clock.now().toISOString();
    const rows = await runningCampaignItems(this.deps.db, now);
    const applicable = rows.filter((c) => c.region_code === null || isWithinRegion(regionCode, c.region_code));
    const courses = await courseCategoriesOf(this.deps.db, courseIds);
    return new Set(
      courses
        .filter((c) =>
          applicable.some(
            (a) => a.course_id === c.id || (a.category_code !== null && a.category_code === c.category_code),
          ),
        )
        .map((c) => c.id),
    );
  }

  async browse(query: BrowseQuery): Promise<{ items: CourseSummary[]; total: number }> {
    const { rows, total } = await cataloguePage(this.deps.db, this.deps.dialect, query, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: await this.toSummaries(rows, query.region ?? null), total };
  }

  /** Published courses by id, in the order given (regional columns). */
  async summariesByIds(ids: string[], regionCode: string | null): Promise<CourseSummary[]> {
    if (ids.length === 0) return [];
    const rows = await publishedCourseSummaries(this.deps.db, ids);
    const summaries = await this.toSummaries(rows, regionCode);
    return ids.map((id) => summaries.find((s) => s.id === id)).filter((s): s is CourseSummary => !!s);
  }

  /** A course's class hours under a given class-hour length (a class counts its courses by the policy it keeps). */
  async hoursUnder(id: string, classHourMinutes: number) {
    const course = await findCourse(this.deps.db, id);
    if (!course) throw new Error(`course ${id} not found`);
    const lessons = await lessonsWithMedia(this.deps.db, [id]);
    const hours = courseHours(
      lessons.map((l) => ({
        kind: l.kind,
        durationMs: l.media_status === 'ready' ? Number(l.duration_ms) : null,
        documentMinutes: l.document_minutes,
      })),
      classHourMinutes,
    );
    return {
      id,
      title: course.title,
      status: course.status,
      classHours: hours.classHours,
      pendingLessons: hours.pendingLessons,
      occupationCode: course.occupation_code,
      generalModuleCode: course.general_module_code,
    };
  }

  async publicDetail(id: string, regionCode: string | null): Promise<CourseDetail> {
    const course = await findCourse(this.deps.db, id);
    if (!course || course.status !== 'published') throw new AppError('NOT_FOUND');
    return this.detail(id, regionCode);
  }

  private async detail(id: string, regionCode: string | null): Promise<CourseDetail> {
    const row = await courseSummary(this.deps.db, id);
    // Hours follow the rules of the institution's region unless the reader asked for another region.
    const region = regionCode ?? row.institution_region ?? null;
    const [summary] = await this.toSummaries([row], region);
    const chapters = await chaptersOf(this.deps.db, id);
    const lessons = await lessonsWithMedia(this.deps.db, [id]);
    const policy = await this.deps.policies.effective(this.deps.db, region);
    const hours = courseHours(
      lessons.map((l) => ({
        kind: l.kind,
        durationMs: l.media_status === 'ready' ? Number(l.duration_ms) : null,
        documentMinutes: l.document_minutes,
      })),
      policy.document.classHourMinutes,
    );
    const standard =
      row.occupation_code && row.level ? await findStandard(this.deps.db, row.occupation_code, row.level) : undefined;
    return {
      ...summary,
      chapters: chapters.map((c) => ({
        id: c.id,
        title: c.title,
        sort: c.sort,
        lessons: lessons
          .filter((l) => l.chapter_id === c.id)
          .map((l) => ({
            id: l.id,
            title: l.title,
            kind: l.kind,
            sort: l.sort,
            mediaId: l.media_id,
            mediaStatus: l.media_status ?? null,
            progress: l.progress ?? null,
            durationSeconds:
              l.media_status === 'ready' && l.duration_ms !== null
                ? Math.round(Number(l.duration_ms) / 100) / 10
                : null,
            pageCount: l.page_count ?? null,
            documentMinutes: l.document_minutes,
          })),
      })),
      standard: checkAgainstStandard(
        hours,
        standard ? { minHours: standard.min_hours, maxOnlinePercent: standard.max_online_percent } : null,
        policy.document.maxOnlineShare,
      ),
      classHourMinutes: policy.document.classHourMinutes,
      pendingLessons: hours.pendingLessons,
    };
  }
}
