import type { Generated } from 'kysely';

export type OccupationCategoryLevel = 'major' | 'medium' | 'small';

export interface OccupationCategoriesTable {
  code: string;
  level: OccupationCategoryLevel;
  name_zh: string;
  name_en: string;
  parent_code: string | null;
}

export interface OccupationsTable {
  /** 2022 classification code, e.g. 4-10-01-05. */
  code: string;
  name_zh: string;
  name_en: string;
  category_code: string;
  tags: string;
}

export interface SkillStandardsTable {
  occupation_code: string;
  /** 5 初级工 … 1 高级技师 */
  level: number;
  min_hours: number;
  /** Percent of hours that may be online (0–100). */
  max_online_percent: number;
  modules: string;
  estimated: number;
  basis: string;
}

export interface CourseCategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
}

export interface CourseCategoryOccupationsTable {
  category_code: string;
  occupation_code: string;
}

/** Versioned policy documents: `scope` is 'national' or a region code; a newer version supersedes the older. */
export interface PoliciesTable {
  id: string;
  scope: string;
  version: number;
  document: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

export type CourseStatus = 'draft' | 'published' | 'archived';

export interface CoursesTable {
  id: string;
  /** null: a shared platform course (e.g. the mandatory general modules). */
  institution_id: string | null;
  occupation_code: string | null;
  level: number | null;
  category_code: string | null;
  general_module_code: string | null;
  title: string;
  summary: string;
  status: CourseStatus;
  /** CJK bigrams and lower-cased words of the searchable text (see search-tokens.ts). */
  search_tokens: string;
  /** 1: learners take the lessons in order (the learning engine refuses a later lesson before the earlier ones). */
  lessons_in_order: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChaptersTable {
  id: string;
  course_id: string;
  title: string;
  sort: number;
}

export interface LessonsTable {
  id: string;
  course_id: string;
  chapter_id: string;
  title: string;
  kind: 'video' | 'document';
  media_id: string | null;
  /** Documents only: the study time the author plans (videos take the server-probed duration). */
  document_minutes: number | null;
  sort: number;
}

export type MediaStatus = 'uploaded' | 'processing' | 'ready' | 'failed';

export interface MediaTable {
  id: string;
  institution_id: string | null;
  kind: 'video' | 'document';
  original_name: string;
  mime: string;
  size: number;
  sha256: string;
  status: MediaStatus;
  progress: number;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  page_count: number | null;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignsTable {
  id: string;
  name_zh: string;
  name_en: string;
  /** null: nationwide; otherwise the region (and its subtree) where the campaign applies. */
  region_code: string | null;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

export interface CampaignItemsTable {
  campaign_id: string;
  course_id: string | null;
  category_code: string | null;
}

export interface RegionalColumnsTable {
  id: string;
  region_code: string;
  title_zh: string;
  title_en: string;
  sort: number;
  created_at: string;
}

export interface ColumnCoursesTable {
  column_id: string;
  course_id: string;
  sort: number;
}
