// Shapes of the course authoring and catalogue reference API (docs/api.md, "Catalogue").

export type Named = { zh: string; en: string };

/** The name in the UI language: English when chosen, else Chinese. */
export function named(name: Named | null | undefined, language: string): string {
  if (!name) return '';
  return language === 'en' ? name.en : name.zh;
}

export type CourseStatus = 'draft' | 'published' | 'archived';

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

export type MediaStatus = 'uploaded' | 'processing' | 'ready' | 'failed';
export type LessonKind = 'video' | 'document';

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
  | { status: 'met' | 'below'; requiredOnlineHours: number; courseHours: number; standardMinHours: number; onlineShare: number };

export type CourseDetail = CourseSummary & {
  chapters: Chapter[];
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

export type Media = {
  id: string;
  kind: LessonKind;
  originalName: string;
  mime: string;
  size: number;
  status: MediaStatus;
  progress: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  pageCount: number | null;
  error: string | null;
  errorCode: string | null;
  createdAt: string;
  posterUrl: string | null;
};

export type Category = { code: string; name: Named; occupationCount: number; courseCount: number };
export type SkillLevel = { level: number; label: string; name: Named };
export type GeneralModule = { code: string; name: Named; suggestedMinutes: number; required: boolean; courses: { id: string; title: string }[] };

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
