import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type { CampaignView as CampaignViewSource, ColumnView as ColumnViewSource } from './campaigns.service.js';
import type {
  CourseStatus as CourseStatusSource,
  MediaStatus as MediaStatusSource,
  OccupationCategoryLevel as OccupationCategoryLevelSource,
} from './catalog.tables.js';
import type { StandardCheck as StandardCheckSource } from './course-hours.js';
import type {
  CourseDetail as CourseDetailSource,
  CourseSummary as CourseSummarySource,
  LessonView as LessonViewSource,
  Named as NamedSource,
} from './courses.service.js';
import type { SkillLevel as SkillLevelSource } from './data/skill-levels.js';
import { EffectivePolicySchema, PolicyVersionSchema } from '../policies/index.js';
import type {
  KnowledgeModule as KnowledgeModuleSource,
  OccupationDetail as OccupationDetailSource,
  OccupationSummary as OccupationSummarySource,
  StandardView as StandardViewSource,
} from './reference.service.js';

export const OccupationCategoryLevelSchema = StringEnum(['medium', 'small', 'major']);
export type OccupationCategoryLevel = Static<typeof OccupationCategoryLevelSchema>;

export const SkillLevelSchema = Type.Union([
  Type.Literal(1),
  Type.Literal(2),
  Type.Literal(4),
  Type.Literal(3),
  Type.Literal(5),
]);
export type SkillLevel = Static<typeof SkillLevelSchema>;

export const NamedSchema = Type.Object({ zh: Type.String(), en: Type.String() });
export type Named = Static<typeof NamedSchema>;

export const OccupationSummarySchema = Type.Object({
  code: Type.String(),
  name: NamedSchema,
  categoryCode: Type.String(),
  categoryName: NamedSchema,
  majorCode: Type.String(),
  tags: Type.Array(Type.String()),
  courseCount: Type.Number(),
  levels: Type.Array(Type.Number()),
});
export type OccupationSummary = Static<typeof OccupationSummarySchema>;

export const KnowledgeModuleSchema = Type.Object({ zh: Type.String(), en: Type.String() });
export type KnowledgeModule = Static<typeof KnowledgeModuleSchema>;

export const StandardViewSchema = Type.Object({
  level: Type.Number(),
  minHours: Type.Number(),
  maxOnlinePercent: Type.Number(),
  modules: Type.Array(KnowledgeModuleSchema),
  estimated: Type.Boolean(),
  basis: Type.String(),
});
export type StandardView = Static<typeof StandardViewSchema>;

export const OccupationDetailSchema = Type.Object({
  code: Type.String(),
  name: NamedSchema,
  categoryCode: Type.String(),
  categoryName: NamedSchema,
  majorCode: Type.String(),
  tags: Type.Array(Type.String()),
  courseCount: Type.Number(),
  levels: Type.Array(Type.Number()),
  edition: Type.String(),
  path: Type.Array(Type.Object({ code: Type.String(), level: Type.String(), name: NamedSchema })),
  standards: Type.Array(StandardViewSchema),
  courseCategories: Type.Array(Type.Object({ code: Type.String(), name: NamedSchema })),
});
export type OccupationDetail = Static<typeof OccupationDetailSchema>;

export const CourseStatusSchema = StringEnum(['published', 'draft', 'archived']);
export type CourseStatus = Static<typeof CourseStatusSchema>;

export const CourseSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: CourseStatusSchema,
  institutionId: OrNull(Type.String()),
  institutionName: OrNull(Type.String()),
  occupationCode: OrNull(Type.String()),
  occupationName: OrNull(NamedSchema),
  level: OrNull(Type.Number()),
  categoryCode: OrNull(Type.String()),
  categoryName: OrNull(NamedSchema),
  generalModuleCode: OrNull(Type.String()),
  lessonCount: Type.Number(),
  minutes: Type.Number(),
  classHours: Type.Number(),
  posterMediaId: OrNull(Type.String()),
  free: Type.Boolean(),
  updatedAt: Type.String(),
});
export type CourseSummary = Static<typeof CourseSummarySchema>;

export const LessonViewSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: StringEnum(['video', 'document']),
  sort: Type.Number(),
  mediaId: OrNull(Type.String()),
  mediaStatus: OrNull(Type.String()),
  progress: OrNull(Type.Number()),
  durationSeconds: OrNull(Type.Number()),
  pageCount: OrNull(Type.Number()),
  documentMinutes: OrNull(Type.Number()),
});
export type LessonView = Static<typeof LessonViewSchema>;

export const StandardCheckSchema = Type.Union([
  Type.Object({ status: Type.Literal('no_standard') }),
  Type.Object({
    status: StringEnum(['met', 'below']),
    requiredOnlineHours: Type.Number(),
    courseHours: Type.Number(),
    standardMinHours: Type.Number(),
    onlineShare: Type.Number(),
  }),
]);
export type StandardCheck = Static<typeof StandardCheckSchema>;

export const CourseDetailSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: CourseStatusSchema,
  institutionId: OrNull(Type.String()),
  institutionName: OrNull(Type.String()),
  occupationCode: OrNull(Type.String()),
  occupationName: OrNull(NamedSchema),
  level: OrNull(Type.Number()),
  categoryCode: OrNull(Type.String()),
  categoryName: OrNull(NamedSchema),
  generalModuleCode: OrNull(Type.String()),
  lessonCount: Type.Number(),
  minutes: Type.Number(),
  classHours: Type.Number(),
  posterMediaId: OrNull(Type.String()),
  free: Type.Boolean(),
  updatedAt: Type.String(),
  chapters: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      sort: Type.Number(),
      lessons: Type.Array(LessonViewSchema),
    }),
  ),
  standard: StandardCheckSchema,
  classHourMinutes: Type.Number(),
  pendingLessons: Type.Number(),
});
export type CourseDetail = Static<typeof CourseDetailSchema>;

export const CampaignViewSchema = Type.Object({
  id: Type.String(),
  name: NamedSchema,
  regionCode: OrNull(Type.String()),
  regionName: OrNull(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  state: StringEnum(['active', 'upcoming', 'ended']),
  courseIds: Type.Array(Type.String()),
  categoryCodes: Type.Array(Type.String()),
});
export type CampaignView = Static<typeof CampaignViewSchema>;

export const ColumnViewSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: OrNull(Type.String()),
  title: NamedSchema,
  sort: Type.Number(),
  courseIds: Type.Array(Type.String()),
});
export type ColumnView = Static<typeof ColumnViewSchema>;

export const MediaStatusSchema = StringEnum(['uploaded', 'processing', 'ready', 'failed']);
export type MediaStatus = Static<typeof MediaStatusSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const catalogResponses = {
  'GET /catalog/categories': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.Object({ zh: Type.String(), en: Type.String() }),
          occupationCount: Type.Number(),
          courseCount: Type.Number(),
        }),
      ),
    }),
  },
  'GET /catalog/classification': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          code: Type.String(),
          level: OccupationCategoryLevelSchema,
          parentCode: OrNull(Type.String()),
          name: Type.Object({ zh: Type.String(), en: Type.String() }),
        }),
      ),
    }),
  },
  'GET /catalog/levels': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          level: SkillLevelSchema,
          label: Type.String(),
          name: Type.Object({ zh: Type.String(), en: Type.String() }),
        }),
      ),
    }),
  },
  'GET /catalog/general-modules': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.Object({ zh: Type.String(), en: Type.String() }),
          suggestedMinutes: Type.Number(),
          required: Type.Boolean(),
          courses: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
        }),
      ),
    }),
  },
  'GET /catalog/occupations': { 200: Type.Object({ items: Type.Array(OccupationSummarySchema) }) },
  'GET /catalog/occupations/:code': { 200: Type.Object({ occupation: OccupationDetailSchema }) },
  'GET /catalog/courses': { 200: Type.Object({ items: Type.Array(CourseSummarySchema), total: Type.Number() }) },
  'GET /catalog/courses/:id': { 200: Type.Object({ course: CourseDetailSchema }) },
  'GET /catalog/campaigns': { 200: Type.Object({ items: Type.Array(CampaignViewSchema) }) },
  'GET /catalog/columns': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          regionCode: Type.String(),
          regionName: OrNull(Type.String()),
          title: NamedSchema,
          sort: Type.Number(),
          courseIds: Type.Array(Type.String()),
          courses: Type.Array(CourseSummarySchema),
        }),
      ),
    }),
  },
  'GET /catalog/policy': { 200: Type.Object({ policy: EffectivePolicySchema }) },
  'GET /courses': { 200: Type.Object({ items: Type.Array(CourseSummarySchema) }) },
  'POST /courses': { 201: Type.Object({ course: CourseDetailSchema }) },
  'GET /courses/:id': { 200: Type.Object({ course: CourseDetailSchema }) },
  'PATCH /courses/:id': { 200: Type.Object({ course: CourseDetailSchema }) },
  'POST /courses/:id/publish': { 200: Type.Object({ course: CourseDetailSchema }) },
  'POST /courses/:id/archive': { 200: Type.Object({ course: CourseDetailSchema }) },
  'POST /courses/:id/chapters': { 201: Type.Object({ id: Type.String() }) },
  'PATCH /chapters/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
  'DELETE /chapters/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
  'POST /chapters/:id/move': { 200: Type.Object({ ok: Type.Boolean() }) },
  'POST /chapters/:id/lessons': { 201: Type.Object({ id: Type.String() }) },
  'PATCH /lessons/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
  'DELETE /lessons/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
  'POST /lessons/:id/move': { 200: Type.Object({ ok: Type.Boolean() }) },
  'PATCH /catalog/occupations/:code': { 200: Type.Object({ occupation: OccupationDetailSchema }) },
  'PUT /catalog/occupations/:code/standards/:level': { 200: Type.Object({ occupation: OccupationDetailSchema }) },
  'GET /policies': {
    200: Type.Object({
      items: Type.Array(Type.Object({ scope: Type.String(), latestVersion: Type.Number(), updatedAt: Type.String() })),
    }),
  },
  'GET /policies/:scope': { 200: Type.Object({ items: Type.Array(PolicyVersionSchema) }) },
  'POST /policies/:scope': { 201: Type.Object({ policy: PolicyVersionSchema }) },
  'GET /campaigns': { 200: Type.Object({ items: Type.Array(CampaignViewSchema) }) },
  'POST /campaigns': { 201: Type.Object({ campaign: CampaignViewSchema }) },
  'PUT /campaigns/:id': { 200: Type.Object({ campaign: CampaignViewSchema }) },
  'DELETE /campaigns/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
  'GET /columns': { 200: Type.Object({ items: Type.Array(ColumnViewSchema) }) },
  'POST /columns': { 201: Type.Object({ column: ColumnViewSchema }) },
  'PUT /columns/:id': { 200: Type.Object({ column: ColumnViewSchema }) },
  'DELETE /columns/:id': { 200: Type.Object({ ok: Type.Boolean() }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type CatalogContractMatchesSources = [
  Check<SameShape<OccupationCategoryLevel, OccupationCategoryLevelSource>>,
  Check<SameShape<SkillLevel, SkillLevelSource>>,
  Check<SameShape<Named, NamedSource>>,
  Check<SameShape<OccupationSummary, OccupationSummarySource>>,
  Check<SameShape<KnowledgeModule, KnowledgeModuleSource>>,
  Check<SameShape<StandardView, StandardViewSource>>,
  Check<SameShape<OccupationDetail, OccupationDetailSource>>,
  Check<SameShape<CourseStatus, CourseStatusSource>>,
  Check<SameShape<CourseSummary, CourseSummarySource>>,
  Check<SameShape<LessonView, LessonViewSource>>,
  Check<SameShape<StandardCheck, StandardCheckSource>>,
  Check<SameShape<CourseDetail, CourseDetailSource>>,
  Check<SameShape<CampaignView, CampaignViewSource>>,
  Check<SameShape<ColumnView, ColumnViewSource>>,
  Check<SameShape<MediaStatus, MediaStatusSource>>,
];
