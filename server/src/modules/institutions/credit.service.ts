import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import {
  addMonths,
  CREDIT_RULES,
  creditStanding,
  findingSeverity,
  type CreditEventKind,
  type CreditSeverity,
} from './credit-score.js';
import { canSeeInstitution, institutionPermissions } from './institutions.policy.js';
import { findInstitution } from './institutions.repository.js';
import type { InstitutionCreditEventsTable } from './institutions.tables.js';

// Institution credit records (信用记录): events recorded as consequences (confirmed findings, recovery orders opened
// and overdue: by the modules that know them, through recordCreditEvent) or by a regulator (false materials); the
// score and the restriction are computed from them when read (credit-score.ts). A restricted institution cannot open
// classes (the classes pre-check `institution_credit`) and its subsidy claims go to strict review.

export type CreditEventView = {
  id: string;
  kind: CreditEventKind;
  severity: CreditSeverity;
  refType: InstitutionCreditEventsTable['ref_type'];
  refId: string;
  reason: string;
  recordedByName: string | null;
  occurredAt: string;
  /** What it deducts today (points) and until when it weighs that much. */
  deducted: number;
  weighsLessOn: string | null;
};
export type CreditRecord = {
  institutionId: string;
  institutionName: string;
  score: number;
  threshold: number;
  restricted: boolean;
  restriction: { since: string; until: string } | null;
  events: CreditEventView[];
};
export type CreditRestriction = {
  institutionId: string;
  institutionName: string;
  creditCode: string;
  regionCode: string;
  score: number;
  since: string;
  until: string;
};
export type CreditNewEvent = {
  institutionId: string;
  kind: CreditEventKind;
  severity: CreditSeverity;
  refType: InstitutionCreditEventsTable['ref_type'];
  refId: string;
  reason: string;
  recordedBy: string | null;
  at: Date;
};

/** Records an event once per (institution, kind, thing it is about); returns whether it was new. */
export async function recordCreditEvent(trx: DbOrTrx, event: CreditNewEvent): Promise<boolean> {
  const institution = await findInstitution(trx, event.institutionId);
  if (!institution) return false;
  const known = await trx
    .selectFrom('institution_credit_events')
    .select('id')
    .where('institution_id', '=', event.institutionId)
    .where('kind', '=', event.kind)
    .where('ref_id', '=', event.refId)
    .executeTakeFirst();
  if (known) return false;
  await trx
    .insertInto('institution_credit_events')
    .values({
      id: newId(),
      institution_id: event.institutionId,
      region_code: institution.region_code,
      kind: event.kind,
      severity: event.severity,
      ref_type: event.refType,
      ref_id: event.refId,
      reason: event.reason,
      recorded_by: event.recordedBy,
      occurred_at: event.at.toISOString(),
    })
    .onConflict((oc) => oc.columns(['institution_id', 'kind', 'ref_id']).doNothing())
    .execute();
  return true;
}

/** For early warning's confirmation hook: a confirmed finding about an institution's learner, class, teacher or itself. */
export async function recordConfirmedFinding(
  trx: DbOrTrx,
  finding: { alertId: string; subjectType: string; institutionId: string | null; reason: string; at: Date },
): Promise<boolean> {
  if (!finding.institutionId) return false;
  return recordCreditEvent(trx, {
    institutionId: finding.institutionId,
    kind: 'fraud_confirmed',
    severity: findingSeverity(finding.subjectType),
    refType: 'alert',
    refId: finding.alertId,
    reason: finding.reason,
    recordedBy: null,
    at: finding.at,
  });
}

/** Events that can still weigh on a day (the last 24 months). */
function recentEvents(db: DbOrTrx, since: string) {
  return db
    .selectFrom('institution_credit_events')
    .leftJoin('users', 'users.id', 'institution_credit_events.recorded_by')
    .selectAll('institution_credit_events')
    .select('users.name as recorder_name')
    .where('institution_credit_events.occurred_at', '>=', since);
}

const windowStart = (now: Date) =>
  new Date(`${addMonths(beijingDate(now), -CREDIT_RULES.halfMonths - 1)}T00:00:00+08:00`).toISOString();
const factOf = (r: { id: string; kind: CreditEventKind; severity: CreditSeverity; occurred_at: string }) => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  occurredOn: beijingDate(r.occurred_at),
});

/** The institution's standing today: what class opening and subsidy claims ask. */
export async function creditStandingOf(db: DbOrTrx, institutionId: string, now: Date) {
  const rows = await recentEvents(db, windowStart(now))
    .where('institution_credit_events.institution_id', '=', institutionId)
    .execute();
  return creditStanding(rows.map(factOf), beijingDate(now));
}

export class CreditService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async visible(actor: Actor, institutionId: string) {
    const row = await findInstitution(this.deps.db, institutionId);
    if (!row || !canSeeInstitution(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async record(actor: Actor, institutionId: string): Promise<CreditRecord> {
    requirePermission(actor, institutionPermissions['institutions.credit.read']);
    const institution = await this.visible(actor, institutionId);
    const now = this.deps.clock.now();
    const rows = await recentEvents(this.deps.db, windowStart(now))
      .where('institution_credit_events.institution_id', '=', institutionId)
      .orderBy('institution_credit_events.occurred_at', 'desc')
      .orderBy('institution_credit_events.id', 'desc')
      .execute();
    const standing = creditStanding(rows.map(factOf), beijingDate(now));
    const items = new Map(standing.items.map((i) => [i.eventId, i]));
    return {
      institutionId,
      institutionName: institution.name,
      score: standing.score,
      threshold: standing.threshold,
      restricted: standing.restricted,
      restriction: standing.restriction,
      events: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        severity: r.severity,
        refType: r.ref_type,
        refId: r.ref_id,
        reason: r.reason,
        recordedByName: r.recorder_name ?? null,
        occurredAt: r.occurred_at,
        deducted: items.get(r.id)?.deducted ?? 0,
        weighsLessOn: items.get(r.id)?.weighsLessOn ?? null,
      })),
    };
  }

  /** A regulator records false materials (虚假材料) on an institution of the region subtree, with the reason. */
  async recordFalseMaterials(
    actor: Actor,
    institutionId: string,
    input: { severity: CreditSeverity; reason: string },
    meta: RequestMeta,
  ): Promise<CreditRecord> {
    requirePermission(actor, institutionPermissions['institutions.credit.record']);
    const institution = await this.visible(actor, institutionId);
    const reason = input.reason.trim();
    if (reason.length < 2) throw new AppError('CREDIT_REASON_REQUIRED', { field: 'reason' });
    await this.deps.db.transaction().execute(async (trx) => {
      const refId = newId();
      await recordCreditEvent(trx, {
        institutionId,
        kind: 'false_materials',
        severity: input.severity,
        refType: 'record',
        refId,
        reason,
        recordedBy: actor.userId,
        at: this.deps.clock.now(),
      });
      await this.deps.audit.record(trx, {
        actor,
        action: 'institution.credit_recorded',
        targetType: 'institution',
        targetId: institutionId,
        regionCode: institution.region_code,
        institutionId,
        meta,
        details: { kind: 'false_materials', severity: input.severity, reason, refId },
      });
    });
    return this.record(actor, institutionId);
  }

  /** Public, no sign-in: the institutions under credit restriction today, with the period. */
  async restrictions(): Promise<CreditRestriction[]> {
    const now = this.deps.clock.now();
    const rows = await recentEvents(this.deps.db, windowStart(now))
      .innerJoin('institutions', 'institutions.id', 'institution_credit_events.institution_id')
      .select([
        'institutions.name as institution_name',
        'institutions.credit_code',
        'institutions.region_code as inst_region',
      ])
      .execute();
    const byInstitution = new Map<string, typeof rows>();
    for (const r of rows) byInstitution.set(r.institution_id, [...(byInstitution.get(r.institution_id) ?? []), r]);
    const out: CreditRestriction[] = [];
    for (const [institutionId, list] of byInstitution) {
      const standing = creditStanding(list.map(factOf), beijingDate(now));
      if (!standing.restriction) continue;
      out.push({
        institutionId,
        institutionName: list[0].institution_name,
        creditCode: list[0].credit_code,
        regionCode: list[0].inst_region,
        score: standing.score,
        since: standing.restriction.since,
        until: standing.restriction.until,
      });
    }
    return out.sort((a, b) =>
      a.since < b.since ? 1 : a.since > b.since ? -1 : a.institutionName.localeCompare(b.institutionName),
    );
  }
}
