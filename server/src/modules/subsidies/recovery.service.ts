import { Type } from 'typebox';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { addWorkingDays, workCalendarFrom } from '../calendar/index.js';
import { recordCreditEvent } from '../institutions/index.js';
import { defineJob, type LocalJobRunner } from '../jobs/index.js';
import { RECOVERY_DUE_WORKING_DAYS, recoveryStatusesAllowing, statusAfterRecovery } from './recovery-state.js';
import { cancelGrantsOfLine, closeClaimIfDecided, lockPerson } from './subsidies.repository.js';
import { recoveryScope, subsidyPermissions } from './subsidies.policy.js';
import type { RecoveryStatus, SubsidyRecoveryOrdersTable } from './subsidies.tables.js';

// Consequences of a confirmed fraud finding for public money (issue 17, seed 001). Early warning calls
// `onFindingConfirmed` on its decision's transaction (a hook services.ts wires; subsidies imports nothing of alerts):
// - the affected lines not yet paid (pending, or approved and waiting in an open batch) are cancelled with the
//   finding's reason and their reservations in the ledger released;
// - for lines already paid, a recovery order per payer (the learner's share, the institution's share) opens with a
//   due date RECOVERY_DUE_WORKING_DAYS working days ahead;
// - the institution's credit record gets a `recovery_opened` event (major when it owes money itself).
// Affected lines: a finding on a learner concerns that learner's lines (of the class when it names one); a finding on
// a class, a teacher or an institution that names a class concerns every line of that class.

export type FraudFinding = {
  alertId: string;
  subjectType: string;
  userId: string | null;
  classId: string | null;
  reason: string;
  at: Date;
  actor: Actor;
  meta: RequestMeta;
};

export type RecoveryEventView = {
  action: 'opened' | 'recovered' | 'written_off' | 'overdue';
  amountFen: number;
  reason: string;
  actorName: string | null;
  at: string;
};
export type RecoveryOrder = {
  id: string;
  lineId: string;
  claimId: string;
  classId: string;
  className: string;
  institutionId: string;
  institutionName: string;
  regionCode: string;
  alertId: string | null;
  payer: 'institution' | 'learner';
  learnerId: string;
  learnerName: string;
  amountFen: number;
  recoveredFen: number;
  outstandingFen: number;
  status: RecoveryStatus;
  reason: string;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  closedAt: string | null;
};
export type RecoveryOrderDetail = RecoveryOrder & { events: RecoveryEventView[] };

type OrderRow = Selectable<SubsidyRecoveryOrdersTable> & { class_name: string; institution_name: string };

export const RECOVERY_OVERDUE_JOB = defineJob({
  id: 'subsidies.recovery_overdue',
  payload: Type.Object({}, { additionalProperties: false }),
  maxAttempts: 1,
  handler: (_payload, { services }: { services: { subsidyRecovery: RecoveryService } }) =>
    services.subsidyRecovery.overdueRun(),
});
/** The overdue check runs every few hours (due dates are whole days; an order is late from the next run on). */
export const RECOVERY_OVERDUE_INTERVAL_SECONDS = 4 * 3600;

export class RecoveryService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; jobs?: LocalJobRunner },
  ) {}

  // ---- the consequence of a confirmed finding ---------------------------------------------------------------------

  /** On the alert decision's transaction: cancels what is not paid yet, opens recovery orders for what is. */
  async onFindingConfirmed(trx: DbOrTrx, finding: FraudFinding): Promise<{ cancelled: number; opened: number }> {
    const learnerCase = finding.subjectType === 'learner' && !!finding.userId;
    if (!learnerCase && !finding.classId) return { cancelled: 0, opened: 0 };
    let q = trx.selectFrom('subsidy_claim_lines').selectAll().where('status', 'in', ['pending', 'approved', 'paid']);
    if (learnerCase) q = q.where('user_id', '=', finding.userId!);
    if (finding.classId) q = q.where('class_id', '=', finding.classId);
    const lines = await q.orderBy('id').execute();
    const at = finding.at.toISOString();
    const reason = finding.reason;
    let cancelled = 0;
    const opened: { institutionId: string; payer: 'institution' | 'learner' }[] = [];
    const due = lines.some((l) => l.status === 'paid')
      ? addWorkingDays(finding.at, RECOVERY_DUE_WORKING_DAYS, await workCalendarFrom(trx, finding.at)).toISOString()
      : at;
    for (const line of lines) {
      if (line.status !== 'paid') {
        await lockPerson(trx, line.person_hash, at);
        await transition(
          trx,
          {
            table: 'subsidy_claim_lines',
            id: line.id,
            from: ['pending', 'approved'],
            set: { status: 'cancelled', reason, decided_by: finding.actor.userId, decided_at: at, updated_at: at },
            unchanged: { batch_id: line.batch_id },
            conflict: () => new AppError('SUBSIDY_LINE_NOT_PENDING'),
          },
          {
            history: async (t) => {
              await cancelGrantsOfLine(t, line.id, at);
              // An approved line waiting in an open batch leaves it (the batch has not been paid).
              if (line.batch_id)
                await t
                  .updateTable('subsidy_batches')
                  .set({
                    line_count: sql<number>`line_count - 1`,
                    total_fen: sql<number>`total_fen - ${line.amount_fen}`,
                  })
                  .where('id', '=', line.batch_id)
                  .where('status', '=', 'open')
                  .execute();
              await closeClaimIfDecided(t, line.claim_id, at);
            },
            audit: (t) =>
              this.deps.audit.record(t, {
                actor: finding.actor,
                action: 'subsidy.line_cancelled',
                targetType: 'subsidy_claim_line',
                targetId: line.id,
                regionCode: line.region_code,
                institutionId: line.institution_id,
                meta: finding.meta,
                details: { claimId: line.claim_id, alertId: finding.alertId, was: line.status, reason },
              }),
          },
        );
        cancelled++;
        continue;
      }
      const shares = [
        { payer: 'learner' as const, amount: line.trainee_fen },
        { payer: 'institution' as const, amount: line.institution_fen },
      ];
      for (const share of shares.filter((s) => s.amount > 0)) {
        const exists = await trx
          .selectFrom('subsidy_recovery_orders')
          .select('id')
          .where('line_id', '=', line.id)
          .where('payer', '=', share.payer)
          .executeTakeFirst();
        if (exists) continue;
        const id = newId();
        await trx
          .insertInto('subsidy_recovery_orders')
          .values({
            id,
            line_id: line.id,
            claim_id: line.claim_id,
            class_id: line.class_id,
            institution_id: line.institution_id,
            region_code: line.region_code,
            alert_id: finding.alertId,
            payer: share.payer,
            learner_id: line.user_id,
            learner_name: line.learner_name,
            amount_fen: share.amount,
            recovered_fen: 0,
            status: 'open',
            reason,
            due_at: due,
            overdue_at: null,
            created_by: finding.actor.userId,
            created_at: at,
            updated_at: at,
            closed_at: null,
          })
          .execute();
        await this.event(trx, id, 'opened', share.amount, reason, finding.actor.userId, at);
        await this.deps.audit.record(trx, {
          actor: finding.actor,
          action: 'subsidy.recovery_opened',
          targetType: 'subsidy_recovery_order',
          targetId: id,
          regionCode: line.region_code,
          institutionId: line.institution_id,
          meta: finding.meta,
          details: {
            lineId: line.id,
            alertId: finding.alertId,
            payer: share.payer,
            amountFen: share.amount,
            dueAt: due,
          },
        });
        opened.push({ institutionId: line.institution_id, payer: share.payer });
      }
    }
    for (const institutionId of new Set(opened.map((o) => o.institutionId))) {
      const owesItself = opened.some((o) => o.institutionId === institutionId && o.payer === 'institution');
      await recordCreditEvent(trx, {
        institutionId,
        kind: 'recovery_opened',
        severity: owesItself ? 'major' : 'minor',
        refType: 'alert',
        refId: finding.alertId,
        reason,
        recordedBy: null,
        at: finding.at,
      });
    }
    return { cancelled, opened: opened.length };
  }

  private event(
    trx: DbOrTrx,
    orderId: string,
    action: RecoveryEventView['action'],
    amountFen: number,
    reason: string,
    actorId: string | null,
    at: string,
  ) {
    return trx
      .insertInto('subsidy_recovery_events')
      .values({ id: newId(), order_id: orderId, action, amount_fen: amountFen, reason, actor_id: actorId, at })
      .execute();
  }

  // ---- reading ------------------------------------------------------------------------------------------------------

  private base(db: DbOrTrx = this.deps.db) {
    return db
      .selectFrom('subsidy_recovery_orders')
      .innerJoin('classes', 'classes.id', 'subsidy_recovery_orders.class_id')
      .innerJoin('institutions', 'institutions.id', 'subsidy_recovery_orders.institution_id')
      .selectAll('subsidy_recovery_orders')
      .select(['classes.name as class_name', 'institutions.name as institution_name']);
  }

  private view(r: OrderRow): RecoveryOrder {
    const now = this.deps.clock.now().toISOString();
    const live = r.status === 'open' || r.status === 'partly_recovered';
    return {
      id: r.id,
      lineId: r.line_id,
      claimId: r.claim_id,
      classId: r.class_id,
      className: r.class_name,
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      regionCode: r.region_code,
      alertId: r.alert_id,
      payer: r.payer,
      learnerId: r.learner_id,
      learnerName: r.learner_name,
      amountFen: r.amount_fen,
      recoveredFen: r.recovered_fen,
      outstandingFen: r.status === 'written_off' ? 0 : r.amount_fen - r.recovered_fen,
      status: r.status,
      reason: r.reason,
      dueAt: r.due_at,
      overdue: live && r.due_at < now,
      createdAt: r.created_at,
      closedAt: r.closed_at,
    };
  }

  /** Recovery orders in scope (regulators: region subtree; an institution: its own, read-only), newest first. */
  async list(
    actor: Actor,
    filter: { status?: RecoveryStatus; institutionId?: string; classId?: string } = {},
  ): Promise<RecoveryOrder[]> {
    requirePermission(actor, subsidyPermissions['subsidies.recovery.read']);
    let q = this.base().where((eb) => recoveryScope.where(eb, actor));
    if (filter.status) q = q.where('subsidy_recovery_orders.status', '=', filter.status);
    if (filter.institutionId) q = q.where('subsidy_recovery_orders.institution_id', '=', filter.institutionId);
    if (filter.classId) q = q.where('subsidy_recovery_orders.class_id', '=', filter.classId);
    const rows = await q
      .orderBy('subsidy_recovery_orders.created_at', 'desc')
      .orderBy('subsidy_recovery_orders.id', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => this.view(r));
  }

  private async visible(db: DbOrTrx, actor: Actor, id: string): Promise<OrderRow> {
    requirePermission(actor, subsidyPermissions['subsidies.recovery.read']);
    const row = await this.base(db).where('subsidy_recovery_orders.id', '=', id).executeTakeFirst();
    if (!row || !recoveryScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async detail(actor: Actor, id: string): Promise<RecoveryOrderDetail> {
    const row = await this.visible(this.deps.db, actor, id);
    const events = await this.deps.db
      .selectFrom('subsidy_recovery_events')
      .leftJoin('users', 'users.id', 'subsidy_recovery_events.actor_id')
      .selectAll('subsidy_recovery_events')
      .select('users.name as actor_name')
      .where('order_id', '=', id)
      .orderBy('subsidy_recovery_events.at')
      .orderBy('subsidy_recovery_events.id')
      .execute();
    return {
      ...this.view(row),
      events: events.map((e) => ({
        action: e.action,
        amountFen: e.amount_fen,
        reason: e.reason,
        actorName: e.actor_name ?? null,
        at: e.at,
      })),
    };
  }

  // ---- the regulator's actions --------------------------------------------------------------------------------------

  private reason(text: string): string {
    const reason = text.trim();
    if (reason.length < 2) throw new AppError('SUBSIDY_RECOVERY_REASON_REQUIRED', { field: 'reason' });
    return reason;
  }

  /** Records an amount recovered (all or part of what is outstanding), with a reason (e.g. the receipt). */
  async recover(
    actor: Actor,
    id: string,
    input: { amountFen: number; reason: string },
    meta: RequestMeta,
  ): Promise<RecoveryOrderDetail> {
    requirePermission(actor, subsidyPermissions['subsidies.recovery.manage']);
    const reason = this.reason(input.reason);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.visible(trx, actor, id);
      if (!recoveryStatusesAllowing('recover').includes(row.status)) throw new AppError('SUBSIDY_RECOVERY_CLOSED');
      const outstanding = row.amount_fen - row.recovered_fen;
      if (!(input.amountFen > 0 && input.amountFen <= outstanding))
        throw new AppError('SUBSIDY_RECOVERY_AMOUNT', { field: 'amountFen', details: { outstandingFen: outstanding } });
      const status = statusAfterRecovery(
        { amountFen: row.amount_fen, recoveredFen: row.recovered_fen },
        input.amountFen,
      );
      const at = this.deps.clock.now().toISOString();
      await transition(
        trx,
        {
          table: 'subsidy_recovery_orders',
          id,
          from: recoveryStatusesAllowing('recover'),
          set: {
            status,
            recovered_fen: row.recovered_fen + input.amountFen,
            updated_at: at,
            closed_at: status === 'recovered' ? at : null,
          },
          // Two regulators recording at once: the second read a stale amount and gets the conflict.
          unchanged: { recovered_fen: row.recovered_fen },
          conflict: () => new AppError('SUBSIDY_RECOVERY_CLOSED'),
        },
        {
          history: (t) => this.event(t, id, 'recovered', input.amountFen, reason, actor.userId, at),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.recovery_recorded',
              targetType: 'subsidy_recovery_order',
              targetId: id,
              regionCode: row.region_code,
              institutionId: row.institution_id,
              meta,
              details: { amountFen: input.amountFen, status, reason },
            }),
        },
      );
    });
    return this.detail(actor, id);
  }

  /** Writes off what is still outstanding, with a reason (e.g. the payer cannot be found or has nothing). */
  async writeOff(actor: Actor, id: string, text: string, meta: RequestMeta): Promise<RecoveryOrderDetail> {
    requirePermission(actor, subsidyPermissions['subsidies.recovery.manage']);
    const reason = this.reason(text);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.visible(trx, actor, id);
      const at = this.deps.clock.now().toISOString();
      const outstanding = row.amount_fen - row.recovered_fen;
      await transition(
        trx,
        {
          table: 'subsidy_recovery_orders',
          id,
          from: recoveryStatusesAllowing('write_off'),
          set: { status: 'written_off', updated_at: at, closed_at: at },
          conflict: () => new AppError('SUBSIDY_RECOVERY_CLOSED'),
        },
        {
          history: (t) => this.event(t, id, 'written_off', outstanding, reason, actor.userId, at),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.recovery_written_off',
              targetType: 'subsidy_recovery_order',
              targetId: id,
              regionCode: row.region_code,
              institutionId: row.institution_id,
              meta,
              details: { outstandingFen: outstanding, reason },
            }),
        },
      );
    });
    return this.detail(actor, id);
  }

  // ---- overdue ------------------------------------------------------------------------------------------------------

  /**
   * Marks orders past their due date and still owed as overdue, once each: a history entry, and for money the
   * institution owes itself a severe `recovery_overdue` event on its credit record. Returns how many.
   */
  async markOverdue(): Promise<number> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const late = await this.deps.db
      .selectFrom('subsidy_recovery_orders')
      .selectAll()
      .where('status', 'in', recoveryStatusesAllowing('overdue'))
      .where('overdue_at', 'is', null)
      .where('due_at', '<', at)
      .limit(1000)
      .execute();
    let marked = 0;
    for (const order of late) {
      await this.deps.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('subsidy_recovery_orders')
          .set({ overdue_at: at, updated_at: at })
          .where('id', '=', order.id)
          .where('overdue_at', 'is', null)
          .where('status', 'in', recoveryStatusesAllowing('overdue'))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        const outstanding = order.amount_fen - order.recovered_fen;
        await this.event(trx, order.id, 'overdue', outstanding, 'due date passed', null, at);
        await this.deps.audit.record(trx, {
          actor: null,
          action: 'subsidy.recovery_overdue',
          targetType: 'subsidy_recovery_order',
          targetId: order.id,
          regionCode: order.region_code,
          institutionId: order.institution_id,
          details: { dueAt: order.due_at, outstandingFen: outstanding },
        });
        if (order.payer === 'institution')
          await recordCreditEvent(trx, {
            institutionId: order.institution_id,
            kind: 'recovery_overdue',
            severity: 'severe',
            refType: 'recovery_order',
            refId: order.id,
            reason: order.reason,
            recordedBy: null,
            at: now,
          });
        marked++;
      });
    }
    return marked;
  }

  /** Makes sure one overdue check is queued (called where the job runner starts). */
  async schedule(): Promise<void> {
    await this.deps.jobs?.queueNext(this.deps.db, RECOVERY_OVERDUE_JOB, {}, { delaySeconds: 60 });
  }

  /** One run of the job: marks what is late, queues the next run. */
  async overdueRun(): Promise<void> {
    await this.markOverdue();
    await this.deps.jobs?.queueNext(
      this.deps.db,
      RECOVERY_OVERDUE_JOB,
      {},
      {
        delaySeconds: RECOVERY_OVERDUE_INTERVAL_SECONDS,
      },
    );
  }
}
