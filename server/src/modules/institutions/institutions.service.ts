import type { Kysely } from 'kysely';
import { containsText } from '../../adapters/db.js';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canSeeInstitution, institutionPermissions, institutionScope } from './institutions.policy.js';
import {
  findInstitution,
  institutionRowToInstitution,
  loadApplication,
  selectInstitutions,
  type Institution,
  type InstitutionApplication,
  type InstitutionRow,
} from './institutions.repository.js';
import type { InstitutionStatus } from './institutions.tables.js';

export { canSeeInstitution, institutionPermissions } from './institutions.policy.js';
export { findInstitution, type Institution, type InstitutionApplication } from './institutions.repository.js';

/** The read side: lists in scope, one institution, its application with documents and history, the review queue. */
export class InstitutionsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock }) {}

  async list(actor: Actor, query: { q?: string; status?: InstitutionStatus }): Promise<Institution[]> {
    requirePermission(actor, institutionPermissions['institutions.read']);
    let qb = selectInstitutions(this.deps.db);
    qb = qb.where((eb) => institutionScope.where(eb, actor));
    if (query.q) qb = qb.where(containsText('institutions.name', query.q.trim()));
    if (query.status) qb = qb.where('institutions.status', '=', query.status);
    const now = this.deps.clock.now();
    return (await qb.orderBy('institutions.name').limit(500).execute()).map((r) => institutionRowToInstitution(r, now));
  }

  /** An institution the actor may see, or NOT_FOUND (existence does not leak out of scope). */
  async visible(
    actor: Actor,
    id: string,
    permission: keyof typeof institutionPermissions = 'institutions.read',
  ): Promise<InstitutionRow> {
    requirePermission(actor, institutionPermissions[permission]);
    const row = await findInstitution(this.deps.db, id);
    if (!row || !canSeeInstitution(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async get(actor: Actor, id: string): Promise<Institution> {
    return institutionRowToInstitution(await this.visible(actor, id), this.deps.clock.now());
  }

  async application(actor: Actor, id: string): Promise<InstitutionApplication> {
    const row = await this.visible(actor, id, 'institutions.documents.read');
    return loadApplication(this.deps.db, actor, row, this.deps.clock.now());
  }

  /** Applications waiting in the caller's region subtree (operators: everywhere), oldest deadline first. */
  async reviewQueue(actor: Actor): Promise<Institution[]> {
    requirePermission(actor, institutionPermissions['institutions.oversee']);
    const qb = selectInstitutions(this.deps.db)
      .where('institutions.status', '=', 'submitted')
      .where((eb) => institutionScope.where(eb, actor));
    const now = this.deps.clock.now();
    return (
      await qb.orderBy('institutions.review_due_at').orderBy('institutions.submitted_at').limit(500).execute()
    ).map((r) => institutionRowToInstitution(r, now));
  }
}
