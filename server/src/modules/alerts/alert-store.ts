import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { SEVERITY_RANK, type Finding } from './detectors/types.js';
import type { NotificationsService } from './notifications.service.js';

/** An alert names at most this many pieces of evidence and sessions; its facts carry the counts. */
const MAX_EVIDENCE = 200;
const MAX_SESSIONS = 500;

export type Scope = { classId: string | null; institutionId: string | null; regionCode: string | null };
export type UpsertResult = { alertId: string; created: boolean; escalated: boolean };

export function dedupeKey(f: Finding, classId: string | null): string {
  return `${f.kind}|${f.subject.type}:${f.subject.id}|${classId ?? '-'}|${f.windowKey}`.slice(0, 400);
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes detector findings as alerts. The same detector on the same subject, class and window updates one alert
 * (more evidence, a higher severity, a later last-seen time) instead of raising another; a decided alert keeps its
 * decision and only gathers evidence. New alerts of medium or high severity are announced to the institution's
 * administrators, high ones (and escalations to high) to the regulators of the region as well.
 */
export class AlertStore {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; notifications: NotificationsService }) {}

  /** Where an alert belongs: its class's institution and region, else the learner's latest class. */
  async scopeOf(db: DbOrTrx, finding: Finding): Promise<Scope> {
    let classId = finding.classId;
    if (!classId && finding.userId) {
      const latest = await db
        .selectFrom('enrolments')
        .innerJoin('classes', 'classes.id', 'enrolments.class_id')
        .select('classes.id')
        .where('enrolments.user_id', '=', finding.userId)
        .where('enrolments.status', '=', 'enrolled')
        .orderBy('enrolments.created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      classId = latest?.id ?? null;
    }
    if (classId) {
      const klass = await db
        .selectFrom('classes')
        .select(['institution_id', 'region_code'])
        .where('id', '=', classId)
        .executeTakeFirst();
      if (klass) return { classId, institutionId: klass.institution_id, regionCode: klass.region_code };
    }
    if (finding.subject.type === 'institution') {
      const inst = await db
        .selectFrom('institutions')
        .select(['id', 'region_code'])
        .where('id', '=', finding.subject.id)
        .executeTakeFirst();
      if (inst) return { classId: null, institutionId: inst.id, regionCode: inst.region_code };
    }
    return { classId: null, institutionId: null, regionCode: null };
  }

  async upsertAll(findings: readonly Finding[]): Promise<UpsertResult[]> {
    const out: UpsertResult[] = [];
    for (const f of findings) out.push(await this.upsert(f));
    return out;
  }

  async upsert(finding: Finding): Promise<UpsertResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.db.transaction().execute((trx) => this.write(trx, finding));
      } catch (error) {
        // Two runners raising the same alert at once: the loser finds the winner's row and updates it.
        if (attempt >= 2 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  private async write(trx: DbOrTrx, f: Finding): Promise<UpsertResult> {
    const now = this.deps.clock.now().toISOString();
    const scope = await this.scopeOf(trx, f);
    const key = dedupeKey(f, scope.classId);
    const existing = await trx.selectFrom('alerts').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
    if (!existing) {
      const id = newId();
      await trx
        .insertInto('alerts')
        .values({
          id,
          kind: f.kind,
          severity: f.severity,
          status: 'open',
          subject_type: f.subject.type,
          subject_id: f.subject.id,
          user_id: f.userId,
          class_id: scope.classId,
          institution_id: scope.institutionId,
          region_code: scope.regionCode,
          dedupe_key: key,
          window_start: iso(f.windowStart),
          window_end: iso(f.windowEnd),
          facts: JSON.stringify(f.facts),
          session_ids: JSON.stringify(f.sessionIds.slice(0, MAX_SESSIONS)),
          detections: 1,
          first_seen_at: now,
          last_seen_at: now,
          proposal: null,
          proposal_reason: null,
          proposed_by: null,
          proposed_at: null,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          revoked_ms: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.addEvidence(trx, id, f);
      await trx
        .insertInto('alert_events')
        .values({
          id: newId(),
          alert_id: id,
          action: 'raised',
          actor_id: null,
          actor_role: null,
          reason: null,
          details: JSON.stringify({ severity: f.severity, facts: f.facts }),
          at: now,
        })
        .execute();
      if (f.severity !== 'low') await this.announce(trx, id, f, scope, 'alert_raised', f.severity === 'high');
      return { alertId: id, created: true, escalated: false };
    }
    const escalated = SEVERITY_RANK[f.severity] > SEVERITY_RANK[existing.severity];
    const added = await this.addEvidence(trx, existing.id, f);
    // The same finding read again (another run over the same window) changes nothing: runs are idempotent.
    if (added === 0 && !escalated) return { alertId: existing.id, created: false, escalated: false };
    const sessions = [...new Set([...(JSON.parse(existing.session_ids) as string[]), ...f.sessionIds])].slice(
      0,
      MAX_SESSIONS,
    );
    await trx
      .updateTable('alerts')
      .set({
        severity: escalated ? f.severity : existing.severity,
        window_start: iso(Math.min(Date.parse(existing.window_start), f.windowStart)),
        window_end: iso(Math.max(Date.parse(existing.window_end), f.windowEnd)),
        facts: JSON.stringify(f.facts),
        session_ids: JSON.stringify(sessions),
        detections: existing.detections + 1,
        last_seen_at: now,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    if (escalated) {
      await trx
        .insertInto('alert_events')
        .values({
          id: newId(),
          alert_id: existing.id,
          action: 'escalated',
          actor_id: null,
          actor_role: null,
          reason: null,
          details: JSON.stringify({ from: existing.severity, to: f.severity }),
          at: now,
        })
        .execute();
      if (existing.status === 'open' || existing.status === 'under_review')
        await this.announce(trx, existing.id, f, scope, 'alert_escalated', f.severity === 'high');
    }
    return { alertId: existing.id, created: false, escalated };
  }

  /** Adds the evidence the alert does not name yet (up to its bound); returns how many pieces were new. */
  private async addEvidence(trx: DbOrTrx, alertId: string, f: Finding): Promise<number> {
    const have = new Set(
      (
        await trx.selectFrom('alert_evidence').select(['ref_type', 'ref_id']).where('alert_id', '=', alertId).execute()
      ).map((e) => `${e.ref_type}|${e.ref_id}`),
    );
    const room = MAX_EVIDENCE - have.size;
    const fresh = [...new Map(f.evidence.map((e) => [`${e.type}|${e.id}`, e])).entries()]
      .filter(([key]) => !have.has(key))
      .map(([, e]) => e);
    if (room <= 0 || fresh.length === 0) return 0;
    const rows = fresh.slice(-room).map((e) => ({
      alert_id: alertId,
      ref_type: e.type,
      ref_id: e.id,
      user_id: e.userId ?? f.userId,
      at: iso(e.at),
      note: e.note?.slice(0, 200) ?? null,
    }));
    await trx
      .insertInto('alert_evidence')
      .values(rows)
      .onConflict((oc) => oc.columns(['alert_id', 'ref_type', 'ref_id']).doNothing())
      .execute();
    return rows.length;
  }

  private async announce(
    trx: DbOrTrx,
    alertId: string,
    f: Finding,
    scope: Scope,
    kind: string,
    regulators: boolean,
  ): Promise<void> {
    const { notifications } = this.deps;
    // An alert about the institution itself goes to the regulators only (they decide it, ADR 0007); one about a
    // teacher to the institution's administrators (they manage teachers) and the regulators.
    const subject = f.subject.type;
    const users = await notifications.recipients(trx, {
      institutionId: scope.institutionId,
      regionCode: scope.regionCode,
      institutionAdmins: subject !== 'institution',
      regulators: regulators || subject === 'institution' || subject === 'teacher',
    });
    const learner = f.userId
      ? await trx.selectFrom('users').select('name').where('id', '=', f.userId).executeTakeFirst()
      : undefined;
    const klass = scope.classId
      ? await trx.selectFrom('classes').select('name').where('id', '=', scope.classId).executeTakeFirst()
      : undefined;
    const named =
      subject === 'institution'
        ? await trx.selectFrom('institutions').select('name').where('id', '=', f.subject.id).executeTakeFirst()
        : subject === 'teacher'
          ? await trx.selectFrom('users').select('name').where('id', '=', f.subject.id).executeTakeFirst()
          : undefined;
    await notifications.notify(trx, users, {
      kind,
      refType: 'alert',
      refId: alertId,
      link: `/alerts/${alertId}`,
      params: {
        alertKind: f.kind,
        severity: f.severity,
        learner: learner?.name ?? null,
        className: klass?.name ?? null,
        subjectType: subject,
        subjectName: named?.name ?? null,
      },
    });
  }
}
