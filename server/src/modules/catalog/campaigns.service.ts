import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { findRegion, isWithinRegion } from '../regions/index.js';
import type { CourseSummary, CoursesService, Named } from './courses.service.js';

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
      const found = await db
        .selectFrom('courses')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'published')
        .execute();
      if (found.length !== ids.length)
        throw new AppError('VALIDATION_FAILED', {
          field: 'courseIds',
          details: { unknown: ids.filter((id) => !found.some((f) => f.id === id)) },
        });
    }
    const codes = [...new Set(input.categoryCodes ?? [])];
    if (codes.length > 0) {
      const found = await db.selectFrom('course_categories').select('code').where('code', 'in', codes).execute();
      if (found.length !== codes.length) throw new AppError('VALIDATION_FAILED', { field: 'categoryCodes' });
    }
  }

  private state(startsAt: string, endsAt: string): CampaignView['state'] {
    const now = this.deps.clock.now().toISOString();
    return now < startsAt ? 'upcoming' : now < endsAt ? 'active' : 'ended';
  }

  private async campaignViews(
    rows: {
      id: string;
      name_zh: string;
      name_en: string;
      region_code: string | null;
      starts_at: string;
      ends_at: string;
    }[],
  ): Promise<CampaignView[]> {
    if (rows.length === 0) return [];
    const items = await this.deps.db
      .selectFrom('campaign_items')
      .selectAll()
      .where(
        'campaign_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
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
    const wanted = [...new Set(codes.filter((c): c is string => !!c))];
    if (wanted.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'in', wanted)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async listCampaigns(actor: Actor): Promise<CampaignView[]> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    const rows = await this.deps.db
      .selectFrom('campaigns')
      .selectAll()
      .orderBy('starts_at', 'desc')
      .limit(500)
      .execute();
    return this.campaignViews(rows);
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
        const updated = await trx.updateTable('campaigns').set(values).where('id', '=', id).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
        await trx.deleteFrom('campaign_items').where('campaign_id', '=', id).execute();
      } else {
        await trx
          .insertInto('campaigns')
          .values({
            id: campaignId,
            ...values,
            created_by: actor.userId,
            created_at: this.deps.clock.now().toISOString(),
          })
          .execute();
      }
      const items: { campaign_id: string; course_id: string | null; category_code: string | null }[] = [
        ...[...new Set(input.courseIds)].map((c) => ({ campaign_id: campaignId, course_id: c, category_code: null })),
        ...[...new Set(input.categoryCodes)].map((c) => ({
          campaign_id: campaignId,
          course_id: null,
          category_code: c,
        })),
      ];
      await trx.insertInto('campaign_items').values(items).execute();
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
    const row = await this.deps.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return (await this.campaignViews([row]))[0];
  }

  async deleteCampaign(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      await trx.deleteFrom('campaign_items').where('campaign_id', '=', id).execute();
      await trx.deleteFrom('campaigns').where('id', '=', id).execute();
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
    const rows = await this.deps.db
      .selectFrom('campaigns')
      .selectAll()
      .where('ends_at', '>', now)
      .orderBy('starts_at')
      .limit(100)
      .execute();
    const applicable = rows.filter(
      (r) => r.region_code === null || (regionCode !== null && isWithinRegion(regionCode, r.region_code)),
    );
    return this.campaignViews(applicable);
  }

  // ---- regional columns ------------------------------------------------------------------------------------

  private async columnViews(
    rows: { id: string; region_code: string; title_zh: string; title_en: string; sort: number }[],
  ): Promise<ColumnView[]> {
    if (rows.length === 0) return [];
    const links = await this.deps.db
      .selectFrom('column_courses')
      .selectAll()
      .where(
        'column_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('sort')
      .execute();
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
    return this.columnViews(
      await this.deps.db.selectFrom('regional_columns').selectAll().orderBy('region_code').orderBy('sort').execute(),
    );
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
        const updated = await trx.updateTable('regional_columns').set(values).where('id', '=', id).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
        await trx.deleteFrom('column_courses').where('column_id', '=', id).execute();
      } else {
        await trx
          .insertInto('regional_columns')
          .values({ id: columnId, ...values, created_at: this.deps.clock.now().toISOString() })
          .execute();
      }
      const ids = [...new Set(input.courseIds)];
      if (ids.length > 0)
        await trx
          .insertInto('column_courses')
          .values(ids.map((c, i) => ({ column_id: columnId, course_id: c, sort: i + 1 })))
          .execute();
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
    const row = await this.deps.db
      .selectFrom('regional_columns')
      .selectAll()
      .where('id', '=', columnId)
      .executeTakeFirstOrThrow();
    return (await this.columnViews([row]))[0];
  }

  async deleteColumn(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, campaignPermissions['campaigns.manage']);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('regional_columns').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      await trx.deleteFrom('column_courses').where('column_id', '=', id).execute();
      await trx.deleteFrom('regional_columns').where('id', '=', id).execute();
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
    const rows = await this.deps.db.selectFrom('regional_columns').selectAll().orderBy('sort').execute();
    const views = await this.columnViews(rows.filter((r) => isWithinRegion(regionCode, r.region_code)));
    const out = [];
    for (const view of views) {
      const courses = await this.deps.courses.summariesByIds(view.courseIds, regionCode);
      out.push({ ...view, courses });
    }
    return out;
  }
}
