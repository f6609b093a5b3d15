import type { Kysely } from 'kysely';
import {
  COURSE_CATEGORIES,
  NATIONAL_POLICY,
  REGIONAL_OVERRIDES,
  MAJOR_CATEGORIES,
  MEDIUM_CATEGORIES,
  OCCUPATIONS,
  SMALL_CATEGORIES,
  SKILL_STANDARDS,
} from '../../modules/catalog/index.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../schema.js';

const CHUNK = 200;

async function insertMissing<T extends { key: string }>(
  existing: Set<string>,
  rows: T[],
  insert: (rows: T[]) => Promise<unknown>,
) {
  const fresh = rows.filter((r) => !existing.has(r.key));
  for (let i = 0; i < fresh.length; i += CHUNK) await insert(fresh.slice(i, i + CHUNK));
  return fresh.length;
}

/**
 * Loads the reference data shipped with the code (occupation classification, skill standards, course categories,
 * national policy and the sourced regional overrides). Idempotent and additive: rows already present are left alone,
 * so operators' edits survive restarts and new reference rows in a later release are added.
 */
export async function seedCatalog(db: Kysely<Database>, clock: Clock): Promise<{ added: number }> {
  let added = 0;
  const categoryCodes = new Set(
    (await db.selectFrom('occupation_categories').select('code').execute()).map((r) => r.code),
  );
  const categories = [
    ...MAJOR_CATEGORIES.map((c) => ({
      key: c.code,
      code: c.code,
      level: 'major' as const,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      parent_code: null,
    })),
    ...MEDIUM_CATEGORIES.map((c) => ({
      key: c.code,
      code: c.code,
      level: 'medium' as const,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      parent_code: c.parentCode,
    })),
    ...SMALL_CATEGORIES.map((c) => ({
      key: c.code,
      code: c.code,
      level: 'small' as const,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      parent_code: c.parentCode,
    })),
  ];
  added += await insertMissing(categoryCodes, categories, (rows) =>
    db
      .insertInto('occupation_categories')
      .values(rows.map(({ key: _key, ...r }) => r))
      .execute(),
  );

  const occupationCodes = new Set((await db.selectFrom('occupations').select('code').execute()).map((r) => r.code));
  added += await insertMissing(
    occupationCodes,
    OCCUPATIONS.map((o) => ({
      key: o.code,
      code: o.code,
      name_zh: o.nameZh,
      name_en: o.nameEn,
      category_code: o.smallCategoryCode,
      tags: o.tags.join(' '),
    })),
    (rows) =>
      db
        .insertInto('occupations')
        .values(rows.map(({ key: _key, ...r }) => r))
        .execute(),
  );

  const standardKeys = new Set(
    (await db.selectFrom('skill_standards').select(['occupation_code', 'level']).execute()).map(
      (r) => `${r.occupation_code}/${r.level}`,
    ),
  );
  added += await insertMissing(
    standardKeys,
    SKILL_STANDARDS.map((s) => ({
      key: `${s.occupationCode}/${s.level}`,
      occupation_code: s.occupationCode,
      level: s.level,
      min_hours: s.minHours,
      max_online_percent: Math.round(s.maxOnlineShare * 100),
      modules: JSON.stringify(s.knowledgeModules),
      estimated: s.estimated ? 1 : 0,
      basis: s.basis.slice(0, 500),
    })),
    (rows) =>
      db
        .insertInto('skill_standards')
        .values(rows.map(({ key: _key, ...r }) => r))
        .execute(),
  );

  const courseCategoryCodes = new Set(
    (await db.selectFrom('course_categories').select('code').execute()).map((r) => r.code),
  );
  added += await insertMissing(
    courseCategoryCodes,
    COURSE_CATEGORIES.map((c, i) => ({ key: c.code, code: c.code, name_zh: c.nameZh, name_en: c.nameEn, sort: i + 1 })),
    (rows) =>
      db
        .insertInto('course_categories')
        .values(rows.map(({ key: _key, ...r }) => r))
        .execute(),
  );
  const mappingKeys = new Set(
    (await db.selectFrom('course_category_occupations').select(['category_code', 'occupation_code']).execute()).map(
      (r) => `${r.category_code}/${r.occupation_code}`,
    ),
  );
  added += await insertMissing(
    mappingKeys,
    COURSE_CATEGORIES.flatMap((c) =>
      c.occupationCodes.map((o) => ({ key: `${c.code}/${o}`, category_code: c.code, occupation_code: o })),
    ),
    (rows) =>
      db
        .insertInto('course_category_occupations')
        .values(rows.map(({ key: _key, ...r }) => r))
        .execute(),
  );

  // Policies are versioned: the shipped documents become version 1 of their scope, only when the scope has none yet.
  const scopes = new Set((await db.selectFrom('policies').select('scope').distinct().execute()).map((r) => r.scope));
  const now = clock.now().toISOString();
  const policies = [
    {
      key: 'national',
      document: NATIONAL_POLICY,
      note: '国家默认政策（随软件发布） / National defaults shipped with the platform',
    },
    ...REGIONAL_OVERRIDES.filter((o) => Object.keys(o.document).length > 0).map((o) => ({
      key: o.scope,
      document: o.document,
      note: `${o.nameZh}：${o.note}`.slice(0, 500),
    })),
  ];
  added += await insertMissing(scopes, policies, (rows) =>
    db
      .insertInto('policies')
      .values(
        rows.map((r) => ({
          id: newId(),
          scope: r.key,
          version: 1,
          document: JSON.stringify(r.document),
          note: r.note,
          created_by: null,
          created_at: now,
        })),
      )
      .execute(),
  );
  return { added };
}
