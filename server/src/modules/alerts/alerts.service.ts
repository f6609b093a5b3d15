import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { HotState } from '../../adapters/hotstate.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { NATIONAL_POLICY } from '../catalog/index.js';
import type { PoliciesService } from '../policies/index.js';
import { canSeeClass, classPolicy } from '../classes/index.js';
import {
  dropLiveLesson,
  rebuildClassProgress,
  revokeCredit,
  type CompletionRule,
  type RevocationResult,
} from '../learning/index.js';
import { regionPrefixOf } from '../regions/index.js';
import { alertActionAllowed, alertStatusesAllowing } from './alert-state.js';
import type { AlertsTable, EvidenceType, SubjectType } from './alerts.tables.js';
import type { AlertKind, Severity } from './detectors/types.js';
import type { NotificationsService } from './notifications.service.js';
import { groupRisk, learnerRisk, type AlertStatus, type GroupRisk, type LearnerRisk, type RiskAlert } from './risk.js';
import { decodeRecord } from '../learning/index.js';

/**
 * Who does what (ADR 0007): institution administrators see their own learners' and classes' alerts, start a review and
 * propose a decision with a reason; regulators see their region subtree and decide (confirm or dismiss, with a
 * reason); operators see everything and decide nothing — a platform operator is not an authority over subsidies.
 */
/**
 * Who sees an alert: the operator all, regulators their region subtree, an institution's administrators the alerts
 * about their institution (declared once, platform/scope.ts; callers check the permission first).
 */
export const alertScope = defineScope<'institution_id' | 'region_code'>('alerts', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
});

export const alertPermissions = declarePermissions({
  'alerts.read': ['institution_admin', 'regulator', 'operator'],
  'alerts.review': ['institution_admin', 'regulator'],
  'alerts.propose': ['institution_admin'],
  'alerts.decide': ['regulator'],
  'subsidy_holds.read': ['institution_admin', 'regulator', 'operator'],
  'subsidy_holds.release': ['regulator'],
});

export type RevokeScope = 'evidence' | 'class' | 'none';
export type AlertFilter = {
  kind?: AlertKind;
  severity?: Severity;
  status?: AlertStatus;
  subjectType?: SubjectType;
  classId?: string;
  userId?: string;
  page: number;
  pageSize: number;
};

export type AlertView = {
  id: string;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  subject: { type: SubjectType; id: string; name: string | null };
  learner: { id: string; name: string } | null;
  class: { id: string; name: string } | null;
  institution: { id: string; name: string } | null;
  regionCode: string | null;
  windowStart: string;
  windowEnd: string;
  facts: Record<string, unknown>;
  detections: number;
  sessionCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  proposal: { decision: 'confirm' | 'dismiss'; reason: string; by: string | null; at: string } | null;
  decision: { by: string | null; at: string; reason: string } | null;
  revokedMs: number;
};

export type EvidenceView = {
  type: EvidenceType;
  id: string;
  at: string;
  note: string | null;
  record?: { chainSeq: number; kind: string; sessionId: string; creditedMs: number; data: unknown; hash: string };
  session?: {
    lessonTitle: string;
    startedAt: string;
    ip: string;
    userAgent: string;
    deviceId: string;
    creditedMs: number;
  };
  faceCheck?: { result: string; reason: string | null; distance: number | null; threshold: number };
  faceAlert?: { kind: string; distance: number };
  alert?: { kind: string; severity: string; status: string; learner: string | null };
};
export type EventView = {
  action: string;
  actor: { id: string; name: string; role: string | null } | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
};
export type SubsidyHold = {
  id: string;
  userId: string;
  learnerName: string;
  classId: string | null;
  className: string | null;
  alertId: string;
  status: 'held' | 'released';
  reason: string;
  createdAt: string;
  releasedAt: string | null;
  releaseReason: string | null;
};

/** A fraud finding a regulator confirmed, as the consequences hook receives it. */
export type ConfirmedFinding = {
  alertId: string;
  kind: AlertKind;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string;
  userId: string | null;
  classId: string | null;
  institutionId: string | null;
  regionCode: string | null;
  reason: string;
  at: Date;
  actor: Actor;
  meta: RequestMeta;
};

type Row = AlertsTable & {
  learner_name: string | null;
  class_name: string | null;
  institution_name: string | null;
  proposer_name: string | null;
  decider_name: string | null;
  teacher_name: string | null;
};

const REASON_MIN = 2;

export class AlertsService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      hot: HotState;
      policies: PoliciesService;
      notifications: NotificationsService;
      /**
       * Called on the decision's transaction when fraud is confirmed on a learner in a class: certificates proposes
       * the learner's certificate of that class for revocation (services.ts wires proposeRevocationForFraud).
       */
      onLearnerFraudConfirmed?: (
        trx: DbOrTrx,
        finding: { userId: string; classId: string; alertId: string; reason: string; at: Date },
      ) => Promise<unknown>;
      /**
       * Called on the decision's transaction for every confirmed finding (any subject): the consequences owned by
       * lower modules (subsidy lines cancelled and recovery orders, a teacher disqualified platform-wide, the
       * institution's credit record), wired in services.ts.
       */
      onFindingConfirmed?: (trx: DbOrTrx, finding: ConfirmedFinding) => Promise<unknown>;
    },
  ) {}

  // ---- scope -----------------------------------------------------------------------------------------------------

  private scoped<O>(
    qb: SelectQueryBuilder<Database, 'alerts', O>,
    actor: Actor,
  ): SelectQueryBuilder<Database, 'alerts', O> {
    return qb.where((eb) => alertScope.where(eb, actor));
  }

  private canSee(actor: Actor, alert: Pick<AlertsTable, 'institution_id' | 'region_code'>): boolean {
    return alertScope.allows(actor, alert);
  }

  private base(db: DbOrTrx = this.deps.db) {
    return db
      .selectFrom('alerts')
      .leftJoin('users as learner', 'learner.id', 'alerts.user_id')
      .leftJoin('classes', 'classes.id', 'alerts.class_id')
      .leftJoin('institutions', 'institutions.id', 'alerts.institution_id')
      .leftJoin('users as proposer', 'proposer.id', 'alerts.proposed_by')
      .leftJoin('users as decider', 'decider.id', 'alerts.decided_by')
      .leftJoin('users as teacher', (join) =>
        join.onRef('teacher.id', '=', 'alerts.subject_id').on('alerts.subject_type', '=', 'teacher'),
      )
      .selectAll('alerts')
      .select([
        'learner.name as learner_name',
        'classes.name as class_name',
        'institutions.name as institution_name',
        'proposer.name as proposer_name',
        'decider.name as decider_name',
        'teacher.name as teacher_name',
      ]);
  }

  private async load(actor: Actor, id: string, db: DbOrTrx = this.deps.db): Promise<Row> {
    const row = await this.base(db).where('alerts.id', '=', id).executeTakeFirst();
    if (!row || !this.canSee(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  // ---- reading ---------------------------------------------------------------------------------------------------

  async list(
    actor: Actor,
    filter: AlertFilter,
  ): Promise<{ items: AlertView[]; total: number; counts: Record<AlertStatus, number> }> {
    requirePermission(actor, alertPermissions['alerts.read']);
    const { db } = this.deps;
    let q = this.scoped(db.selectFrom('alerts'), actor);
    if (filter.kind) q = q.where('alerts.kind', '=', filter.kind);
    if (filter.severity) q = q.where('alerts.severity', '=', filter.severity);
    if (filter.subjectType) q = q.where('alerts.subject_type', '=', filter.subjectType);
    if (filter.classId) q = q.where('alerts.class_id', '=', filter.classId);
    if (filter.userId) q = q.where('alerts.user_id', '=', filter.userId);
    const byStatus = await q
      .select((eb) => ['alerts.status', eb.fn.countAll<number>().as('n')])
      .groupBy('alerts.status')
      .execute();
    const counts = { open: 0, under_review: 0, confirmed: 0, dismissed: 0 } as Record<AlertStatus, number>;
    for (const r of byStatus) counts[r.status] = Number(r.n);
    const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((a, b) => a + b, 0);

    let rows = this.scoped(this.base(), actor);
    if (filter.kind) rows = rows.where('alerts.kind', '=', filter.kind);
    if (filter.severity) rows = rows.where('alerts.severity', '=', filter.severity);
    if (filter.status) rows = rows.where('alerts.status', '=', filter.status);
    if (filter.subjectType) rows = rows.where('alerts.subject_type', '=', filter.subjectType);
    if (filter.classId) rows = rows.where('alerts.class_id', '=', filter.classId);
    if (filter.userId) rows = rows.where('alerts.user_id', '=', filter.userId);
    const items = (await rows
      .orderBy('alerts.last_seen_at', 'desc')
      .orderBy('alerts.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute()) as Row[];
    return { items: items.map(toView), total, counts };
  }

  async get(actor: Actor, id: string) {
    requirePermission(actor, alertPermissions['alerts.read']);
    const row = await this.load(actor, id);
    const { db } = this.deps;
    const evidenceRows = await db
      .selectFrom('alert_evidence')
      .selectAll()
      .where('alert_id', '=', id)
      .orderBy('at')
      .limit(200)
      .execute();
    const ids = (type: EvidenceType) => evidenceRows.filter((e) => e.ref_type === type).map((e) => e.ref_id);
    const records = new Map(
      (ids('learning_record').length
        ? await db.selectFrom('learning_records').selectAll().where('id', 'in', ids('learning_record')).execute()
        : []
      ).map((r) => [r.id, r]),
    );
    const sessionIds = [...new Set([...ids('learning_session'), ...(JSON.parse(row.session_ids) as string[])])].slice(
      0,
      200,
    );
    const sessions = new Map(
      (sessionIds.length
        ? await db
            .selectFrom('learning_sessions')
            .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
            .select([
              'learning_sessions.id',
              'learning_sessions.started_at',
              'learning_sessions.ip',
              'learning_sessions.user_agent',
              'learning_sessions.device_id',
              'lessons.title',
            ])
            .where('learning_sessions.id', 'in', sessionIds)
            .execute()
        : []
      ).map((s) => [s.id, s]),
    );
    const credit = new Map(
      (sessionIds.length
        ? await db
            .selectFrom('learning_records')
            .select((eb) => ['session_id', eb.fn.sum<number>('credited_ms').as('credited')])
            .where('session_id', 'in', sessionIds)
            .groupBy('session_id')
            .execute()
        : []
      ).map((c) => [c.session_id, Number(c.credited ?? 0)]),
    );
    const faceChecks = new Map(
      (ids('face_check').length
        ? await db
            .selectFrom('face_checks')
            .select(['id', 'result', 'reason', 'distance', 'threshold'])
            .where('id', 'in', ids('face_check'))
            .execute()
        : []
      ).map((f) => [f.id, f]),
    );
    const faceAlerts = new Map(
      (ids('face_alert').length
        ? await db
            .selectFrom('face_alerts')
            .select(['id', 'kind', 'distance'])
            .where('id', 'in', ids('face_alert'))
            .execute()
        : []
      ).map((f) => [f.id, f]),
    );
    const alerts = new Map(
      (ids('alert').length
        ? await this.scoped(
            db
              .selectFrom('alerts')
              .leftJoin('users', 'users.id', 'alerts.user_id')
              .select(['alerts.id', 'alerts.kind', 'alerts.severity', 'alerts.status', 'users.name']),
            actor,
          )
            .where('alerts.id', 'in', ids('alert'))
            .execute()
        : []
      ).map((a) => [a.id, a]),
    );

    const evidence: EvidenceView[] = evidenceRows.map((e) => {
      const view: EvidenceView = { type: e.ref_type, id: e.ref_id, at: e.at, note: e.note };
      const r = records.get(e.ref_id);
      if (e.ref_type === 'learning_record' && r)
        view.record = {
          chainSeq: r.chain_seq,
          kind: r.kind,
          sessionId: r.session_id,
          creditedMs: r.credited_ms,
          data: decodeRecord(r).data,
          hash: r.hash,
        };
      const s = sessions.get(e.ref_id);
      if (e.ref_type === 'learning_session' && s)
        view.session = {
          lessonTitle: s.title,
          startedAt: s.started_at,
          ip: s.ip,
          userAgent: s.user_agent,
          deviceId: s.device_id,
          creditedMs: credit.get(s.id) ?? 0,
        };
      const f = faceChecks.get(e.ref_id);
      if (e.ref_type === 'face_check' && f)
        view.faceCheck = {
          result: f.result,
          reason: f.reason,
          distance: f.distance === null ? null : Number(f.distance),
          threshold: Number(f.threshold),
        };
      const fa = faceAlerts.get(e.ref_id);
      if (e.ref_type === 'face_alert' && fa) view.faceAlert = { kind: fa.kind, distance: Number(fa.distance) };
      const a = alerts.get(e.ref_id);
      if (e.ref_type === 'alert' && a)
        view.alert = { kind: a.kind, severity: a.severity, status: a.status, learner: a.name ?? null };
      return view;
    });
    const events: EventView[] = (
      await db
        .selectFrom('alert_events')
        .leftJoin('users', 'users.id', 'alert_events.actor_id')
        .select([
          'alert_events.action',
          'alert_events.actor_id',
          'alert_events.actor_role',
          'alert_events.reason',
          'alert_events.details',
          'alert_events.at',
          'users.name',
        ])
        .where('alert_id', '=', id)
        .orderBy('alert_events.at')
        .orderBy('alert_events.id')
        .execute()
    ).map((e) => ({
      action: e.action,
      actor: e.actor_id ? { id: e.actor_id, name: e.name ?? '', role: e.actor_role } : null,
      reason: e.reason,
      details: JSON.parse(e.details) as Record<string, unknown>,
      at: e.at,
    }));
    const doubted = sessionIds
      .filter((sid) => (JSON.parse(row.session_ids) as string[]).includes(sid))
      .map((sid) => {
        const s = sessions.get(sid);
        return {
          id: sid,
          lessonTitle: s?.title ?? null,
          startedAt: s?.started_at ?? null,
          ip: s?.ip ?? null,
          creditedMs: credit.get(sid) ?? 0,
        };
      });
    const hold = await db
      .selectFrom('subsidy_holds')
      .select(['id', 'status'])
      .where('alert_id', '=', id)
      .executeTakeFirst();
    const risk = row.user_id ? await this.learnerRisk(actor, row.user_id).catch(() => null) : null;
    return {
      alert: toView(row),
      evidence,
      events,
      sessions: doubted,
      subsidyHold: hold ?? null,
      risk,
      actions: {
        review: row.status === 'open' && ['institution_admin', 'regulator'].includes(actor.role),
        propose: (row.status === 'open' || row.status === 'under_review') && actor.role === 'institution_admin',
        decide: (row.status === 'open' || row.status === 'under_review') && actor.role === 'regulator',
      },
    };
  }

  // ---- workflow --------------------------------------------------------------------------------------------------

  private reason(text: string): string {
    const reason = text.trim();
    if (reason.length < REASON_MIN) throw new AppError('ALERT_REASON_REQUIRED', { field: 'reason' });
    return reason;
  }

  private illegal(row: Pick<AlertsTable, 'status'>, action: string): AppError {
    return new AppError('ALERT_ILLEGAL_TRANSITION', {
      params: { status: row.status, action },
      details: { status: row.status, action },
    });
  }

  private async event(
    trx: DbOrTrx,
    alertId: string,
    action: 'review_started' | 'proposed' | 'confirmed' | 'dismissed',
    actor: Actor,
    reason: string,
    details: Record<string, unknown>,
  ) {
    await trx
      .insertInto('alert_events')
      .values({
        id: newId(),
        alert_id: alertId,
        action,
        actor_id: actor.userId,
        actor_role: actor.role,
        reason,
        details: JSON.stringify(details),
        at: this.deps.clock.now().toISOString(),
      })
      .execute();
  }

  /** open → under review (the institution or the regulator takes it up). */
  async review(actor: Actor, id: string, text: string, meta: RequestMeta) {
    requirePermission(actor, alertPermissions['alerts.review']);
    const reason = this.reason(text);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.load(actor, id, trx);
      if (!alertActionAllowed(row.status, 'review')) throw this.illegal(row, 'review');
      await transition(
        trx,
        {
          table: 'alerts',
          id,
          from: alertStatusesAllowing('review'),
          set: { status: 'under_review', updated_at: this.deps.clock.now().toISOString() },
          conflict: () => this.illegal(row, 'review'),
        },
        {
          history: (t) => this.event(t, id, 'review_started', actor, reason, {}),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'alert.review_started',
              targetType: 'alert',
              targetId: id,
              regionCode: row.region_code,
              institutionId: row.institution_id,
              meta,
              details: { kind: row.kind, reason },
            }),
        },
      );
    });
    return this.get(actor, id);
  }

  /** The institution proposes a decision with its reasons; the regulators of the region are told. */
  async propose(
    actor: Actor,
    id: string,
    input: { decision: 'confirm' | 'dismiss'; reason: string },
    meta: RequestMeta,
  ) {
    requirePermission(actor, alertPermissions['alerts.propose']);
    const reason = this.reason(input.reason);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.load(actor, id, trx);
      if (!alertActionAllowed(row.status, 'propose')) throw this.illegal(row, 'propose');
      const now = this.deps.clock.now().toISOString();
      await trx
        .updateTable('alerts')
        .set({
          status: 'under_review',
          proposal: input.decision,
          proposal_reason: reason,
          proposed_by: actor.userId,
          proposed_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.event(trx, id, 'proposed', actor, reason, { decision: input.decision });
      await this.deps.audit.record(trx, {
        actor,
        action: 'alert.proposed',
        targetType: 'alert',
        targetId: id,
        regionCode: row.region_code,
        institutionId: row.institution_id,
        meta,
        details: { kind: row.kind, decision: input.decision, reason },
      });
      const users = await this.deps.notifications.recipients(trx, {
        institutionId: row.institution_id,
        regionCode: row.region_code,
        institutionAdmins: false,
        regulators: true,
      });
      await this.deps.notifications.notify(trx, users, {
        kind: 'alert_proposed',
        refType: 'alert',
        refId: id,
        link: `/alerts/${id}`,
        params: {
          alertKind: row.kind,
          severity: row.severity,
          learner: row.learner_name,
          className: row.class_name,
          decision: input.decision,
          institution: row.institution_name,
        },
      });
    });
    return this.get(actor, id);
  }

  private async completionRule(classId: string): Promise<CompletionRule> {
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['policy_refs', 'region_code'])
      .where('id', '=', classId)
      .executeTakeFirstOrThrow();
    const doc = (await classPolicy(this.deps.policies, this.deps.db, klass)).document;
    return {
      completionShare: (doc.learning ?? NATIONAL_POLICY.learning!).completionShare,
      faceMinPerLesson: doc.faceCheck.minPerLesson,
    };
  }

  /**
   * The regulator decides. Confirming an alert on a learner strikes out the credit it put in doubt (`revoke`:
   * the sessions named by the alert, every session of the class, or none) through the learning module's chain, and
   * holds the learner's subsidy eligibility for the class. Dismissing changes nothing but the alert.
   */
  async decide(
    actor: Actor,
    id: string,
    input: { decision: 'confirm' | 'dismiss'; reason: string; revoke?: RevokeScope },
    meta: RequestMeta,
  ) {
    requirePermission(actor, alertPermissions['alerts.decide']);
    const reason = this.reason(input.reason);
    const first = await this.load(actor, id);
    // Nobody decides an alert about their own institution (the permission leaves only regulators; this stays true
    // should an institution role ever be given the permission).
    if (first.subject_type === 'institution' && actor.institutionId === first.subject_id)
      throw new AppError('FORBIDDEN');
    if (!alertActionAllowed(first.status, 'decide')) throw this.illegal(first, input.decision);
    const revoke: RevokeScope = input.decision === 'confirm' ? (input.revoke ?? 'evidence') : 'none';
    const learnerCase = input.decision === 'confirm' && first.subject_type === 'learner' && !!first.user_id;
    const revoking = learnerCase && revoke !== 'none' && !!first.class_id;
    const rule = revoking ? await this.completionRule(first.class_id!) : null;
    // The live lesson would write its own idea of the progress back: end it first (and again after the commit).
    if (revoking) await dropLiveLesson(this.deps.hot, first.user_id!);

    let revocation: RevocationResult | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        revocation = await this.deps.db.transaction().execute(async (trx) => {
          const row = await this.load(actor, id, trx);
          if (!alertActionAllowed(row.status, 'decide')) throw this.illegal(row, input.decision);
          const now = this.deps.clock.now();
          const result = revoking
            ? await revokeCredit(
                trx,
                {
                  userId: row.user_id!,
                  classId: row.class_id!,
                  sessions: revoke === 'class' ? 'all' : (JSON.parse(row.session_ids) as string[]),
                  decisionId: row.id,
                  reason,
                  decidedBy: actor.userId,
                  at: now,
                },
                rule!,
              )
            : null;
          const details = {
            kind: row.kind,
            reason,
            revoke,
            revokedMs: result?.revokedMs ?? 0,
            sessions: result?.sessionIds.length ?? 0,
            creditRecord: result?.recordId ?? null,
            subsidyHeld: learnerCase,
          };
          await transition(
            trx,
            {
              table: 'alerts',
              id,
              from: alertStatusesAllowing('decide'),
              set: {
                status: input.decision === 'confirm' ? 'confirmed' : 'dismissed',
                decided_by: actor.userId,
                decided_at: now.toISOString(),
                decision_reason: reason,
                revoked_ms: result?.revokedMs ?? 0,
                updated_at: now.toISOString(),
              },
              unchanged: { status: row.status },
              conflict: () => this.illegal(row, input.decision),
            },
            {
              history: (t) =>
                this.event(t, id, input.decision === 'confirm' ? 'confirmed' : 'dismissed', actor, reason, details),
              audit: (t) =>
                this.deps.audit.record(t, {
                  actor,
                  action: input.decision === 'confirm' ? 'alert.confirmed' : 'alert.dismissed',
                  targetType: 'alert',
                  targetId: id,
                  regionCode: row.region_code,
                  institutionId: row.institution_id,
                  meta,
                  details,
                }),
            },
          );
          if (learnerCase) {
            await trx
              .insertInto('subsidy_holds')
              .values({
                id: newId(),
                user_id: row.user_id!,
                class_id: row.class_id,
                alert_id: row.id,
                status: 'held',
                reason,
                created_by: actor.userId,
                created_at: now.toISOString(),
                released_by: null,
                released_at: null,
                release_reason: null,
              })
              .execute();
            if (row.class_id && this.deps.onLearnerFraudConfirmed)
              await this.deps.onLearnerFraudConfirmed(trx, {
                userId: row.user_id!,
                classId: row.class_id,
                alertId: row.id,
                reason,
                at: now,
              });
          }
          if (input.decision === 'confirm' && this.deps.onFindingConfirmed)
            await this.deps.onFindingConfirmed(trx, {
              alertId: row.id,
              kind: row.kind,
              severity: row.severity,
              subjectType: row.subject_type,
              subjectId: row.subject_id,
              userId: row.user_id,
              classId: row.class_id,
              institutionId: row.institution_id,
              regionCode: row.region_code,
              reason,
              at: now,
              actor,
              meta,
            });
          const users = await this.deps.notifications.recipients(trx, {
            institutionId: row.institution_id,
            regionCode: row.region_code,
            institutionAdmins: true,
            regulators: false,
          });
          await this.deps.notifications.notify(trx, users, {
            kind: 'alert_decided',
            refType: 'alert',
            refId: id,
            link: `/alerts/${id}`,
            params: {
              alertKind: row.kind,
              severity: row.severity,
              learner: row.learner_name,
              className: row.class_name,
              decision: input.decision,
              revokedMs: result?.revokedMs ?? 0,
            },
          });
          return result;
        });
        break;
      } catch (error) {
        // A heartbeat committed between the live lesson's end and this decision took the chain position: retry.
        if (!revoking || attempt >= 3 || !isUniqueViolation(error)) throw error;
        await dropLiveLesson(this.deps.hot, first.user_id!);
      }
    }
    if (revoking && revocation) {
      await dropLiveLesson(this.deps.hot, first.user_id!);
      await this.deps.db
        .transaction()
        .execute((trx) => rebuildClassProgress(trx, first.user_id!, first.class_id!, rule!, this.deps.clock.now()));
    }
    return this.get(actor, id);
  }

  // ---- subsidy holds ---------------------------------------------------------------------------------------------

  async holds(
    actor: Actor,
    filter: { userId?: string; classId?: string; status?: 'held' | 'released' } = {},
  ): Promise<SubsidyHold[]> {
    requirePermission(actor, alertPermissions['subsidy_holds.read']);
    let q = this.scoped(this.deps.db.selectFrom('alerts'), actor)
      .innerJoin('subsidy_holds', 'subsidy_holds.alert_id', 'alerts.id')
      .innerJoin('users', 'users.id', 'subsidy_holds.user_id')
      .leftJoin('classes', 'classes.id', 'subsidy_holds.class_id')
      .selectAll('subsidy_holds')
      .select(['users.name as learner_name', 'classes.name as class_name']);
    if (filter.userId) q = q.where('subsidy_holds.user_id', '=', filter.userId);
    if (filter.classId) q = q.where('subsidy_holds.class_id', '=', filter.classId);
    if (filter.status) q = q.where('subsidy_holds.status', '=', filter.status);
    const rows = await q.orderBy('subsidy_holds.created_at', 'desc').limit(500).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      learnerName: r.learner_name,
      classId: r.class_id,
      className: r.class_name ?? null,
      alertId: r.alert_id,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at,
      releasedAt: r.released_at,
      releaseReason: r.release_reason,
    }));
  }

  /** For the subsidy work: is this learner's subsidy for the class (or any class) held by a confirmed alert? */
  async isSubsidyHeld(userId: string, classId?: string): Promise<boolean> {
    let q = this.deps.db
      .selectFrom('subsidy_holds')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'held');
    if (classId) q = q.where((eb) => eb.or([eb('class_id', '=', classId), eb('class_id', 'is', null)]));
    return !!(await q.executeTakeFirst());
  }

  async releaseHold(actor: Actor, id: string, text: string, meta: RequestMeta): Promise<SubsidyHold> {
    requirePermission(actor, alertPermissions['subsidy_holds.release']);
    const reason = this.reason(text);
    await this.deps.db.transaction().execute(async (trx) => {
      const hold = await trx
        .selectFrom('subsidy_holds')
        .innerJoin('alerts', 'alerts.id', 'subsidy_holds.alert_id')
        .select(['subsidy_holds.status', 'subsidy_holds.user_id', 'alerts.region_code', 'alerts.institution_id'])
        .where('subsidy_holds.id', '=', id)
        .executeTakeFirst();
      if (!hold || !this.canSee(actor, hold)) throw new AppError('NOT_FOUND');
      if (hold.status !== 'held') throw new AppError('SUBSIDY_HOLD_NOT_HELD');
      const now = this.deps.clock.now().toISOString();
      await trx
        .updateTable('subsidy_holds')
        .set({ status: 'released', released_by: actor.userId, released_at: now, release_reason: reason })
        .where('id', '=', id)
        .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'alert.subsidy_released',
        targetType: 'subsidy_hold',
        targetId: id,
        regionCode: hold.region_code,
        institutionId: hold.institution_id,
        meta,
        details: { userId: hold.user_id, reason },
      });
    });
    return (await this.holds(actor)).find((h) => h.id === id)!;
  }

  // ---- risk --------------------------------------------------------------------------------------------------------

  private async riskAlerts(
    actor: Actor,
    where: (qb: SelectQueryBuilder<Database, 'alerts', object>) => SelectQueryBuilder<Database, 'alerts', object>,
  ): Promise<RiskAlert[]> {
    const since = new Date(this.deps.clock.now().getTime() - 180 * 86_400_000).toISOString();
    const rows = await where(this.scoped(this.deps.db.selectFrom('alerts'), actor))
      .select([
        'alerts.id',
        'alerts.kind',
        'alerts.severity',
        'alerts.status',
        'alerts.last_seen_at',
        'alerts.user_id',
        'alerts.class_id',
        'alerts.subject_type',
        'alerts.institution_id',
      ])
      .where('alerts.last_seen_at', '>=', since)
      .where('alerts.status', '!=', 'dismissed')
      .limit(20_000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      status: r.status,
      lastSeenAt: Date.parse(r.last_seen_at),
      userId: r.subject_type === 'learner' ? r.user_id : null,
      classId: r.class_id,
      subjectType: r.subject_type,
      institutionId: r.institution_id,
    }));
  }

  async learnerRisk(actor: Actor, userId: string): Promise<LearnerRisk & { userId: string }> {
    requirePermission(actor, alertPermissions['alerts.read']);
    const alerts = await this.riskAlerts(actor, (q) =>
      q.where('alerts.user_id', '=', userId).where('alerts.subject_type', '=', 'learner'),
    );
    return { userId, ...learnerRisk(alerts, this.deps.clock.now().getTime()) };
  }

  async classRisk(
    actor: Actor,
    classId: string,
  ): Promise<GroupRisk & { classId: string; members: { id: string; score: number; name?: string }[] }> {
    requirePermission(actor, alertPermissions['alerts.read']);
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['institution_id', 'region_code', 'status'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    const alerts = await this.riskAlerts(actor, (q) => q.where('alerts.class_id', '=', classId));
    const now = this.deps.clock.now().getTime();
    const { n } = await this.deps.db
      .selectFrom('enrolments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    const scores = learnerScores(alerts, now);
    const risk = groupRisk(
      alerts.filter((a) => a.userId === null),
      scores,
      Number(n),
      now,
    );
    const names = await this.names(risk.members.map((m) => m.id));
    return { classId, ...risk, members: risk.members.map((m) => ({ ...m, name: names.get(m.id) })) };
  }

  async institutionRisk(
    actor: Actor,
    institutionId: string,
  ): Promise<GroupRisk & { institutionId: string; members: { id: string; score: number; name?: string }[] }> {
    requirePermission(actor, alertPermissions['alerts.read']);
    const inst = await this.deps.db
      .selectFrom('institutions')
      .select(['id', 'region_code'])
      .where('id', '=', institutionId)
      .executeTakeFirst();
    if (!inst || !this.canSee(actor, { institution_id: inst.id, region_code: inst.region_code }))
      throw new AppError('NOT_FOUND');
    const alerts = await this.riskAlerts(actor, (q) => q.where('alerts.institution_id', '=', institutionId));
    const now = this.deps.clock.now().getTime();
    const classes = await this.deps.db
      .selectFrom('classes')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('status', 'in', ['approved', 'closed'])
      .execute();
    const byClass = new Map<string, number>();
    for (const c of new Set(alerts.map((a) => a.classId).filter((c): c is string => !!c))) {
      const { n } = await this.deps.db
        .selectFrom('enrolments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('class_id', '=', c)
        .where('status', '=', 'enrolled')
        .executeTakeFirstOrThrow();
      const mine = alerts.filter((a) => a.classId === c);
      byClass.set(
        c,
        groupRisk(
          mine.filter((a) => a.userId === null),
          learnerScores(mine, now),
          Number(n),
          now,
        ).score,
      );
    }
    // The institution's own alerts (institution subjects: flagged learners, clusters, address concentration) are its
    // own points; learner, class and teacher alerts reach it through its classes' scores.
    const risk = groupRisk(
      alerts.filter((a) => a.subjectType === 'institution' || (a.userId === null && a.classId === null)),
      byClass,
      classes.length,
      now,
    );
    const names = new Map(
      (byClass.size
        ? await this.deps.db
            .selectFrom('classes')
            .select(['id', 'name'])
            .where('id', 'in', [...byClass.keys()])
            .execute()
        : []
      ).map((c) => [c.id, c.name]),
    );
    return { institutionId, ...risk, members: risk.members.map((m) => ({ ...m, name: names.get(m.id) })) };
  }

  /** The riskiest learners in scope, each explained. */
  async topLearners(actor: Actor, limit = 20) {
    requirePermission(actor, alertPermissions['alerts.read']);
    const alerts = await this.riskAlerts(actor, (q) => q.where('alerts.subject_type', '=', 'learner'));
    const now = this.deps.clock.now().getTime();
    const byUser = new Map<string, RiskAlert[]>();
    for (const a of alerts) if (a.userId) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
    const ranked = [...byUser]
      .map(([userId, list]) => ({ userId, ...learnerRisk(list, now) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const names = await this.names(ranked.map((r) => r.userId));
    return ranked.map((r) => ({ ...r, name: names.get(r.userId) ?? null }));
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map(
      (await this.deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((u) => [
        u.id,
        u.name,
      ]),
    );
  }
}

function learnerScores(alerts: readonly RiskAlert[], now: number): Map<string, number> {
  const byUser = new Map<string, RiskAlert[]>();
  for (const a of alerts) if (a.userId) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  return new Map([...byUser].map(([id, list]) => [id, learnerRisk(list, now).score]));
}

function toView(r: Row): AlertView {
  const subjectName =
    r.subject_type === 'learner'
      ? r.learner_name
      : r.subject_type === 'class'
        ? r.class_name
        : r.subject_type === 'institution'
          ? r.institution_name
          : r.teacher_name;
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    subject: { type: r.subject_type, id: r.subject_id, name: subjectName ?? null },
    learner: r.user_id && r.learner_name ? { id: r.user_id, name: r.learner_name } : null,
    class: r.class_id && r.class_name ? { id: r.class_id, name: r.class_name } : null,
    institution: r.institution_id && r.institution_name ? { id: r.institution_id, name: r.institution_name } : null,
    regionCode: r.region_code,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    facts: JSON.parse(r.facts) as Record<string, unknown>,
    detections: r.detections,
    sessionCount: (JSON.parse(r.session_ids) as string[]).length,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    proposal: r.proposal
      ? { decision: r.proposal, reason: r.proposal_reason ?? '', by: r.proposer_name, at: r.proposed_at ?? '' }
      : null,
    decision: r.decided_at ? { by: r.decider_name, at: r.decided_at, reason: r.decision_reason ?? '' } : null,
    revokedMs: r.revoked_ms,
  };
}
