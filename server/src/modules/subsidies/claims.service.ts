import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { addWorkingDays, isOverdue, workCalendarFrom } from '../calendar/index.js';
import { canSeeClass, classPolicy, type ClassesTable } from '../classes/index.js';
import { creditStandingOf, requireActiveInstitution } from '../institutions/index.js';
import { DEFAULT_SUBSIDY_BLOCK, type PoliciesService, type SubsidyBlock } from '../policies/index.js';
import { eligibility, type Eligibility, type EligibilityLine, type Evidence } from './eligibility.js';
import type { Explanation } from './explanations.js';
import type { SubsidyPorts } from './ports.js';
import { claimStatusesAllowing } from './subsidy-state.js';
import {
  closeClaimIfDecided,
  activeGrantsOf,
  cancelGrantsOfLine,
  enrolledPersons,
  findClass,
  insertGrants,
  linesOfClaim,
  lockPerson,
  trainingDaysOf,
  trainingFor,
  type ClaimRow,
  type LineRow,
} from './subsidies.repository.js';
import { claimScope, lineScope, subsidyPermissions } from './subsidies.policy.js';
import type { ClaimStatus, LineStatus } from './subsidies.tables.js';

type ClassRow = Selectable<ClassesTable>;
type PolicyRefs = {
  national: { scope: string; version: number; id: string };
  applied: { scope: string; version: number; id: string }[];
};

/** The facts a learner's amount was computed from, as shown beside it. */
export type EvidenceSummary = {
  creditedHours: number;
  onlineHours: number;
  offlineHours: number;
  theoryComplete: boolean;
  trainingDays: number;
  examPassed: boolean;
  trainingCertificate: string | null;
  skillLevel: number | null;
  openHolds: number;
  confirmedFindings: number;
};
export type PreviewLine = {
  userId: string;
  name: string;
  idNumberMasked: string;
  amountFen: number;
  traineeFen: number;
  institutionFen: number;
  evidence: EvidenceSummary;
  blocked: Explanation[];
  lines: EligibilityLine[];
};
export type ClaimLine = PreviewLine & {
  id: string;
  status: LineStatus;
  reason: string | null;
  decidedAt: string | null;
  batchId: string | null;
  voucherNo: string | null;
  paidAt: string | null;
};
export type ClaimPreview = {
  classId: string;
  className: string;
  policyRefs: PolicyRefs;
  maxTrainingsPerYear: number;
  ruleCount: number;
  totalFen: number;
  lines: PreviewLine[];
};
export type ClaimSummary = {
  id: string;
  classId: string;
  className: string;
  institutionId: string;
  institutionName: string;
  regionCode: string;
  occupationCode: string;
  level: number;
  year: number;
  status: ClaimStatus;
  totalFen: number;
  lineCount: number;
  pendingCount: number;
  submittedAt: string;
  reviewDueAt: string;
  overdue: boolean;
  returnReason: string | null;
  /** Submitted while the institution was under credit restriction: each line needs its own decision (docs/credit.md). */
  strictReview: boolean;
};
export type ClaimDetail = ClaimSummary & {
  policyRefs: PolicyRefs;
  enterpriseCostFen: number | null;
  lines: ClaimLine[];
};
export type MySubsidy = {
  id: string;
  claimId: string;
  className: string;
  institutionName: string;
  occupationCode: string;
  level: number;
  year: number;
  status: LineStatus;
  amountFen: number;
  traineeFen: number;
  institutionFen: number;
  reason: string | null;
  blocked: Explanation[];
  lines: EligibilityLine[];
  submittedAt: string;
  decidedAt: string | null;
  paidAt: string | null;
  voucherNo: string | null;
};

type Deps = {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  policies: PoliciesService;
  ports: SubsidyPorts;
};

type Computed = {
  person: { id: string; name: string; id_number_hash: string; id_number_masked: string };
  facts: Omit<Evidence, 'earlier'>;
};

const tenthsToHours = (t: number) => t / 10;

function summaryOf(f: Omit<Evidence, 'earlier'>): EvidenceSummary {
  return {
    creditedHours: tenthsToHours(f.creditedTenths),
    onlineHours: tenthsToHours(f.onlineTenths),
    offlineHours: tenthsToHours(f.offlineTenths),
    theoryComplete: f.theoryComplete,
    trainingDays: f.trainingDays,
    examPassed: f.exam?.passed ?? false,
    trainingCertificate: f.trainingCertificate?.number ?? null,
    skillLevel: f.skillLevel?.level ?? null,
    openHolds: f.openHolds,
    confirmedFindings: f.confirmedFindings,
  };
}

/**
 * Claims (issue 17): an institution claims per class; every enrolled learner gets a line with the amount computed by
 * `eligibility` under the class's policy versions, explained item by item. Submitting reserves the amounts in the
 * person-level ledger under a per-person lock (plus the unique index on active trainings), so two institutions
 * claiming for one person at the same moment cannot both be granted the same occupation and level or pass a cap.
 * Regulators of the class's region subtree approve or reject each line (with a reason) or return the claim, within
 * the policy's working-day deadline; the learner sees every line about them.
 */
export class ClaimsService {
  constructor(private readonly deps: Deps) {}

  private year(): number {
    return Number(beijingDate(this.deps.clock.now()).slice(0, 4));
  }

  private async claimableClass(actor: Actor, classId: string): Promise<ClassRow> {
    requirePermission(actor, subsidyPermissions['subsidies.claim']);
    const klass = await findClass(this.deps.db, classId);
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    await requireActiveInstitution(this.deps.db, actor);
    if (klass.status !== 'approved' && klass.status !== 'closed') throw new AppError('SUBSIDY_CLASS_NOT_CLAIMABLE');
    return klass;
  }

  /** The rules and version refs the class keeps, and every enrolled learner's evidence facts. */
  private async gather(actor: Actor, klass: ClassRow, enterpriseCostFen: number | null) {
    const { db, ports } = this.deps;
    const policy = await classPolicy(this.deps.policies, db, klass);
    const block: SubsidyBlock = policy.document.subsidies ?? DEFAULT_SUBSIDY_BLOCK;
    const refs: PolicyRefs = { national: policy.national, applied: policy.applied };
    const persons = await enrolledPersons(db, klass.id);
    const ids = persons.map((p) => p.id);
    const [hours, days, supervision] = await Promise.all([
      ports.hours.forClass(actor, klass.id),
      trainingDaysOf(db, klass.id),
      ports.supervision.forClass(db, klass.id, ids),
    ]);
    const year = this.year();
    const computed: Computed[] = [];
    for (const person of persons) {
      const h = hours.get(person.id);
      const s = supervision.get(person.id);
      const [exam, certificate, skill, member] = await Promise.all([
        ports.assessment.outcomeOf(db, klass.id, person.id),
        ports.certificates.trainingCertificateOf(db, klass.id, person.id),
        ports.certificates.skillLevelOf(db, person.id_number_hash, klass.occupation_code),
        ports.targetGroups.membershipOf(db, person.id),
      ]);
      computed.push({
        person,
        facts: {
          classId: klass.id,
          occupationCode: klass.occupation_code,
          level: klass.level,
          year,
          creditedTenths: h?.creditedTenths ?? 0,
          onlineTenths: h?.onlineTenths ?? 0,
          offlineTenths: h?.offlineTenths ?? 0,
          theoryComplete: h?.theoryComplete ?? false,
          trainingDays: days.get(person.id) ?? 0,
          exam,
          trainingCertificate: certificate,
          skillLevel: skill,
          openHolds: s?.openHolds ?? 0,
          confirmedFindings: s?.confirmedFindings ?? 0,
          enterpriseCostFen,
          targetGroup: member,
        },
      });
    }
    return { block, refs, computed, policy };
  }

  private previewLine(c: Computed, e: Eligibility): PreviewLine {
    return {
      userId: c.person.id,
      name: c.person.name,
      idNumberMasked: c.person.id_number_masked,
      amountFen: e.amountFen,
      traineeFen: e.traineeFen,
      institutionFen: e.institutionFen,
      evidence: summaryOf(c.facts),
      blocked: e.blocked,
      lines: e.lines,
    };
  }

  /** The roster with what each learner would get if the claim were submitted now (nothing is written). */
  async preview(actor: Actor, classId: string, enterpriseCostFen: number | null): Promise<ClaimPreview> {
    const klass = await this.claimableClass(actor, classId);
    const { block, refs, computed } = await this.gather(actor, klass, enterpriseCostFen);
    const earlier = await activeGrantsOf(
      this.deps.db,
      computed.map((c) => c.person.id_number_hash),
    );
    const lines = computed.map((c) =>
      this.previewLine(c, eligibility({ ...c.facts, earlier: earlier.get(c.person.id_number_hash) ?? [] }, block)),
    );
    return {
      classId: klass.id,
      className: klass.name,
      policyRefs: refs,
      maxTrainingsPerYear: block.maxTrainingsPerYear,
      ruleCount: block.rules.length,
      totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
      lines,
    };
  }

  /**
   * Submits a claim: every line is computed again inside the transaction, person by person under the person's lock
   * (persons in lookup-hash order, so two claims sharing learners never wait on each other in a cycle), against the
   * grants in force at that moment; what is payable is reserved in the ledger at once.
   */
  async submit(
    actor: Actor,
    classId: string,
    input: { enterpriseCostFen?: number },
    meta: RequestMeta,
  ): Promise<ClaimDetail> {
    const klass = await this.claimableClass(actor, classId);
    const enterpriseCostFen = input.enterpriseCostFen ?? null;
    const { block, refs, computed, policy } = await this.gather(actor, klass, enterpriseCostFen);
    if (computed.length === 0) throw new AppError('SUBSIDY_NOTHING_TO_CLAIM');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const due = addWorkingDays(
      now,
      policy.document.reviewDeadlineWorkingDays,
      await workCalendarFrom(this.deps.db, now),
    ).toISOString();
    const claimId = newId();
    const year = this.year();
    // An institution under credit restriction is reviewed strictly: no approval of several lines at once.
    const strict = (await creditStandingOf(this.deps.db, klass.institution_id, now)).restricted;
    const rows: LineRow[] = [];
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('subsidy_claims')
          .values({
            id: claimId,
            class_id: klass.id,
            institution_id: klass.institution_id,
            region_code: klass.region_code,
            occupation_code: klass.occupation_code,
            level: klass.level,
            year,
            status: 'submitted',
            enterprise_cost_fen: enterpriseCostFen,
            policy_refs: JSON.stringify(refs),
            total_fen: 0,
            submitted_by: actor.userId,
            submitted_at: at,
            review_due_at: due,
            return_reason: null,
            returned_at: null,
            closed_at: null,
            created_at: at,
            updated_at: at,
            strict_review: strict ? 1 : 0,
          })
          .execute();
        for (const c of computed) {
          const hash = c.person.id_number_hash;
          await lockPerson(trx, hash, at);
          const earlier = (await activeGrantsOf(trx, [hash])).get(hash) ?? [];
          const result = eligibility({ ...c.facts, earlier }, block);
          const line: LineRow = {
            id: newId(),
            claim_id: claimId,
            class_id: klass.id,
            institution_id: klass.institution_id,
            region_code: klass.region_code,
            user_id: c.person.id,
            person_hash: hash,
            learner_name: c.person.name,
            id_number_masked: c.person.id_number_masked,
            amount_fen: result.amountFen,
            trainee_fen: result.traineeFen,
            institution_fen: result.institutionFen,
            evidence: JSON.stringify(summaryOf(c.facts)),
            explanation: JSON.stringify({ blocked: result.blocked, lines: result.lines }),
            status: result.amountFen > 0 ? 'pending' : 'ineligible',
            reason: null,
            decided_by: null,
            decided_at: null,
            batch_id: null,
            voucher_no: null,
            paid_at: null,
            created_at: at,
            updated_at: at,
          };
          await trx.insertInto('subsidy_claim_lines').values(line).execute();
          if (result.amountFen > 0) {
            const trainingId = await trainingFor(trx, {
              id: newId(),
              personHash: hash,
              classId: klass.id,
              occupationCode: klass.occupation_code,
              level: klass.level,
              year,
              now: at,
            });
            await insertGrants(
              trx,
              [
                {
                  lineId: line.id,
                  trainingId,
                  personHash: hash,
                  classId: klass.id,
                  occupationCode: klass.occupation_code,
                  level: klass.level,
                  year,
                  now: at,
                  lines: result.lines,
                },
              ],
              newId,
            );
          }
          rows.push(line);
        }
        const total = rows.reduce((s, r) => s + r.amount_fen, 0);
        const closed = rows.every((r) => r.status === 'ineligible');
        await trx
          .updateTable('subsidy_claims')
          .set({ total_fen: total, ...(closed ? { status: 'closed', closed_at: at } : {}) })
          .where('id', '=', claimId)
          .execute();
        await this.deps.audit.record(trx, {
          actor,
          action: 'subsidy.claim_submitted',
          targetType: 'subsidy_claim',
          targetId: claimId,
          regionCode: klass.region_code,
          institutionId: klass.institution_id,
          meta,
          details: {
            classId: klass.id,
            lines: rows.length,
            payable: rows.filter((r) => r.amount_fen > 0).length,
            totalFen: total,
          },
        });
      });
    } catch (error) {
      // Only reachable when the lock is bypassed: the unique index on active trainings refused a second grant.
      if (isUniqueViolation(error)) throw new AppError('SUBSIDY_CONFLICT');
      throw error;
    }
    return this.detail(actor, claimId);
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  private async summaries(db: DbOrTrx, rows: ClaimRow[]): Promise<ClaimSummary[]> {
    if (rows.length === 0) return [];
    const classIds = [...new Set(rows.map((r) => r.class_id))];
    const institutionIds = [...new Set(rows.map((r) => r.institution_id))];
    const [classes, institutions, counts] = await Promise.all([
      db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute(),
      db.selectFrom('institutions').select(['id', 'name']).where('id', 'in', institutionIds).execute(),
      db
        .selectFrom('subsidy_claim_lines')
        .select(['claim_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          'claim_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy(['claim_id', 'status'])
        .execute(),
    ]);
    const className = new Map(classes.map((c) => [c.id, c.name]));
    const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
    const now = this.deps.clock.now();
    return rows.map((r) => {
      const mine = counts.filter((c) => c.claim_id === r.id);
      return {
        id: r.id,
        classId: r.class_id,
        className: className.get(r.class_id) ?? '',
        institutionId: r.institution_id,
        institutionName: institutionName.get(r.institution_id) ?? '',
        regionCode: r.region_code,
        occupationCode: r.occupation_code,
        level: r.level,
        year: r.year,
        status: r.status,
        totalFen: Number(r.total_fen),
        lineCount: mine.reduce((s, c) => s + Number(c.n), 0),
        pendingCount: Number(mine.find((c) => c.status === 'pending')?.n ?? 0),
        submittedAt: r.submitted_at,
        reviewDueAt: r.review_due_at,
        overdue: r.status === 'submitted' && isOverdue(r.review_due_at, now),
        returnReason: r.return_reason,
        strictReview: Number(r.strict_review) === 1,
      };
    });
  }

  private lineOf(r: LineRow): ClaimLine {
    const explanation = JSON.parse(r.explanation) as { blocked: Explanation[]; lines: EligibilityLine[] };
    return {
      id: r.id,
      userId: r.user_id,
      name: r.learner_name,
      idNumberMasked: r.id_number_masked,
      amountFen: Number(r.amount_fen),
      traineeFen: Number(r.trainee_fen),
      institutionFen: Number(r.institution_fen),
      evidence: JSON.parse(r.evidence) as EvidenceSummary,
      blocked: explanation.blocked,
      lines: explanation.lines,
      status: r.status,
      reason: r.reason,
      decidedAt: r.decided_at,
      batchId: r.batch_id,
      voucherNo: r.voucher_no,
      paidAt: r.paid_at,
    };
  }

  /** Claims in scope; `status` filters, regulators see the oldest deadline first. */
  async list(actor: Actor, filter: { status?: ClaimStatus; classId?: string }): Promise<ClaimSummary[]> {
    requirePermission(actor, subsidyPermissions['subsidies.read']);
    let q = this.deps.db
      .selectFrom('subsidy_claims')
      .selectAll()
      .where((eb) => claimScope.where(eb, actor));
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.classId) q = q.where('class_id', '=', filter.classId);
    const rows = await q.orderBy('review_due_at').orderBy('id').limit(500).execute();
    return this.summaries(this.deps.db, rows);
  }

  private async visibleClaim(db: DbOrTrx, actor: Actor, claimId: string): Promise<ClaimRow> {
    const row = await db.selectFrom('subsidy_claims').selectAll().where('id', '=', claimId).executeTakeFirst();
    if (!row || !claimScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async detail(actor: Actor, claimId: string): Promise<ClaimDetail> {
    requirePermission(actor, subsidyPermissions['subsidies.read']);
    const row = await this.visibleClaim(this.deps.db, actor, claimId);
    const [summary] = await this.summaries(this.deps.db, [row]);
    const lines = await linesOfClaim(this.deps.db, claimId);
    return {
      ...summary,
      policyRefs: JSON.parse(row.policy_refs) as PolicyRefs,
      enterpriseCostFen: row.enterprise_cost_fen === null ? null : Number(row.enterprise_cost_fen),
      lines: lines.map((l) => this.lineOf(l)),
    };
  }

  // ---- review --------------------------------------------------------------------------------------------------

  /**
   * The claim a reviewer acts on, in scope and under review, row-locked for the rest of the transaction (a no-op
   * update from the statuses a decision is allowed from), so a return and a decision on one claim run one after the
   * other.
   */
  private async reviewable(trx: DbOrTrx, actor: Actor, claimId: string): Promise<ClaimRow> {
    requirePermission(actor, subsidyPermissions['subsidies.review']);
    const row = await this.visibleClaim(trx, actor, claimId);
    const locked = await trx
      .updateTable('subsidy_claims')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', claimId)
      .where('status', 'in', claimStatusesAllowing('decide'))
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw new AppError('SUBSIDY_CLAIM_NOT_SUBMITTED');
    return row;
  }

  /**
   * Approves these pending lines (all pending lines when none are named). A claim under strict review (the institution
   * was under credit restriction) is approved one named line at a time.
   */
  async approve(actor: Actor, claimId: string, lineIds: string[] | undefined, meta: RequestMeta): Promise<ClaimDetail> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const claim = await this.reviewable(trx, actor, claimId);
      if (Number(claim.strict_review) === 1 && new Set(lineIds ?? []).size !== 1)
        throw new AppError('SUBSIDY_STRICT_REVIEW');
      let q = trx
        .updateTable('subsidy_claim_lines')
        .set({ status: 'approved', decided_by: actor.userId, decided_at: at, updated_at: at })
        .where('claim_id', '=', claimId)
        .where('status', '=', 'pending');
      if (lineIds) q = q.where('id', 'in', lineIds.length > 0 ? lineIds : ['']);
      const result = await q.executeTakeFirst();
      const approved = Number(result.numUpdatedRows);
      if (lineIds ? approved !== new Set(lineIds).size : approved === 0) throw new AppError('SUBSIDY_LINE_NOT_PENDING');
      await closeClaimIfDecided(trx, claimId, at);
      await this.deps.audit.record(trx, {
        actor,
        action: 'subsidy.lines_approved',
        targetType: 'subsidy_claim',
        targetId: claimId,
        regionCode: claim.region_code,
        institutionId: claim.institution_id,
        meta,
        details: { lineIds: lineIds ?? 'all pending', approved },
      });
    });
    return this.detail(actor, claimId);
  }

  /** Rejects one pending line with a reason; its reservations in the ledger are released. */
  async reject(actor: Actor, claimId: string, lineId: string, reason: string, meta: RequestMeta): Promise<ClaimDetail> {
    const why = reason.trim();
    if (!why) throw new AppError('SUBSIDY_REASON_REQUIRED', { field: 'reason' });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const claim = await this.reviewable(trx, actor, claimId);
      const line = await trx
        .selectFrom('subsidy_claim_lines')
        .select(['id', 'person_hash', 'user_id'])
        .where('id', '=', lineId)
        .where('claim_id', '=', claimId)
        .executeTakeFirst();
      if (!line) throw new AppError('NOT_FOUND');
      await lockPerson(trx, line.person_hash, at);
      await transition(
        trx,
        {
          table: 'subsidy_claim_lines',
          id: lineId,
          from: ['pending'],
          set: { status: 'rejected', reason: why, decided_by: actor.userId, decided_at: at, updated_at: at },
          conflict: () => new AppError('SUBSIDY_LINE_NOT_PENDING'),
        },
        {
          history: (t) => cancelGrantsOfLine(t, lineId, at),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.line_rejected',
              targetType: 'subsidy_claim_line',
              targetId: lineId,
              regionCode: claim.region_code,
              institutionId: claim.institution_id,
              meta,
              details: { claimId, userId: line.user_id, reason: why },
            }),
        },
      );
      await closeClaimIfDecided(trx, claimId, at);
    });
    return this.detail(actor, claimId);
  }

  /** Returns the whole claim to the institution with a reason (its lines stay reserved until decided). */
  async returnClaim(actor: Actor, claimId: string, reason: string, meta: RequestMeta): Promise<ClaimDetail> {
    const why = reason.trim();
    if (!why) throw new AppError('SUBSIDY_REASON_REQUIRED', { field: 'reason' });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const claim = await this.reviewable(trx, actor, claimId);
      await transition(
        trx,
        {
          table: 'subsidy_claims',
          id: claimId,
          from: claimStatusesAllowing('return'),
          set: { status: 'returned', return_reason: why, returned_at: at, updated_at: at },
          conflict: () => new AppError('SUBSIDY_CLAIM_NOT_SUBMITTED'),
        },
        {
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.claim_returned',
              targetType: 'subsidy_claim',
              targetId: claimId,
              regionCode: claim.region_code,
              institutionId: claim.institution_id,
              meta,
              details: { reason: why },
            }),
        },
      );
    });
    return this.detail(actor, claimId);
  }

  /** The institution submits a returned claim again; the review deadline starts again. */
  async resubmit(actor: Actor, claimId: string, meta: RequestMeta): Promise<ClaimDetail> {
    requirePermission(actor, subsidyPermissions['subsidies.claim']);
    const claim = await this.visibleClaim(this.deps.db, actor, claimId);
    await requireActiveInstitution(this.deps.db, actor);
    if (claim.status !== 'returned') throw new AppError('SUBSIDY_CLAIM_NOT_RETURNED');
    const klass = await findClass(this.deps.db, claim.class_id);
    const policy = await classPolicy(this.deps.policies, this.deps.db, klass!);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const due = addWorkingDays(
      now,
      policy.document.reviewDeadlineWorkingDays,
      await workCalendarFrom(this.deps.db, now),
    ).toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await transition(
        trx,
        {
          table: 'subsidy_claims',
          id: claimId,
          from: claimStatusesAllowing('resubmit'),
          set: { status: 'submitted', submitted_at: at, review_due_at: due, updated_at: at },
          conflict: () => new AppError('SUBSIDY_CLAIM_NOT_RETURNED'),
        },
        {
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'subsidy.claim_resubmitted',
              targetType: 'subsidy_claim',
              targetId: claimId,
              regionCode: claim.region_code,
              institutionId: claim.institution_id,
              meta,
            }),
        },
      );
    });
    return this.detail(actor, claimId);
  }

  // ---- the learner ---------------------------------------------------------------------------------------------

  /** Every claim line about the learner, whoever claimed it ("我的补贴"). */
  async mine(actor: Actor): Promise<MySubsidy[]> {
    requirePermission(actor, subsidyPermissions['subsidies.mine']);
    const rows = await this.deps.db
      .selectFrom('subsidy_claim_lines')
      .innerJoin('subsidy_claims', 'subsidy_claims.id', 'subsidy_claim_lines.claim_id')
      .innerJoin('classes', 'classes.id', 'subsidy_claim_lines.class_id')
      .innerJoin('institutions', 'institutions.id', 'subsidy_claim_lines.institution_id')
      .selectAll('subsidy_claim_lines')
      .select([
        'classes.name as class_name',
        'institutions.name as institution_name',
        'subsidy_claims.occupation_code',
        'subsidy_claims.level',
        'subsidy_claims.year',
        'subsidy_claims.submitted_at',
      ])
      .where((eb) => lineScope.where(eb, actor))
      .orderBy('subsidy_claim_lines.created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => {
      const line = this.lineOf(r);
      return {
        id: line.id,
        claimId: r.claim_id,
        className: r.class_name,
        institutionName: r.institution_name,
        occupationCode: r.occupation_code,
        level: r.level,
        year: r.year,
        status: line.status,
        amountFen: line.amountFen,
        traineeFen: line.traineeFen,
        institutionFen: line.institutionFen,
        reason: line.reason,
        blocked: line.blocked,
        lines: line.lines,
        submittedAt: r.submitted_at,
        decidedAt: line.decidedAt,
        paidAt: line.paidAt,
        voucherNo: line.voucherNo,
      };
    });
  }
}
