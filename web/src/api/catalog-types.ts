// Shapes of the catalogue API shared by the catalogue, authoring and management pages
// (server/src/modules/catalog: courses, reference and campaigns services; docs/api.md "Catalogue").

/** A name the server sends in both languages. */
export type Named = { zh: string; en: string };

export type MediaStatus = 'uploaded' | 'processing' | 'ready' | 'failed';
export type CourseStatus = 'draft' | 'published' | 'archived';
export type LessonKind = 'video' | 'document';

export type CourseSummary = {
  id: string;
  title: string;
  summary: string;
  status: CourseStatus;
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
  kind: LessonKind;
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
  | {
      status: 'met' | 'below';
      requiredOnlineHours: number;
      courseHours: number;
      standardMinHours: number;
      onlineShare: number;
    };

export type CourseDetail = CourseSummary & {
  chapters: Chapter[];
  standard: StandardCheck;
  classHourMinutes: number;
  pendingLessons: number;
};

export type CourseCategory = { code: string; name: Named; occupationCount: number; courseCount: number };

export type SkillLevel = { level: number; label: string; name: Named };

export type OccupationSummary = {
  code: string;
  name: Named;
  categoryCode: string;
  categoryName: Named;
  majorCode: string;
  tags: string[];
  courseCount: number;
  levels: number[];
};

export type CampaignState = 'upcoming' | 'active' | 'ended';
export type Campaign = {
  id: string;
  name: Named;
  regionCode: string | null;
  regionName: string | null;
  startsAt: string;
  endsAt: string;
  state: CampaignState;
  courseIds: string[];
  categoryCodes: string[];
};
