import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/index.js';
import { GENERAL_MODULES } from './data/general-modules.js';
import { CLASSIFICATION_EDITION } from './data/occupation-classification.js';
import { SKILL_LEVELS } from './data/skill-levels.js';
import {
  platformGeneralModuleCourses,
  publishedCountsByCategory,
  publishedCountsByOccupation,
} from './courses.repository.js';
import type { Named } from './courses.service.js';
import {
  categoriesOfOccupation,
  classificationCategories,
  courseCategories,
  findOccupation,
  findStandard,
  insertStandard,
  occupationCountsByCategory,
  occupationSummaries,
  standardLevels,
  standardsOf,
  updateOccupation,
  updateStandard,
  upperClassification,
  type OccupationFilter,
} from './reference.repository.js';
import type { PoliciesService } from '../policies/index.js';

export const referencePermissions = declarePermissions({
  'reference.manage': ['operator'],
});

export type KnowledgeModule = { zh: string; en: string };
export type StandardView = {
  level: number;
  minHours: number;
  maxOnlinePercent: number;
  modules: KnowledgeModule[];
  estimated: boolean;
  basis: string;
};
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
export type OccupationDetail = OccupationSummary & {
  edition: string;
  path: { code: string; level: string; name: Named }[];
  standards: StandardView[];
  courseCategories: { code: string; name: Named }[];
};

/** Reference data of the catalogue: occupations on the national classification, skill standards, categories, levels. */
export class ReferenceService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; policies: PoliciesService },
  ) {}

  skillLevels() {
    return SKILL_LEVELS.map((l) => ({ level: l.level, label: l.labelZh, name: { zh: l.nameZh, en: l.nameEn } }));
  }

  /** The general modules, whether the region's policy requires each, and the published platform courses teaching it. */
  async generalModules(regionCode: string | null) {
    const policy = await this.deps.policies.effective(this.deps.db, regionCode);
    const courses = await platformGeneralModuleCourses(this.deps.db);
    return GENERAL_MODULES.map((g) => ({
      code: g.code,
      name: { zh: g.nameZh, en: g.nameEn },
      suggestedMinutes: g.suggestedMinutes,
      required: policy.document.requiredGeneralModules.includes(g.code),
      courses: courses.filter((c) => c.general_module_code === g.code).map((c) => ({ id: c.id, title: c.title })),
    }));
  }

  private categoriesCache: { at: number; value: Awaited<ReturnType<ReferenceService['loadCourseCategories']>> } | null =
    null;

  /** Categories with their counts, recomputed at most every 30 s: a full count on every home-page view is waste. */
  async courseCategories() {
    const now = this.deps.clock.now().getTime();
    if (!this.categoriesCache || now - this.categoriesCache.at > 30_000)
      this.categoriesCache = { at: now, value: await this.loadCourseCategories() };
    return this.categoriesCache.value;
  }

  private async loadCourseCategories() {
    const { db } = this.deps;
    const [categories, occupations, courses] = await Promise.all([
      courseCategories(db),
      occupationCountsByCategory(db),
      publishedCountsByCategory(db),
    ]);
    const count = (rows: { category_code: string | null; n: unknown }[], code: string) =>
      Number(rows.find((r) => r.category_code === code)?.n ?? 0);
    return categories.map((c) => ({
      code: c.code,
      name: { zh: c.name_zh, en: c.name_en },
      occupationCount: count(occupations, c.code),
      courseCount: count(courses, c.code),
    }));
  }

  /** Major and medium categories of the classification, for filters and the operator's tree. */
  async classification() {
    const rows = await upperClassification(this.deps.db);
    return rows.map((r) => ({
      code: r.code,
      level: r.level,
      parentCode: r.parent_code,
      name: { zh: r.name_zh, en: r.name_en },
    }));
  }

  async listOccupations(query: OccupationFilter): Promise<OccupationSummary[]> {
    const { db } = this.deps;
    const rows = await occupationSummaries(db, query, 500);
    const codes = rows.map((r) => r.code);
    const [courses, levels] = await Promise.all([publishedCountsByOccupation(db, codes), standardLevels(db, codes)]);
    return rows.map((r) => ({
      code: r.code,
      name: { zh: r.name_zh, en: r.name_en },
      categoryCode: r.category_code,
      categoryName: { zh: r.cat_zh, en: r.cat_en },
      majorCode: r.code.split('-')[0],
      tags: r.tags ? r.tags.split(' ') : [],
      courseCount: Number(courses.find((c) => c.occupation_code === r.code)?.n ?? 0),
      levels: levels
        .filter((l) => l.occupation_code === r.code)
        .map((l) => l.level)
        .sort((a, b) => b - a),
    }));
  }

  async occupation(code: string): Promise<OccupationDetail> {
    const { db } = this.deps;
    const [summary] = await this.listOccupations({ code });
    if (!summary) throw new AppError('NOT_FOUND');
    const parts = code.split('-');
    const ancestors = [parts[0], parts.slice(0, 2).join('-'), parts.slice(0, 3).join('-')];
    const [categories, standards, courseCategories] = await Promise.all([
      classificationCategories(db, ancestors),
      standardsOf(db, code),
      categoriesOfOccupation(db, code),
    ]);
    return {
      ...summary,
      edition: CLASSIFICATION_EDITION,
      path: ancestors
        .map((a) => categories.find((c) => c.code === a))
        .filter((c) => !!c)
        .map((c) => ({ code: c.code, level: c.level, name: { zh: c.name_zh, en: c.name_en } })),
      standards: standards.map((s) => ({
        level: s.level,
        minHours: s.min_hours,
        maxOnlinePercent: s.max_online_percent,
        modules: JSON.parse(s.modules) as KnowledgeModule[],
        estimated: !!s.estimated,
        basis: s.basis,
      })),
      courseCategories: courseCategories.map((c) => ({ code: c.code, name: { zh: c.name_zh, en: c.name_en } })),
    };
  }

  async updateOccupation(
    actor: Actor,
    code: string,
    input: { nameZh?: string; nameEn?: string; tags?: string[] },
    meta: RequestMeta,
  ): Promise<OccupationDetail> {
    requirePermission(actor, referencePermissions['reference.manage']);
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await findOccupation(trx, code);
      if (!before) throw new AppError('NOT_FOUND');
      const changes = {
        ...(input.nameZh !== undefined ? { name_zh: input.nameZh.trim() } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn.trim() } : {}),
        ...(input.tags !== undefined
          ? {
              tags: input.tags
                .map((t) => t.trim())
                .filter(Boolean)
                .join(' '),
            }
          : {}),
      };
      if (Object.keys(changes).length === 0) return;
      await updateOccupation(trx, code, changes);
      await this.deps.audit.record(trx, {
        actor,
        action: 'occupation.updated',
        targetType: 'occupation',
        targetId: code,
        meta,
        details: { before: { name_zh: before.name_zh, name_en: before.name_en, tags: before.tags }, after: changes },
      });
    });
    return this.occupation(code);
  }

  /** Sets the standard of one occupation at one level (creating it when the occupation had none at that level). */
  async putStandard(
    actor: Actor,
    code: string,
    level: number,
    input: { minHours: number; maxOnlinePercent: number; modules: KnowledgeModule[]; basis: string },
    meta: RequestMeta,
  ): Promise<OccupationDetail> {
    requirePermission(actor, referencePermissions['reference.manage']);
    if (input.modules.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'modules' });
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await findOccupation(trx, code))) throw new AppError('NOT_FOUND');
      const before = await findStandard(trx, code, level);
      // An operator-entered figure is no longer our estimate: it carries the basis the operator gave.
      const values = {
        min_hours: input.minHours,
        max_online_percent: input.maxOnlinePercent,
        modules: JSON.stringify(input.modules),
        estimated: 0,
        basis: input.basis.trim(),
      };
      if (before) await updateStandard(trx, code, level, values);
      else await insertStandard(trx, code, level, values);
      await this.deps.audit.record(trx, {
        actor,
        action: 'standard.updated',
        targetType: 'occupation',
        targetId: code,
        meta,
        details: {
          level,
          before: before ? { minHours: before.min_hours, maxOnlinePercent: before.max_online_percent } : null,
          after: { minHours: input.minHours, maxOnlinePercent: input.maxOnlinePercent },
        },
      });
    });
    return this.occupation(code);
  }
}
