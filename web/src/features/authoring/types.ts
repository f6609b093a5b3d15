// Shapes of the course authoring API; the catalogue shapes shared with other pages live in api/catalog-types.
import type { CourseCategory, LessonKind, MediaStatus, Named } from '../../api/catalog-types';

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

/** The name in the UI language: English when chosen, else Chinese. */
export function named(name: Named | null | undefined, language: string): string {
  if (!name) return '';
  return language === 'en' ? name.en : name.zh;
}

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

export type Category = CourseCategory;
export type GeneralModule = {
  code: string;
  name: Named;
  suggestedMinutes: number;
  required: boolean;
  courses: { id: string; title: string }[];
};
