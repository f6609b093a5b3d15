import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { canSeeClass, classPolicy } from '../classes/index.js';
import type { PoliciesService } from '../policies/index.js';
import { assessmentOutcome, practicalMark, type AssessmentOutcome } from './assessment.js';
import { examRules } from './attempts.service.js';
import { countedAttempt, markOutOf100 } from './exam-rules.js';
import { examPermissions } from './exams.policy.js';
import { enrolled } from './exams.repository.js';

export type PracticalItem = { id: string; title: string; maxScore: number };
export type PracticalScore = {
  itemId: string;
  score: number;
  evidenceMediaIds: string[];
  assessorName: string;
  enteredAt: string;
};
export type LearnerAssessment = AssessmentOutcome & {
  learnerId: string;
  learnerName: string;
  practical: PracticalScore[];
};
export type ClassAssessment = {
  classId: string;
  passMarks: { theory: number | null; practical: number; theoryDefault: number };
  items: PracticalItem[];
  learners: LearnerAssessment[];
};

type ClassRow = { id: string; institution_id: string; region_code: string; status: string; policy_refs: string | null };

/**
 * The assessment results of a class (the port the certificates module reads through): theory is the counted attempt
 * of the class's formal exam (the best over its formal exams), practical the assessor's per-item scores, and the
 * learner passes only when both reach their pass mark (assessment.ts).
 */
export class AssessmentResults {
  constructor(private readonly deps: { policies: PoliciesService }) {}

  async outcomeOf(db: DbOrTrx, classId: string, learnerId: string): Promise<AssessmentOutcome> {
    return (await this.forLearners(db, classId, [learnerId])).get(learnerId)!.outcome;
  }

  /** Outcomes of several learners of a class, read in a few queries. */
  async forLearners(
    db: DbOrTrx,
    classId: string,
    learnerIds: string[],
  ): Promise<Map<string, { outcome: AssessmentOutcome; scores: Map<string, number> }>> {
    const klass = await db
      .selectFrom('classes')
      .select(['policy_refs', 'region_code'])
      .where('id', '=', classId)
      .executeTakeFirstOrThrow();
    const rules = examRules((await classPolicy(this.deps.policies, db, klass)).document);
    const [exams, attempts, items, scores] = await Promise.all([
      db.selectFrom('exams').selectAll().where('class_id', '=', classId).where('kind', '=', 'formal').execute(),
      db
        .selectFrom('exam_attempts')
        .select(['exam_id', 'user_id', 'attempt_no', 'status', 'score', 'pending_manual'])
        .where('class_id', '=', classId)
        .execute(),
      db.selectFrom('practical_items').select(['id', 'max_score']).where('class_id', '=', classId).execute(),
      db
        .selectFrom('practical_scores')
        .select(['user_id', 'item_id', 'score'])
        .where('class_id', '=', classId)
        .execute(),
    ]);
    const result = new Map<string, { outcome: AssessmentOutcome; scores: Map<string, number> }>();
    for (const learnerId of learnerIds) {
      let theory: number | null = null;
      let theoryPassMark = rules.passMark;
      for (const exam of exams) {
        const counted = countedAttempt(
          attempts
            .filter((a) => a.exam_id === exam.id && a.user_id === learnerId)
            .map((a) => ({
              attemptNo: a.attempt_no,
              status: a.status,
              score: a.score,
              pendingManual: a.pending_manual,
            })),
          exam.counts,
        );
        if (!counted || counted.pendingManual > 0 || counted.score === null) continue;
        const mark = markOutOf100(counted.score, exam.total_score);
        // Over several formal exams (a resit), the one that passes — else the best mark — stands.
        const passes = mark >= exam.pass_mark;
        const standing = theory !== null && theory >= theoryPassMark;
        const better = theory === null || (passes && !standing) || (passes === standing && mark > theory);
        if (better) {
          theory = mark;
          theoryPassMark = exam.pass_mark;
        }
      }
      const mine = new Map(scores.filter((s) => s.user_id === learnerId).map((s) => [s.item_id, s.score]));
      const practical = practicalMark(
        items.map((i) => ({ id: i.id, maxScore: i.max_score })),
        mine,
      );
      result.set(learnerId, {
        outcome: assessmentOutcome(theory, practical, { theory: theoryPassMark, practical: rules.practicalPassMark }),
        scores: mine,
      });
    }
    return result;
  }
}

/** The practical skills assessment (技能操作考核): items set by the institution, scores entered by the assessor. */
export class PracticalService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      policies: PoliciesService;
      results: AssessmentResults;
    },
  ) {}

  private async classFor(actor: Actor, classId: string): Promise<ClassRow> {
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['id', 'institution_id', 'region_code', 'status', 'policy_refs'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    return klass;
  }

  async setItems(
    actor: Actor,
    classId: string,
    items: { title: string; maxScore: number }[],
    meta: RequestMeta,
  ): Promise<PracticalItem[]> {
    requirePermission(actor, examPermissions['exams.manage']);
    const klass = await this.classFor(actor, classId);
    return this.deps.db.transaction().execute(async (trx) => {
      const scored = await trx
        .selectFrom('practical_scores')
        .select('id')
        .where('class_id', '=', classId)
        .limit(1)
        .executeTakeFirst();
      if (scored) throw new AppError('EXAM_PRACTICAL_LOCKED');
      await trx.deleteFrom('practical_items').where('class_id', '=', classId).execute();
      const rows = items.map((i, sort) => ({
        id: newId(),
        class_id: classId,
        title: i.title,
        max_score: i.maxScore,
        sort,
      }));
      if (rows.length) await trx.insertInto('practical_items').values(rows).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'exam.practical.items',
        targetType: 'class',
        targetId: classId,
        regionCode: klass.region_code,
        institutionId: klass.institution_id,
        meta,
        details: { items: items.map((i) => `${i.title} (${i.maxScore})`) },
      });
      return rows.map((r) => ({ id: r.id, title: r.title, maxScore: r.max_score }));
    });
  }

  /**
   * The assessor enters one learner's score for one item with its evidence (media of the institution). A correction
   * replaces the entry; both are in the audit log with the score before.
   */
  async enterScore(
    actor: Actor,
    classId: string,
    input: { learnerId: string; itemId: string; score: number; evidenceMediaIds: string[] },
    meta: RequestMeta,
  ): Promise<LearnerAssessment> {
    requirePermission(actor, examPermissions['exams.assess']);
    const { db, clock } = this.deps;
    const klass = await this.classFor(actor, classId);
    if (actor.role !== 'institution_admin' && actor.role !== 'teacher') throw new AppError('FORBIDDEN');
    const item = await db
      .selectFrom('practical_items')
      .selectAll()
      .where('id', '=', input.itemId)
      .where('class_id', '=', classId)
      .executeTakeFirst();
    if (!item || !(await enrolled(db, classId, input.learnerId))) throw new AppError('NOT_FOUND');
    if (input.score < 0 || input.score > item.max_score)
      throw new AppError('EXAM_SCORE_OUT_OF_RANGE', { field: 'score', details: { max: item.max_score } });
    const evidence = [...new Set(input.evidenceMediaIds)];
    if (evidence.length) {
      const media = await db
        .selectFrom('media')
        .select('id')
        .where('id', 'in', evidence)
        .where('institution_id', '=', klass.institution_id)
        .execute();
      if (media.length !== evidence.length) throw new AppError('EXAM_EVIDENCE_INVALID', { field: 'evidenceMediaIds' });
    }
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('practical_scores')
        .select(['id', 'score'])
        .where('class_id', '=', classId)
        .where('user_id', '=', input.learnerId)
        .where('item_id', '=', input.itemId)
        .executeTakeFirst();
      const values = {
        score: input.score,
        assessor_id: actor.userId,
        evidence: JSON.stringify(evidence),
        entered_at: at,
      };
      if (before) await trx.updateTable('practical_scores').set(values).where('id', '=', before.id).execute();
      else
        await trx
          .insertInto('practical_scores')
          .values({ id: newId(), class_id: classId, user_id: input.learnerId, item_id: input.itemId, ...values })
          .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'exam.practical.score',
        targetType: 'user',
        targetId: input.learnerId,
        regionCode: klass.region_code,
        institutionId: klass.institution_id,
        meta,
        details: { classId, itemId: input.itemId, score: input.score, before: before?.score ?? null, evidence },
      });
    });
    return (await this.assessmentOf(db, klass, [input.learnerId])).learners[0];
  }

  /** The class's assessment: theory, practical and the outcome per learner (staff in scope, the regulator included). */
  async classAssessment(actor: Actor, classId: string): Promise<ClassAssessment> {
    requirePermission(actor, examPermissions['exams.read']);
    const klass = await this.classFor(actor, classId);
    const learners = await this.deps.db
      .selectFrom('enrolments')
      .select('user_id')
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .execute();
    return this.assessmentOf(
      this.deps.db,
      klass,
      learners.map((l) => l.user_id),
    );
  }

  private async assessmentOf(db: DbOrTrx, klass: ClassRow, learnerIds: string[]): Promise<ClassAssessment> {
    const rules = examRules((await classPolicy(this.deps.policies, db, klass)).document);
    const [items, outcomes, people, entries, formal] = await Promise.all([
      db.selectFrom('practical_items').selectAll().where('class_id', '=', klass.id).orderBy('sort').execute(),
      this.deps.results.forLearners(db, klass.id, learnerIds),
      learnerIds.length
        ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', learnerIds).execute()
        : Promise.resolve([]),
      db
        .selectFrom('practical_scores')
        .innerJoin('users', 'users.id', 'practical_scores.assessor_id')
        .select([
          'practical_scores.user_id',
          'practical_scores.item_id',
          'practical_scores.score',
          'practical_scores.evidence',
          'practical_scores.entered_at',
          'users.name',
        ])
        .where('practical_scores.class_id', '=', klass.id)
        .execute(),
      db
        .selectFrom('exams')
        .select('pass_mark')
        .where('class_id', '=', klass.id)
        .where('kind', '=', 'formal')
        .execute(),
    ]);
    return {
      classId: klass.id,
      passMarks: {
        theory: formal.length ? Math.min(...formal.map((f) => f.pass_mark)) : null,
        practical: rules.practicalPassMark,
        theoryDefault: rules.passMark,
      },
      items: items.map((i) => ({ id: i.id, title: i.title, maxScore: i.max_score })),
      learners: learnerIds
        .map((id) => ({
          learnerId: id,
          learnerName: people.find((p) => p.id === id)?.name ?? '',
          ...outcomes.get(id)!.outcome,
          practical: entries
            .filter((e) => e.user_id === id)
            .map((e) => ({
              itemId: e.item_id,
              score: e.score,
              evidenceMediaIds: JSON.parse(e.evidence) as string[],
              assessorName: e.name,
              enteredAt: e.entered_at,
            })),
        }))
        .sort((a, b) => a.learnerName.localeCompare(b.learnerName, 'zh-CN')),
    };
  }
}
