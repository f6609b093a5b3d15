// Shapes of the public catalogue API: the shared ones live in api/catalog-types.
import type { ApiAnswer } from '@contracts';

export type {
  Named,
  MediaStatus,
  CourseStatus,
  LessonKind,
  CourseSummary,
  Lesson,
  Chapter,
  StandardCheck,
  CourseDetail,
  CourseCategory,
  SkillLevel,
  OccupationSummary,
  CampaignState,
  Campaign,
} from '../../api/catalog-types';
export type { OccupationSummary as Occupation } from '../../api/catalog-types';

export type FeaturedColumn = ApiAnswer<'GET /catalog/columns'>['items'][number];

export type CourseFilters = {
  q?: string;
  category?: string;
  occupation?: string;
  level?: number;
  region?: string;
  page: number;
  pageSize: number;
};
