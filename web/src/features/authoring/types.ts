// Shapes of the course authoring API; the catalogue shapes shared with other pages live in api/catalog-types.
import type { ApiAnswer } from '@contracts';
import type { CourseCategory, Named } from '../../api/catalog-types';

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

export type { MediaView as Media } from '@contracts';

export type Category = CourseCategory;
export type GeneralModule = ApiAnswer<'GET /catalog/general-modules'>['items'][number];
