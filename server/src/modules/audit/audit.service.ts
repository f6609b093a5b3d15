import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockChain, type Dialect } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { newId } from '../../platform/ids.js';
import { regionPrefixOf } from '../regions/index.js';
import type { AuditLogTable } from './audit.tables.js';

export const auditPermissions = declarePermissions({
  'audit.read': ['regulator', 'operator'],
});

/** Regulators read the entries of their region subtree, the operator all of them (declared once, platform/scope.ts). */
export const auditScope = defineScope<'region_code'>('audit_log', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
});

export type AuditInput = {
  actor?: Pick<Actor, 'userId' | 'role'> | null;
  action: string;
  targetType?: string;
  targetId?: string;
  regionCode?: string | null;
  institutionId?: string | null;
  meta?: RequestMeta;
  details?: Record<string, unknown>;
};

export type AuditEntry = {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  institutionId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export type AuditQuery = {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

const GENESIS = '0'.repeat(43);

function entryHash(prevHash: string, row: Omit<AuditLogTable, 'hash' | 'prev_hash'>): string {
  const content = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor_id,
    row.actor_role,
    row.action,
    row.target_type,
    row.target_id,
    row.region_code,
    row.institution_id,
    row.ip,
    row.user_agent,
    row.request_id,
    row.details,
  ]);
  return createHash('sha256').update(prevHash).update(content).digest('base64url');
}

/**
 * The audit log is append-only and hash-chained: each entry's hash covers the previous hash, so changing or deleting
 * any entry is detectable by `verifyChain`. There is deliberately no update or delete code path.
 */
export class AuditService {
  constructor(private readonly deps: { db: Kysely<Database>; dialect: Dialect; clock: Clock }) {}

  async record(db: DbOrTrx, input: AuditInput): Promise<void> {
    const write = async (trx: DbOrTrx) => {
      await lockChain(trx, this.deps.dialect, 'audit_log');
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row = {
        id: newId(),
        seq: (last?.seq ?? 0) + 1,
        at: this.deps.clock.now().toISOString(),
        actor_id: input.actor?.userId ?? null,
        actor_role: input.actor?.role ?? null,
        action: input.action,
        target_type: input.targetType ?? null,
        target_id: input.targetId ?? null,
        region_code: input.regionCode ?? null,
        institution_id: input.institutionId ?? null,
        ip: input.meta?.ip ?? null,
        user_agent: input.meta?.userAgent?.slice(0, 512) ?? null,
        request_id: input.meta?.requestId ?? null,
        details: JSON.stringify(input.details ?? {}),
      };
      const prevHash = last?.hash ?? GENESIS;
      await trx
        .insertInto('audit_log')
        .values({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) })
        .execute();
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
  }

  async query(actor: Actor, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    requirePermission(actor, auditPermissions['audit.read']);
    let base = this.deps.db.selectFrom('audit_log').where((eb) => auditScope.where(eb, actor));
    if (q.action) base = base.where('audit_log.action', '=', q.action);
    if (q.actorId) base = base.where('audit_log.actor_id', '=', q.actorId);
    if (q.targetId) base = base.where('audit_log.target_id', '=', q.targetId);
    if (q.from) base = base.where('audit_log.at', '>=', q.from);
    if (q.to) base = base.where('audit_log.at', '<', q.to);
    const { total } = await base
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select('users.name as actor_name')
      .orderBy('audit_log.seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        regionCode: r.region_code,
        institutionId: r.institution_id,
        ip: r.ip,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
    };
  }

  /** Walks the whole chain; returns the first sequence number whose hash does not match, if any. */
  async verifyChain(): Promise<{ ok: true; entries: number } | { ok: false; brokenAtSeq: number }> {
    let prev = GENESIS;
    let expectedSeq = 1;
    const batch = 1000;
    for (let after = 0; ;) {
      const rows = await this.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const { hash, prev_hash, ...rest } of rows) {
        if (rest.seq !== expectedSeq || prev_hash !== prev || entryHash(prev, rest) !== hash)
          return { ok: false, brokenAtSeq: expectedSeq };
        prev = hash;
        expectedSeq++;
      }
      if (rows.length < batch) return { ok: true, entries: expectedSeq - 1 };
      after = rows[rows.length - 1].seq;
    }
  }
}
