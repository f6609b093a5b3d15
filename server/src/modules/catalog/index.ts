// Front door of modules/catalog (occupations, standards, general modules, courses and lessons, campaigns, the shipped reference data); other modules import only from here.
export { CampaignsService } from './campaigns.service.js';
export { MediaStatusSchema } from './catalog.contract.js';
export { catalogRoutes } from './catalog.routes.js';
export {
  type CampaignItemsTable,
  type CampaignsTable,
  type ChaptersTable,
  type ColumnCoursesTable,
  type CourseCategoriesTable,
  type CourseCategoryOccupationsTable,
  type CoursesTable,
  type LessonsTable,
  type MediaTable,
  type OccupationCategoriesTable,
  type OccupationsTable,
  type PoliciesTable,
  type RegionalColumnsTable,
  type SkillStandardsTable,
} from './catalog.tables.js';
export { refreshSearchTokens } from './courses.repository.js';
export { CoursesService } from './courses.service.js';
export { COURSE_CATEGORIES } from './data/course-categories.js';
export { GENERAL_MODULES } from './data/general-modules.js';
export { NATIONAL_POLICY, REGIONAL_OVERRIDES } from './data/national-policy.js';
export {
  MAJOR_CATEGORIES,
  MEDIUM_CATEGORIES,
  OCCUPATIONS,
  SMALL_CATEGORIES,
} from './data/occupation-classification.js';
export { SKILL_STANDARDS } from './data/skill-standards.js';
export { SKILL_LEVELS, skillLevel, type SkillLevel } from './data/skill-levels.js';
export { ReferenceService } from './reference.service.js';
export { authoredScope } from './catalog.policy.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as catalogContract from './catalog.contract.js';
