import { sql, type SelectQueryBuilder } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import { declarePermissions } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { findRegion, regionLevelOf, regionPrefix, regionPrefixOf } from '../regions/index.js';
import type { StatsScope } from './rollup.js';

export const statsPermissions = declarePermissions({
  'stats.dashboard': ['institution_admin', 'regulator', 'operator'],
  'stats.platform': ['operator'],
  'stats.trace': ['institution_admin', 'teacher', 'regulator', 'operator'],
  // Face photos are biometric data: the learner's institution and the supervising regulators only.
  'stats.trace_photos': ['institution_admin', 'regulator'],
  'stats.inspection': ['institution_admin', 'regulator', 'operator'],
});

export type ScopeLevel = 'nation' | 'province' | 'city' | 'county' | 'institution';

/** The scope of a dashboard as resolved for an actor, with the way up that stays inside the actor's own scope. */
export type ResolvedScope = {
  stats: StatsScope;
  level: ScopeLevel;
  /** Region code (nation: null); for an institution, its region. */
  regionCode: string | null;
  institutionId: string | null;
  name: string;
  /** The scope one level up, when the actor may see it (for drilling back up). */
  up: { region: string | null; institutionId: null; name: string } | null;
};

const NATION_NAME = '全国';

/**
 * Whose figures an actor may see, declared once (platform/scope.ts): an institution — its administrators, the
 * regulators of its region subtree, the operator; a region — the regulators of a subtree containing it, the operator.
 * Dashboards and the data self-inspection check one institution or region with `allows`.
 */
export const statsInstitutionScope = defineScope<'id' | 'region_code'>('institutions', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('id', (a) => a.institutionId),
});
export const statsRegionScope = defineScope<'code'>('regions', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('code', regionPrefixOf),
});

/**
 * Regulators see their region subtree and may narrow it to a region or an institution inside it; institution
 * administrators see their own institution; the operator sees the nation and may narrow to anything. Anything outside
 * is NOT_FOUND, so existence does not leak.
 */
export async function resolveScope(
  db: DbOrTrx,
  actor: Actor,
  query: { region?: string; institutionId?: string },
): Promise<ResolvedScope> {
  if (actor.role === 'institution_admin') {
    // An administrator's dashboard is an institution's (its own, by the scope): never a region's.
    if (query.region) throw new AppError('NOT_FOUND');
    return institutionScope(db, actor, query.institutionId ?? actor.institutionId);
  }
  if (actor.role !== 'regulator' && actor.role !== 'operator') throw new AppError('FORBIDDEN');
  if (query.institutionId) return institutionScope(db, actor, query.institutionId);
  const home = actor.role === 'regulator' ? actor.regionCode! : null;
  const code = query.region ?? home;
  if (code === null)
    return {
      stats: { kind: 'region', prefix: '' },
      level: 'nation',
      regionCode: null,
      institutionId: null,
      name: NATION_NAME,
      up: null,
    };
  if (!/^\d{6}$/.test(code) || !statsRegionScope.allows(actor, { code })) throw new AppError('NOT_FOUND');
  const region = await findRegion(db, code);
  if (!region) throw new AppError('NOT_FOUND');
  let up: ResolvedScope['up'] = null;
  if (code !== home) {
    const parent = region.parentCode ? await findRegion(db, region.parentCode) : undefined;
    up =
      parent && statsRegionScope.allows(actor, { code: parent.code })
        ? { region: parent.code, institutionId: null, name: parent.name }
        : !home
          ? { region: null, institutionId: null, name: NATION_NAME }
          : null;
  }
  return {
    stats: { kind: 'region', prefix: regionPrefix(code) },
    level: regionLevelOf(code),
    regionCode: code,
    institutionId: null,
    name: region.name,
    up,
  };
}

async function institutionScope(
  db: DbOrTrx,
  actor: Actor,
  institutionId: string | null | undefined,
): Promise<ResolvedScope> {
  const row = institutionId
    ? await db
        .selectFrom('institutions')
        .select(['id', 'name', 'region_code'])
        .where('id', '=', institutionId)
        .executeTakeFirst()
    : undefined;
  if (!row || !statsInstitutionScope.allows(actor, row)) throw new AppError('NOT_FOUND');
  let up: ResolvedScope['up'] = null;
  if (statsRegionScope.allows(actor, { code: row.region_code })) {
    const region = await findRegion(db, row.region_code);
    if (region) up = { region: region.code, institutionId: null, name: region.name };
  }
  return {
    stats: { kind: 'institution', institutionId: row.id },
    level: 'institution',
    regionCode: row.region_code,
    institutionId: row.id,
    name: row.name,
    up,
  };
}

/**
 * A region prefix as a range of codes: `code >= '3302' and code < '3303'` is what `LIKE '3302%'` means for digit codes,
 * and a B-tree index serves it under any collation (PostgreSQL uses an index for LIKE only under the C collation).
 */
export function prefixRange(prefix: string): [string, string] {
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  return [prefix, next];
}

export function wherePrefix<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  column: string,
  prefix: string,
): SelectQueryBuilder<DB, TB, O> {
  if (!prefix) return qb;
  const [from, to] = prefixRange(prefix);
  return qb.where(sql.ref(column), '>=', from).where(sql.ref(column), '<', to);
}

/**
 * Narrows a query over a table with region and institution columns to a scope. (Typed loosely: the columns are named
 * by the caller and exist on every table it is used with.)
 */
export function whereScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  scope: StatsScope,
  columns: { region: string; institution: string } = { region: 'region_code', institution: 'institution_id' },
): SelectQueryBuilder<DB, TB, O> {
  if (scope.kind === 'institution') return qb.where(sql.ref(columns.institution), '=', scope.institutionId);
  return wherePrefix(qb, columns.region, scope.prefix);
}
