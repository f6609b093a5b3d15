import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { findRegion, isWithinRegion } from '../regions/index.js';
import {
  campaignItemsOf,
  campaignsNotEndedAt,
  columnCoursesOf,
  deleteCampaign,
  deleteColumn,
  findCampaign,
  findColumn,
  insertCampaign,
  insertColumn,
  listCampaigns,
  listColumns,
  regionNames,
  replaceCampaignItems,
  replaceColumnCourses,
  updateCampaign,
  updateColumn,
  type CampaignRow,
  type ColumnRow,
} from './campaigns.repository.js';
import { publishedCourseIds } from './courses.repository.js';
import type { CourseSummary, CoursesService, Named } from './courses.service.js';
import { existingCategoryCodes } from './reference.repository.js';

export const campaignPermissions = declarePermissions({
  'campaigns.manage': ['operator'],
});

export type CampaignInput = {
  nameZh: string;
  nameEn: string;
  regionCode: string | null;
  startsAt: string;
  endsAt: string;
  courseIds: string[];
  categoryCodes: string[];
};
export type CampaignView = {
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
export type ColumnInput = { regionCode: string; titleZh: string; titleEn: string; sort: number; courseIds: string[] };
export type ColumnView = {
  id: string;
  regionCode: string;
  regionName: string | null;
  title: Named;
  sort: number;
  courseIds: string[];
};

/** Free-access campaigns and regional featured columns: operator-managed, shown in the public catalogue. */
export class CampaignsService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; courses: CoursesService },
  ) {}

  private async checkInput(
    db: DbOrTrx,
    input: { regionCode: string | null; courseIds: string[]; categoryCodes?: string[] },
  ) {
    if (input.regionCode && !(await findRegion(db, input.regionCode)))
      throw new AppError('VALIDATION_FAILED', { field: 'regionCode' });
    const ids = [...new Set(input.courseIds)];
    if (ids.length > 0) {
      const found = await publishedCourseIds(db, ids);
      if (found.length !== ids.length)
        throw new AppError('VALIDATION_FAILED', {
          field: 'courseIds',
          details: { unknown: ids.filter((id) => !found.includes(id)) },
        });
    }
    const codes = [...new Set(input.categoryCodes ?? [])];
    if (codes.length > 0) {
      const found = await existingCategoryCodes(db, codes);
      if (found.length !== codes.length) throw new AppError('VALIDATION_FAILED', { field: 'categoryCodes' });
    }
  }

  private state(startsAt: string, endsAt: string): CampaignView['state'] {
    const now = this.deps.clock.now().toISOString();
    return now < startsAt ? 'upcoming' : now < endsAt ? 'active' : 'ended';
  }

  private async campaignViews(rows: CampaignRow[]): Promise<CampaignView[]> {
    if (rows.length === 0) return [];
    const items = await campaignItemsOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const regions = await this.regionNames(rows.map((r) => r.region_code));
    return rows.map((r) => ({
      id: r.id,
      name: { zh: r.name_zh, en: r.name_en },
      regionCode: r.region_code,
      regionName: r.region_code ? (regions.get(r.region_code) ?? null) : null,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      state: this.state(r.starts_at, r.ends_at),
      courseIds: items.filter((i) => i.campaign_id === r.id && i.course_id).map((i) => i.course_id!),
      categoryCodes: items.filter((i) => i.campaign_id === r.id && i.category_code).map((i) => i.category_code!),
    }));
  }

  private async regionNames(codes: (string | null)[]): Promise<Map<string, string>> {
    return regionNames(this.deps.db, [...new Set(codes.filter((c): c is string => !!c))]);
  }

  async listCampaigns(actor: Actor): Promise<CampaignView[]> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    return this.campaignViews(await listCampaigns(this.deps.db, 500));
  }

  async saveCampaign(actor: Actor, id: string | null, input: CampaignInput, meta: RequestMeta): Promise<CampaignView> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (Number.isNaN(startsAt.getTime())) throw new AppError('VALIDATION_FAILED', { field: 'startsAt' });
    if (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)
      throw new AppError('VALIDATION_FAILED', { field: 'endsAt' });
    if (input.courseIds.length === 0 && input.categoryCodes.length === 0)
      throw new AppError('VALIDATION_FAILED', { field: 'courseIds' });
    const campaignId = id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.checkInput(trx, input);
      const values = {
        name_zh: input.nameZh.trim(),
        name_en: input.nameEn.trim(),
        region_code: input.regionCode,
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
      };
      if (id) {
        if (!(await updateCampaign(trx, id, values))) throw new AppError('NOT_FOUND');
      } else {
        await insertCampaign(trx, {
          id: campaignId,
          ...values,
          created_by: actor.userId,
          created_at: this.deps.clock.now().toISOString(),
        });
      }
      await replaceCampaignItems(trx, campaignId, [
        ...[...new Set(input.courseIds)].map((c) => ({ course_id: c, category_code: null })),
        ...[...new Set(input.categoryCodes)].map((c) => ({ course_id: null, category_code: c })),
      ]);
      await this.deps.audit.record(trx, {
        actor,
        action: id ? 'campaign.updated' : 'campaign.created',
        targetType: 'campaign',
        targetId: campaignId,
        regionCode: input.regionCode,
        meta,
        details: {
          name: input.nameZh,
          startsAt: values.starts_at,
          endsAt: values.ends_at,
          courses: input.courseIds.length,
          categories: input.categoryCodes,
        },
      });
    });
    const row = await findCampaign(this.deps.db, campaignId);
    if (!row) throw new Error(`campaign ${campaignId} vanished after saving`);
    return (await this.campaignViews([row]))[0];
  }

  async deleteCampaign(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await findCampaign(trx, id);
      if (!row) throw new AppError('NOT_FOUND');
      await deleteCampaign(trx, id);
      await this.deps.audit.record(trx, {
        actor,
        action: 'campaign.deleted',
        targetType: 'campaign',
        targetId: id,
        regionCode: row.region_code,
        meta,
        details: { name: row.name_zh },
      });
    });
  }

  /** Campaigns running now (or starting later) that apply in the region: nationwide ones and those of its ancestors. */
  async publicCampaigns(regionCode: string | null): Promise<CampaignView[]> {
    const now = this.deps.clock.now().toISOString();
    const rows = await campaignsNotEndedAt(this.deps.db, now, 100);
    const applicable = rows.filter(
      (r) => r.region_code === null || (regionCode !== null && isWithinRegion(regionCode, r.region_code)),
    );
    return this.campaignViews(applicable);
  }

  // ---- regional columns ------------------------------------------------------------------------------------

  private async columnViews(rows: ColumnRow[]): Promise<ColumnView[]> {
    if (rows.length === 0) return [];
    const links = await columnCoursesOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const regions = await this.regionNames(rows.map((r) => r.region_code));
    return rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: regions.get(r.region_code) ?? null,
      title: { zh: r.title_zh, en: r.title_en },
      sort: r.sort,
      courseIds: links.filter((l) => l.column_id === r.id).map((l) => l.course_id),
    }));
  }

  async listColumns(actor: Actor): Promise<ColumnView[]> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    return this.columnViews(await listColumns(this.deps.db));
  }

  async saveColumn(actor: Actor, id: string | null, input: ColumnInput, meta: RequestMeta): Promise<ColumnView> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    const columnId = id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.checkInput(trx, input);
      const values = {
        region_code: input.regionCode,
        title_zh: input.titleZh.trim(),
        title_en: input.titleEn.trim(),
        sort: input.sort,
      };
      if (id) {
        if (!(await updateColumn(trx, id, values))) throw new AppError('NOT_FOUND');
      } else {
        await insertColumn(trx, { id: columnId, ...values, created_at: this.deps.clock.now().toISOString() });
      }
      const ids = [...new Set(input.courseIds)];
      await replaceColumnCourses(trx, columnId, ids);
      await this.deps.audit.record(trx, {
        actor,
        action: id ? 'column.updated' : 'column.created',
        targetType: 'column',
        targetId: columnId,
        regionCode: input.regionCode,
        meta,
        details: { title: input.titleZh, courses: ids.length },
      });
    });
    const row = await findColumn(this.deps.db, columnId);
    if (!row) throw new Error(`column ${columnId} vanished after saving`);
    return (await this.columnViews([row]))[0];
  }

  async deleteColumn(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await findColumn(trx, id);
      if (!row) throw new AppError('NOT_FOUND');
      await deleteColumn(trx, id);
      await this.deps.audit.record(trx, {
        actor,
        action: 'column.deleted',
        targetType: 'column',
        targetId: id,
        regionCode: row.region_code,
        meta,
        details: { title: row.title_zh },
      });
    });
  }

  /** Columns for a region and its ancestors (a province's column shows in its cities), with their published courses. */
  async publicColumns(regionCode: string): Promise<(ColumnView & { courses: CourseSummary[] })[]> {
    // By sort key across the region and its ancestors (the listing comes by region first; the sort is stable).
    const rows = (await listColumns(this.deps.db)).sort((a, b) => a.sort - b.sort);
    const views = await this.columnViews(rows.filter((r) => isWithinRegion(regionCode, r.region_code)));
    const out = [];
    for (const view of views) {
      const courses = await this.deps.courses.summariesByIds(view.courseIds, regionCode);
      out.push({ ...view, courses });
    }
    return out;
  }
}
