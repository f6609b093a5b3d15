import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { formatBeijingTime } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { PoliciesService } from '../policies/index.js';
import { offlineClassHours } from '../attendance/index.js';
import { classPolicy } from '../classes/index.js';
import { decodeRecord } from '../learning/index.js';
import { onlineClassHours } from '../class-progress/index.js';
import { findRegion } from '../regions/index.js';
import {
  anomalyCount,
  classTotals,
  findings,
  inspectionWorkbook,
  type ClassTotals,
  type InspectionFigures,
  type InspectionLearner,
} from './inspection.js';
import { cstDayBounds } from './rollup.js';
import { statsInstitutionScope, statsPermissions } from './stats.scope.js';

export type InspectionClass = {
  classId: string;
  name: string;
  status: string;
  startDate: string;
  endDate: string;
  classHourMinutes: number;
  totals: ClassTotals;
  learners: InspectionLearner[];
};
export type InspectionReport = {
  institution: { id: string; name: string; regionCode: string; regionName: string };
  from: string;
  to: string;
  generatedAt: string;
  summary: ClassTotals & { classes: number };
  classes: InspectionClass[];
};

const MAX_PERIOD_DAYS = 366;
const n = (v: unknown) => Number(v ?? 0);

/**
 * Data self-inspection (数据自查) of an institution over a period: per class and learner, what the evidence says —
 * online hours credited and offline hours attended in the period, lessons completed, face checks, alerts and the
 * anomalies on record — with the findings that call for a look. Institution administrators inspect their own;
 * regulators choose an institution of their region subtree; the export leaves the platform and is audited.
 */
export class InspectionService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; policies: PoliciesService },
  ) {}

  private async institution(actor: Actor, institutionId: string | undefined) {
    requirePermission(actor, statsPermissions['stats.inspection']);
    // An administrator inspects its own institution unless it names one (which the scope then judges).
    const id = institutionId ?? (actor.role === 'institution_admin' ? actor.institutionId : null);
    if (!id) throw new AppError('VALIDATION_FAILED', { field: 'institutionId' });
    const row = await this.deps.db
      .selectFrom('institutions')
      .select(['id', 'name', 'region_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !statsInstitutionScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async report(actor: Actor, query: { institutionId?: string; from: string; to: string }): Promise<InspectionReport> {
    const institution = await this.institution(actor, query.institutionId);
    return this.build(institution, query.from, query.to);
  }

  async exportXlsx(
    actor: Actor,
    query: { institutionId?: string; from: string; to: string },
    meta: RequestMeta,
  ): Promise<{ fileName: string; bytes: Buffer }> {
    const institution = await this.institution(actor, query.institutionId);
    const report = await this.build(institution, query.from, query.to);
    const { db, clock, audit } = this.deps;
    const exporter = await db
      .selectFrom('users')
      .select('name')
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const now = clock.now();
    const bytes = await inspectionWorkbook({
      institutionName: institution.name,
      regionName: report.institution.regionName,
      from: report.from,
      to: report.to,
      exportedAt: formatBeijingTime(now),
      exportedBy: exporter.name,
      classes: report.classes,
    });
    const learners = report.classes.reduce((sum, c) => sum + c.learners.length, 0);
    await audit.record(db, {
      actor,
      action: 'pii.inspection_exported',
      targetType: 'institution',
      targetId: institution.id,
      institutionId: institution.id,
      regionCode: institution.region_code,
      meta,
      details: {
        format: 'xlsx',
        from: report.from,
        to: report.to,
        classes: report.classes.length,
        learners,
        fields: ['name', 'idNumberMasked', 'hours', 'checks', 'alerts'],
      },
    });
    return { fileName: `${institution.name}-数据自查-${report.from}至${report.to}.xlsx`, bytes };
  }

  private async build(
    institution: { id: string; name: string; region_code: string },
    from: string,
    to: string,
  ): Promise<InspectionReport> {
    const { db, clock } = this.deps;
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (!(span >= 0) || span >= MAX_PERIOD_DAYS)
      throw new AppError('STATS_PERIOD_INVALID', { field: 'to', params: { days: MAX_PERIOD_DAYS } });
    const range = { from: cstDayBounds(from).from, to: cstDayBounds(to).to };
    const classes = await db
      .selectFrom('classes')
      .selectAll()
      .where('institution_id', '=', institution.id)
      .where('status', 'in', ['approved', 'closed'])
      .where('start_date', '<=', to)
      .where('end_date', '>=', from)
      .orderBy('start_date')
      .orderBy('name')
      .execute();
    const rosters = new Map<
      string,
      { id: string; name: string; id_number_masked: string; status: 'enrolled' | 'withdrawn' }[]
    >();
    for (const c of classes) {
      rosters.set(
        c.id,
        await db
          .selectFrom('enrolments')
          .innerJoin('users', 'users.id', 'enrolments.user_id')
          .select(['users.id', 'users.name', 'users.id_number_masked', 'enrolments.status'])
          .where('enrolments.class_id', '=', c.id)
          .orderBy('users.name')
          .execute(),
      );
    }
    const people = [...new Set([...rosters.values()].flat().map((r) => r.id))];
    const faces = new Map<string, { passed: number; failed: number }>();
    const alerts = new Map<string, number>();
    for (let i = 0; i < people.length; i += 500) {
      const part = people.slice(i, i + 500);
      for (const r of await db
        .selectFrom('face_checks')
        .select((eb) => ['user_id', 'result', eb.fn.countAll<string | number>().as('n')])
        .where('user_id', 'in', part)
        .where('context_kind', '=', 'learning')
        .where('at', '>=', range.from)
        .where('at', '<', range.to)
        .groupBy(['user_id', 'result'])
        .execute()) {
        const f = faces.get(r.user_id) ?? { passed: 0, failed: 0 };
        if (r.result === 'pass') f.passed += n(r.n);
        else f.failed += n(r.n);
        faces.set(r.user_id, f);
      }
      for (const r of await db
        .selectFrom('face_alerts')
        .select((eb) => ['user_id', eb.fn.countAll<string | number>().as('n')])
        .where('user_id', 'in', part)
        .where('created_at', '>=', range.from)
        .where('created_at', '<', range.to)
        .groupBy('user_id')
        .execute()) {
        alerts.set(r.user_id, n(r.n));
      }
    }

    const out: InspectionClass[] = [];
    for (const c of classes) {
      const { document } = await classPolicy(this.deps.policies, db, c);
      const minutes = document.classHourMinutes;
      const [evidence, decisive, attendance, completed, lessons] = await Promise.all([
        db
          .selectFrom('learning_records')
          .innerJoin('learning_sessions', 'learning_sessions.id', 'learning_records.session_id')
          .select((eb) => [
            'learning_sessions.user_id',
            'learning_records.kind',
            eb.fn.countAll<string | number>().as('n'),
            eb.fn.sum<string | number>('learning_records.credited_ms').as('credited'),
          ])
          .where('learning_sessions.class_id', '=', c.id)
          .where('learning_records.at', '>=', range.from)
          .where('learning_records.at', '<', range.to)
          .groupBy(['learning_sessions.user_id', 'learning_records.kind'])
          .execute(),
        // Answers and supersessions (few beside the heartbeats) are read as evidence to judge them one by one.
        db
          .selectFrom('learning_records')
          .innerJoin('learning_sessions', 'learning_sessions.id', 'learning_records.session_id')
          .select([
            'learning_records.id',
            'learning_records.kind',
            'learning_records.data',
            'learning_sessions.user_id',
            'learning_sessions.device_id',
          ])
          .where('learning_sessions.class_id', '=', c.id)
          .where('learning_records.kind', 'in', ['check_answered', 'session_superseded'])
          .where('learning_records.at', '>=', range.from)
          .where('learning_records.at', '<', range.to)
          .execute(),
        db
          .selectFrom('attendance')
          .select((eb) => ['user_id', eb.fn.sum<string | number>('minutes').as('minutes')])
          .where('class_id', '=', c.id)
          .where('check_in_at', '>=', range.from)
          .where('check_in_at', '<', range.to)
          .groupBy('user_id')
          .execute(),
        db
          .selectFrom('lesson_progress')
          .select((eb) => ['user_id', eb.fn.countAll<string | number>().as('n')])
          .where('class_id', '=', c.id)
          .where('completed_at', '>=', range.from)
          .where('completed_at', '<', range.to)
          .groupBy('user_id')
          .execute(),
        db
          .selectFrom('lessons')
          .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('class_courses.class_id', '=', c.id)
          .executeTakeFirstOrThrow(),
      ]);
      const failed = new Map<string, number>();
      const elsewhere = new Map<string, number>();
      for (const r of decisive) {
        const e = decodeRecord(r);
        const tally = (m: Map<string, number>) => m.set(r.user_id, (m.get(r.user_id) ?? 0) + 1);
        if (e.kind === 'check_answered' && (e.data.result === 'failed' || e.data.result === 'late')) tally(failed);
        // A start on the same device (the next lesson, a reload) also ends the open session; only another device counts.
        if (e.kind === 'session_superseded' && e.data.deviceId !== r.device_id) tally(elsewhere);
      }
      const learners = rosters.get(c.id)!.map((p): InspectionLearner => {
        const mine = evidence.filter((e) => e.user_id === p.id);
        const kind = (k: string) => mine.find((e) => e.kind === k);
        const onlineSeconds = Math.floor(mine.reduce((sum, e) => sum + n(e.credited), 0) / 1000);
        const offlineMinutes = n(attendance.find((a) => a.user_id === p.id)?.minutes);
        const figures: InspectionFigures = {
          onlineSeconds,
          onlineHours: onlineClassHours(onlineSeconds, minutes),
          offlineMinutes,
          offlineHours: offlineClassHours(offlineMinutes, minutes),
          lessonsCompleted: n(completed.find((x) => x.user_id === p.id)?.n),
          lessonsTotal: n(lessons.n),
          faceChecksPassed: faces.get(p.id)?.passed ?? 0,
          faceChecksFailed: faces.get(p.id)?.failed ?? 0,
          alerts: alerts.get(p.id) ?? 0,
          refusedReports: n(kind('heartbeat_refused')?.n),
          missedChecks: n(kind('check_missed')?.n),
          failedChecks: failed.get(p.id) ?? 0,
          otherDeviceStarts: elsewhere.get(p.id) ?? 0,
          sessions: n(kind('session_started')?.n),
        };
        return {
          userId: p.id,
          name: p.name,
          idNumberMasked: p.id_number_masked,
          enrolment: p.status,
          ...figures,
          anomalies: anomalyCount(figures),
          findings: findings(figures),
        };
      });
      out.push({
        classId: c.id,
        name: c.name,
        status: c.status,
        startDate: c.start_date,
        endDate: c.end_date,
        classHourMinutes: minutes,
        totals: classTotals(learners),
        learners,
      });
    }
    const region = await findRegion(db, institution.region_code);
    const all = out.flatMap((c) => c.learners);
    return {
      institution: {
        id: institution.id,
        name: institution.name,
        regionCode: institution.region_code,
        regionName: region?.name ?? institution.region_code,
      },
      from,
      to,
      generatedAt: clock.now().toISOString(),
      summary: {
        ...classTotals(all),
        enrolled: out.reduce((s, c) => s + c.totals.enrolled, 0),
        withdrawn: out.reduce((s, c) => s + c.totals.withdrawn, 0),
        classes: out.length,
      },
      classes: out,
    };
  }
}
