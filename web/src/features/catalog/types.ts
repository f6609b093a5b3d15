// Shapes of the public catalogue API (server/src/modules/catalog: courses, reference and campaigns services).

/** A name the server sends in both languages. */
export type Named = { zh: string; en: string };

export type MediaStatus = 'uploaded' | 'processing' | 'ready' | 'failed';

export type CourseSummary = {
  id: string;
  title: string;
  summary: string;
  status: 'draft' | 'published' | 'archived';
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

export type Lesson = {
  id: string;
  title: string;
  kind: 'video' | 'document';
  sort: number;
  mediaId: string | null;
  mediaStatus: MediaStatus | null;
  progress: number | null;
  durationSeconds: number | null;
  pageCount: number | null;
  documentMinutes: number | null;
};

export type Chapter = { id: string; title: string; sort: number; lessons: Lesson[] };

export type StandardCheck =
  | { status: 'no_standard' }
  | { status: 'met' | 'below'; requiredOnlineHours: number; courseHours: number; standardMinHours: number; onlineShare: number };

export type CourseDetail = CourseSummary & {
  chapters: Chapter[];
  standard: StandardCheck;
  classHourMinutes: number;
  pendingLessons: number;
};

export type CourseCategory = { code: string; name: Named; occupationCount: number; courseCount: number };

export type SkillLevel = { level: number; label: string; name: Named };

export type Occupation = {
  code: string;
  name: Named;
  categoryCode: string;
  categoryName: Named;
  majorCode: string;
  tags: string[];
  courseCount: number;
  levels: number[];
};

export type Campaign = {
  id: string;
  name: Named;
  regionCode: string | null;
  regionName: string | null;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'active' | 'ended';
  courseIds: string[];
  categoryCodes: string[];
};

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
