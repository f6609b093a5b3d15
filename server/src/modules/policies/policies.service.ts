import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { findRegion } from '../regions/index.js';
import {
  checkPolicy,
  policyScopesFor,
  resolvePolicy,
  type PolicyDocument,
  type PolicyOverride,
  type PolicyVersionRef,
} from './policy.js';

export const policyPermissions = declarePermissions({
  'policies.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'policies.manage': ['operator'],
});

export type PolicyVersion = {
  id: string;
  scope: string;
  version: number;
  document: PolicyDocument | PolicyOverride;
  note: string;
  createdAt: string;
  createdBy: string | null;
};
export type EffectivePolicy = { document: PolicyDocument; national: PolicyVersionRef; applied: PolicyVersionRef[] };

/**
 * Versioned regional policies. Every change is a new version (never an update), audited; a class records the
 * version refs it was approved under, so a later change never rewrites the rules of a running class.
 */
export class PoliciesService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private rowToVersion(r: {
    id: string;
    scope: string;
    version: number;
    document: string;
    note: string;
    created_at: string;
    created_by: string | null;
  }): PolicyVersion {
    return {
      id: r.id,
      scope: r.scope,
      version: r.version,
      document: JSON.parse(r.document) as PolicyDocument | PolicyOverride,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by,
    };
  }

  async effective(db: DbOrTrx, regionCode: string | null): Promise<EffectivePolicy> {
    const scopes = policyScopesFor(regionCode);
    const rows = await db.selectFrom('policies').selectAll().where('scope', 'in', scopes).execute();
    const national = rows.filter((r) => r.scope === 'national').sort((a, b) => b.version - a.version)[0];
    if (!national) throw new Error('No national policy: the reference data was not seeded');
    const overrides = rows
      .filter((r) => r.scope !== 'national')
      .map((r) => ({
        scope: r.scope,
        version: r.version,
        id: r.id,
        document: JSON.parse(r.document) as PolicyOverride,
      }));
    const resolved = resolvePolicy(JSON.parse(national.document) as PolicyDocument, overrides, regionCode);
    return {
      document: resolved.document,
      national: { scope: 'national', version: national.version, id: national.id },
      applied: resolved.applied,
    };
  }

  /**
   * The policy exactly as it was resolved from these versions (what a class stored when it was approved), however
   * many versions were published since.
   */
  async atVersions(
    db: DbOrTrx,
    refs: { national: PolicyVersionRef; applied: PolicyVersionRef[] },
    regionCode: string | null,
  ): Promise<EffectivePolicy> {
    const ids = [refs.national.id, ...refs.applied.map((r) => r.id)];
    const rows = await db.selectFrom('policies').selectAll().where('id', 'in', ids).execute();
    const national = rows.find((r) => r.id === refs.national.id);
    if (!national || rows.length !== ids.length) throw new AppError('NOT_FOUND');
    const overrides = rows
      .filter((r) => r.id !== national.id)
      .map((r) => ({
        scope: r.scope,
        version: r.version,
        id: r.id,
        document: JSON.parse(r.document) as PolicyOverride,
      }));
    const resolved = resolvePolicy(JSON.parse(national.document) as PolicyDocument, overrides, regionCode);
    return { document: resolved.document, national: refs.national, applied: resolved.applied };
  }

  async history(actor: Actor, scope: string): Promise<PolicyVersion[]> {
    requirePermission(actor, policyPermissions['policies.read']);
    const rows = await this.deps.db
      .selectFrom('policies')
      .selectAll()
      .where('scope', '=', scope)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => this.rowToVersion(r));
  }

  async scopes(actor: Actor): Promise<{ scope: string; latestVersion: number; updatedAt: string }[]> {
    requirePermission(actor, policyPermissions['policies.read']);
    const rows = await this.deps.db
      .selectFrom('policies')
      .select(['scope', (eb) => eb.fn.max('version').as('latest'), (eb) => eb.fn.max('created_at').as('updated')])
      .groupBy('scope')
      .orderBy('scope')
      .execute();
    return rows.map((r) => ({ scope: r.scope, latestVersion: Number(r.latest), updatedAt: String(r.updated) }));
  }

  /** Adds a version: the whole national document, or a partial override for a province, city or county. */
  async publish(
    actor: Actor,
    input: { scope: string; document: unknown; note: string },
    meta: RequestMeta,
  ): Promise<PolicyVersion> {
    requirePermission(actor, policyPermissions['policies.manage']);
    const isNational = input.scope === 'national';
    if (!isNational && !(await findRegion(this.deps.db, input.scope)))
      throw new AppError('VALIDATION_FAILED', { field: 'scope' });
    const issues = checkPolicy(isNational ? 'document' : 'override', input.document);
    if (issues.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        field: `document${issues[0].path.replace(/\//g, '.')}`,
        details: { issues },
      });
    }
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    let version = 0;
    await this.deps.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('policies')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('scope', '=', input.scope)
        .executeTakeFirst();
      version = Number(last?.v ?? 0) + 1;
      // The unique (scope, version) constraint turns a concurrent publish into an error instead of a lost update.
      await trx
        .insertInto('policies')
        .values({
          id,
          scope: input.scope,
          version,
          document: JSON.stringify(input.document),
          note: input.note,
          created_by: actor.userId,
          created_at: now,
        })
        .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'policy.published',
        targetType: 'policy',
        targetId: id,
        regionCode: isNational ? null : input.scope,
        meta,
        details: { scope: input.scope, version, note: input.note },
      });
    });
    return {
      id,
      scope: input.scope,
      version,
      document: input.document as PolicyOverride,
      note: input.note,
      createdAt: now,
      createdBy: actor.userId,
    };
  }
}
