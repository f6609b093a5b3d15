import type { Kysely, Selectable } from 'kysely';
import { likeContains } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { isWithinRegion, regionPrefix } from '../regions/region-scope.js';
import type { InstitutionsTable } from './institutions.tables.js';

export const institutionPermissions = declarePermissions({
  'institutions.read': ['teacher', 'institution_admin', 'regulator', 'operator'],
});

export type Institution = {
  id: string; name: string; kind: InstitutionsTable['kind']; creditCode: string; regionCode: string; regionName: string | null;
  status: InstitutionsTable['status']; createdAt: string;
};

type InstitutionRow = Selectable<InstitutionsTable> & { region_name: string | null };

export function institutionRowToInstitution(row: InstitutionRow): Institution {
  return { id: row.id, name: row.name, kind: row.kind, creditCode: row.credit_code, regionCode: row.region_code,
    regionName: row.region_name, status: row.status, createdAt: row.created_at };
}

function selectInstitutions(db: DbOrTrx) {
  return db.selectFrom('institutions').leftJoin('regions', 'regions.code', 'institutions.region_code')
    .selectAll('institutions').select('regions.name as region_name');
}

/** Institution people see their own institution; regulators their region subtree; operators all. */
export function canSeeInstitution(actor: Actor, institution: { id: string; region_code: string }): boolean {
  if (actor.role === 'operator') return true;
  if (actor.role === 'regulator') return isWithinRegion(institution.region_code, actor.regionCode!);
  return !!actor.institutionId && actor.institutionId === institution.id;
}

export async function findInstitution(db: DbOrTrx, id: string): Promise<InstitutionRow | undefined> {
  return selectInstitutions(db).where('institutions.id', '=', id).executeTakeFirst();
}

export class InstitutionsService {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  async list(actor: Actor, query: { q?: string }): Promise<Institution[]> {
    requirePermission(actor, institutionPermissions['institutions.read']);
    let qb = selectInstitutions(this.deps.db);
    if (actor.role === 'regulator') qb = qb.where('institutions.region_code', 'like', `${regionPrefix(actor.regionCode!)}%`);
    else if (actor.role !== 'operator') qb = qb.where('institutions.id', '=', actor.institutionId ?? '-');
    if (query.q) qb = qb.where('institutions.name', 'like', likeContains(query.q.trim()));
    return (await qb.orderBy('institutions.name').limit(500).execute()).map(institutionRowToInstitution);
  }

  async get(actor: Actor, id: string): Promise<Institution> {
    requirePermission(actor, institutionPermissions['institutions.read']);
    const row = await findInstitution(this.deps.db, id);
    if (!row || !canSeeInstitution(actor, row)) throw new AppError('NOT_FOUND');
    return institutionRowToInstitution(row);
  }
}
