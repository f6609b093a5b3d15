// Shapes of the public catalogue API: the shared ones live in api/catalog-types.
import type { CourseSummary, Named } from '../../api/catalog-types';

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

export type FeaturedColumn = {
  id: string;
  regionCode: string;
  regionName: string | null;
  title: Named;
  sort: number;
  courseIds: string[];
  courses: CourseSummary[];
};

export type CourseFilters = {
  q?: string;
  category?: string;
  occupation?: string;
  level?: number;
  region?: string;
  page: number;
  pageSize: number;
};
