import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { CampaignItemsTable, CampaignsTable, RegionalColumnsTable } from './catalog.tables.js';

// The queries of free-access campaigns and regional featured columns (campaigns.service.ts).

export type CampaignRow = Selectable<CampaignsTable>;
export type ColumnRow = Selectable<RegionalColumnsTable>;

// ---- campaigns -----------------------------------------------------------------------------------------------------

export function findCampaign(db: DbOrTrx, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Latest start first. */
export function listCampaigns(db: DbOrTrx, limit: number): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().orderBy('starts_at', 'desc').limit(limit).execute();
}

/** Campaigns not ended at `now` (running or to come), earliest start first. */
export function campaignsNotEndedAt(db: DbOrTrx, now: string, limit: number): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().where('ends_at', '>', now).orderBy('starts_at').limit(limit).execute();
}

export async function insertCampaign(db: DbOrTrx, row: Insertable<CampaignsTable>): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

/** Answers whether the campaign existed. */
export async function updateCampaign(db: DbOrTrx, id: string, set: Updateable<CampaignsTable>): Promise<boolean> {
  const updated = await db.updateTable('campaigns').set(set).where('id', '=', id).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function deleteCampaign(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('campaign_items').where('campaign_id', '=', id).execute();
  await db.deleteFrom('campaigns').where('id', '=', id).execute();
}

export function campaignItemsOf(db: DbOrTrx, campaignIds: string[]): Promise<Selectable<CampaignItemsTable>[]> {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('campaign_items').selectAll().where('campaign_id', 'in', campaignIds).execute();
}

export async function replaceCampaignItems(
  db: DbOrTrx,
  campaignId: string,
  items: Omit<Insertable<CampaignItemsTable>, 'campaign_id'>[],
): Promise<void> {
  await db.deleteFrom('campaign_items').where('campaign_id', '=', campaignId).execute();
  if (items.length > 0)
    await db
      .insertInto('campaign_items')
      .values(items.map((i) => ({ campaign_id: campaignId, ...i })))
      .execute();
}

/** What the campaigns running at `now` list (courses or categories), with each campaign's region. */
export function runningCampaignItems(db: DbOrTrx, now: string) {
  return db
    .selectFrom('campaigns')
    .innerJoin('campaign_items', 'campaign_items.campaign_id', 'campaigns.id')
    .select(['campaign_items.course_id', 'campaign_items.category_code', 'campaigns.region_code'])
    .where('campaigns.starts_at', '<=', now)
    .where('campaigns.ends_at', '>', now)
    .execute();
}

// ---- regional columns ----------------------------------------------------------------------------------------------

export function findColumn(db: DbOrTrx, id: string): Promise<ColumnRow | undefined> {
  return db.selectFrom('regional_columns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every column, by region then sort key. */
export function listColumns(db: DbOrTrx): Promise<ColumnRow[]> {
  return db.selectFrom('regional_columns').selectAll().orderBy('region_code').orderBy('sort').execute();
}

export async function insertColumn(db: DbOrTrx, row: Insertable<RegionalColumnsTable>): Promise<void> {
  await db.insertInto('regional_columns').values(row).execute();
}

/** Answers whether the column existed. */
export async function updateColumn(db: DbOrTrx, id: string, set: Updateable<RegionalColumnsTable>): Promise<boolean> {
  const updated = await db.updateTable('regional_columns').set(set).where('id', '=', id).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function deleteColumn(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('column_courses').where('column_id', '=', id).execute();
  await db.deleteFrom('regional_columns').where('id', '=', id).execute();
}

/** The courses of the columns, in each column's order. */
export function columnCoursesOf(db: DbOrTrx, columnIds: string[]) {
  if (columnIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('column_courses').selectAll().where('column_id', 'in', columnIds).orderBy('sort').execute();
}

/** Sets the courses of a column, in the order given. */
export async function replaceColumnCourses(db: DbOrTrx, columnId: string, courseIds: string[]): Promise<void> {
  await db.deleteFrom('column_courses').where('column_id', '=', columnId).execute();
  if (courseIds.length > 0)
    await db
      .insertInto('column_courses')
      .values(courseIds.map((c, i) => ({ column_id: columnId, course_id: c, sort: i + 1 })))
      .execute();
}

// ---- names shown beside them ---------------------------------------------------------------------------------------

/** region code -> name, for the given codes. */
export async function regionNames(db: DbOrTrx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
