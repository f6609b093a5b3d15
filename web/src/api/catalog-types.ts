// Shapes of the catalogue API shared by the catalogue, authoring and management pages: the server's contracts
// (server/src/modules/catalog/catalog.contract.ts), imported as types only.
import type { ApiAnswer, CampaignView as Campaign, CourseDetail, LessonView as Lesson } from '@contracts';

export type {
  CampaignView as Campaign,
  CourseDetail,
  CourseStatus,
  CourseSummary,
  LessonView as Lesson,
  MediaStatus,
  Named,
  OccupationSummary,
  StandardCheck,
} from '@contracts';

export type LessonKind = Lesson['kind'];
export type Chapter = CourseDetail['chapters'][number];
export type CampaignState = Campaign['state'];
export type CourseCategory = ApiAnswer<'GET /catalog/categories'>['items'][number];
export type SkillLevel = ApiAnswer<'GET /catalog/levels'>['items'][number];
