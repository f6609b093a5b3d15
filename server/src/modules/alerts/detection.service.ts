import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { GeoLocator } from '../../adapters/geoip.js';
import type { Database } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { PoliciesService } from '../catalog/policies.service.js';
import { classPolicy } from '../classes/class-scope.js';
import type { LocalJobRunner } from '../jobs/jobs.js';
import type { RecordRow } from '../learning/records.js';
import type { AlertStore, UpsertResult } from './alert-store.js';
import {
  DAY, DEFAULT_THRESHOLDS, detectClassCluster, detectFaceFailures, detectFaceMismatch, detectGroupIp, detectSharedDevice, detectSharedFace,
  digestRecords, HOUR, MINUTE, runLearnerDetectors, thresholdsOf, type CheckFact, type FaceAlertFact, type FaceCheckFact, type Finding,
  type LearnerAlertFact, type SessionFact, type Thresholds,
} from './detectors/index.js';
import { FACE_MISMATCH_WINDOW_DAYS } from './detectors/faces.js';
import { SHARED_DEVICE_WINDOW_DAYS } from './detectors/shared-device.js';

export const LEARNER_JOB = 'alerts.learner';
export const SCAN_JOB = 'alerts.scan';
/** A learner's detectors run this long after the event that asked for them (events close together share one run). */
export const LEARNER_DELAY_SECONDS = 30;
export const SCAN_INTERVAL_SECONDS = 300;
/** How far back a learner's own detectors look. */
export const LEARNER_LOOKBACK_MS = 48 * HOUR;

/** Records that can change a learner's findings; plain credited heartbeats cannot. */
const TRIGGER_KINDS = new Set(['session_started', 'session_superseded', 'session_ended', 'check_issued', 'check_answered', 'check_missed', 'heartbeat_refused']);
const TRIGGER_REASONS = new Set(['skipped_ahead', 'ahead_of_frontier', 'daily_cap']);

type Logger = { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };

/**
 * Runs the detectors. Per-learner detectors run as events arrive: the learning engine hands every committed batch of
 * records to `observe`, which queues one `alerts.learner` job per learner (debounced), so any node's job runner does the
 * work away from the heartbeat path. Detectors that need many learners or a window (group learning, shared devices,
 * faces, class clusters) run in the periodic `alerts.scan` job, one runner at a time across nodes (a lease row).
 */
export class DetectionService {
  private readonly queued = new Map<string, number>();
  private readonly enqueuing = new Set<Promise<void>>();
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private thresholdCache = new Map<string, Thresholds>();

  constructor(private readonly deps: {
    db: Kysely<Database>; clock: Clock; jobs: LocalJobRunner; policies: PoliciesService; store: AlertStore; geo: GeoLocator; log?: Logger;
  }) {
    deps.jobs.register<{ userId: string }>({ type: LEARNER_JOB, maxAttempts: 3, handler: async ({ userId }) => { await this.scanLearner(userId); } });
    deps.jobs.register<Record<string, never>>({ type: SCAN_JOB, maxAttempts: 1, leaseSeconds: 900, handler: async () => { await this.periodic(); } });
  }

  // ---- as events arrive ---------------------------------------------------------------------------------------

  /** Called by the learning engine after each commit; cheap, never throws. */
  observe(records: readonly RecordRow[]): void {
    const now = this.deps.clock.now().getTime();
    for (const r of records) {
      if (!TRIGGER_KINDS.has(r.kind) && !(r.kind === 'heartbeat' && triggerReason(r.data))) continue;
      if ((this.queued.get(r.user_id) ?? 0) > now) continue;
      this.queued.set(r.user_id, now + LEARNER_DELAY_SECONDS * 1000);
      const queued = this.deps.jobs.enqueue(this.deps.db, LEARNER_JOB, { userId: r.user_id }, { delaySeconds: LEARNER_DELAY_SECONDS })
        .then(() => undefined, (err) => this.deps.log?.error({ err, userId: r.user_id }, 'could not queue early-warning detectors'));
      this.enqueuing.add(queued);
      void queued.finally(() => this.enqueuing.delete(queued));
    }
    if (this.queued.size > 10_000) for (const [id, until] of this.queued) if (until <= now) this.queued.delete(id);
  }

  /** Resolves when the jobs queued by `observe` so far are stored (tests and orderly shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.enqueuing]);
  }

  private async thresholdsFor(classId: string | null): Promise<Thresholds> {
    if (!classId) return DEFAULT_THRESHOLDS;
    const cached = this.thresholdCache.get(classId);
    if (cached) return cached;
    const klass = await this.deps.db.selectFrom('classes').select(['policy_refs', 'region_code']).where('id', '=', classId).executeTakeFirst();
    const t = klass ? thresholdsOf((await classPolicy(this.deps.policies, this.deps.db, klass)).document) : DEFAULT_THRESHOLDS;
    if (this.thresholdCache.size > 5000) this.thresholdCache = new Map();
    // Approved classes keep their policy versions; a class under review may change, so only those are cached.
    if (klass?.policy_refs) this.thresholdCache.set(classId, t);
    return t;
  }

  /** The learner's own detectors over the last two days of their records. */
  async scanLearner(userId: string): Promise<UpsertResult[]> {
    const { db, clock } = this.deps;
    const now = clock.now().getTime();
    const from = new Date(now - LEARNER_LOOKBACK_MS).toISOString();
    const first = await db.selectFrom('learning_sessions').select('id').where('user_id', '=', userId).where('started_at', '>=', from).orderBy('started_at').limit(1).executeTakeFirst();
    if (!first) return [];
    const start = await db.selectFrom('learning_records').select('chain_seq').where('session_id', '=', first.id).where('kind', '=', 'session_started').executeTakeFirst();
    const records = await db.selectFrom('learning_records').select(['id', 'user_id', 'session_id', 'kind', 'at', 'data', 'credited_ms'])
      .where('user_id', '=', userId).where('chain_seq', '>=', start?.chain_seq ?? 0).orderBy('chain_seq').limit(50_000).execute();
    const sessions = await db.selectFrom('learning_sessions').innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
      .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
      .select(['learning_sessions.lesson_id', 'lessons.kind', 'learning_sessions.class_id', 'classes.institution_id', 'classes.region_code', 'learning_sessions.started_at'])
      .where('learning_sessions.user_id', '=', userId).where('learning_sessions.started_at', '>=', from).execute();
    const digest = digestRecords(userId, records, {
      lessonMedia: new Map(sessions.map((s) => [s.lesson_id, s.kind])),
      classInstitution: new Map(sessions.map((s) => [s.class_id, s.institution_id])),
    });
    const province = new Map(sessions.map((s) => [s.class_id, s.region_code.slice(0, 2)]));
    const latest = [...sessions].sort((a, b) => (a.started_at < b.started_at ? 1 : -1))[0];
    const t = await this.thresholdsFor(latest?.class_id ?? null);
    const findings = runLearnerDetectors(digest, t, { geo: this.deps.geo, classProvince: (id) => province.get(id) ?? null });
    return this.deps.store.upsertAll(findings);
  }

  // ---- periodic ------------------------------------------------------------------------------------------------

  /** Makes sure one periodic scan is queued (called where the job runner starts). */
  async schedule(): Promise<void> {
    const queued = await this.deps.db.selectFrom('jobs').select('id').where('type', '=', SCAN_JOB).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    if (!queued) await this.deps.jobs.enqueue(this.deps.db, SCAN_JOB, {}, { delaySeconds: 10 });
  }

  /** The job: takes the lease, scans since the bookmark, queues the next run. */
  private async periodic(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    await db.insertInto('alert_scans').values({ name: 'main', scanned_until: new Date(now.getTime() - HOUR).toISOString(), locked_by: null, locked_until: null })
      .onConflict((oc) => oc.column('name').doNothing()).execute();
    const lease = new Date(now.getTime() + 10 * MINUTE).toISOString();
    const claimed = await db.updateTable('alert_scans').set({ locked_by: this.workerId, locked_until: lease })
      .where('name', '=', 'main').where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())])).executeTakeFirst();
    // Another node holds the lease and keeps its own chain of runs going.
    if (Number(claimed.numUpdatedRows) !== 1) return;
    try {
      const row = await db.selectFrom('alert_scans').select('scanned_until').where('name', '=', 'main').executeTakeFirstOrThrow();
      await this.scan(Date.parse(row.scanned_until), now.getTime());
      await db.updateTable('alert_scans').set({ scanned_until: now.toISOString() }).where('name', '=', 'main').execute();
    } catch (err) {
      this.deps.log?.error({ err }, 'early-warning scan failed; the next run covers the same window');
    } finally {
      await db.updateTable('alert_scans').set({ locked_by: null, locked_until: null }).where('name', '=', 'main').where('locked_by', '=', this.workerId).execute();
      await this.deps.jobs.enqueue(db, SCAN_JOB, {}, { delaySeconds: SCAN_INTERVAL_SECONDS });
    }
  }

  /** The cross-account and face detectors over what happened since `since`, then class clusters. */
  async scan(since: number, until: number): Promise<{ findings: number; alerts: UpsertResult[] }> {
    const findings = [...await this.crossAccount(since, until), ...await this.faces(since, until)];
    const results = await this.deps.store.upsertAll(findings);
    const clusters = await this.classClusters(since, until);
    const clusterResults = await this.deps.store.upsertAll(clusters);
    return { findings: findings.length + clusters.length, alerts: [...results, ...clusterResults] };
  }

  private async sessionFacts(where: (qb: any) => any): Promise<(SessionFact & { region: string })[]> {
    const rows = await where(this.deps.db.selectFrom('learning_sessions').innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
      .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
      .select(['learning_sessions.id', 'learning_sessions.user_id', 'learning_sessions.class_id', 'learning_sessions.lesson_id', 'learning_sessions.started_at',
        'learning_sessions.ip', 'learning_sessions.user_agent', 'learning_sessions.device_id', 'classes.institution_id', 'classes.region_code', 'lessons.kind'])).limit(200_000).execute();
    return (rows as any[]).map((r) => ({
      sessionId: r.id, userId: r.user_id, classId: r.class_id, lessonId: r.lesson_id, startedAt: Date.parse(r.started_at), lastAt: Date.parse(r.started_at),
      ip: r.ip, userAgent: r.user_agent, deviceId: r.device_id, webdriver: null, media: r.kind, institutionId: r.institution_id, recordId: null, region: r.region_code,
    }));
  }

  /**
   * Adds each session's last report time (shared devices need to know whether two sessions overlapped). Only what
   * the page itself sent counts: a session's `session_superseded` is written by the next start, not by that page.
   */
  private async withLastAt(sessions: SessionFact[]): Promise<void> {
    const byId = new Map(sessions.map((s) => [s.sessionId, s]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.deps.db.selectFrom('learning_records').select((eb) => ['session_id', eb.fn.max('at').as('last')])
        .where('session_id', 'in', ids.slice(i, i + 500)).where('kind', 'in', ['session_started', 'heartbeat', 'heartbeat_refused', 'check_answered'])
        .groupBy('session_id').execute();
      for (const r of rows) {
        const s = byId.get(r.session_id);
        if (s && r.last) s.lastAt = Date.parse(String(r.last));
      }
    }
  }

  private async crossAccount(since: number, until: number): Promise<Finding[]> {
    const classIds = new Set<string>();
    // Group learning: sessions started in the scanned window, plus one group window before it.
    const groupFrom = new Date(since - 24 * HOUR).toISOString();
    const recent = await this.sessionFacts((qb) => qb.where('learning_sessions.started_at', '>=', groupFrom).where('learning_sessions.started_at', '<=', new Date(until).toISOString()));
    for (const s of recent) classIds.add(s.classId);
    // Shared devices: every session of the devices that were used since the last scan, a week back.
    const devices = [...new Set(recent.filter((s) => s.startedAt >= since).map((s) => s.deviceId))];
    const deviceSessions: SessionFact[] = [];
    const weekAgo = new Date(until - SHARED_DEVICE_WINDOW_DAYS * DAY).toISOString();
    for (let i = 0; i < devices.length; i += 500) {
      deviceSessions.push(...await this.sessionFacts((qb) => qb.where('learning_sessions.device_id', 'in', devices.slice(i, i + 500)).where('learning_sessions.started_at', '>=', weekAgo)));
    }
    const usersOf = new Map<string, Set<string>>();
    for (const s of deviceSessions) usersOf.set(s.deviceId, (usersOf.get(s.deviceId) ?? new Set()).add(s.userId));
    const shared = deviceSessions.filter((s) => usersOf.get(s.deviceId)!.size > 1);
    await this.withLastAt(shared);
    for (const s of shared) classIds.add(s.classId);
    const thresholds = new Map<string, Thresholds>();
    for (const id of classIds) thresholds.set(id, await this.thresholdsFor(id));
    const t = (s: SessionFact) => thresholds.get(s.classId) ?? DEFAULT_THRESHOLDS;
    // Findings about windows that ended before the bookmark were made by an earlier scan already.
    const fresh = (f: Finding) => f.windowEnd >= since - HOUR;
    return [...detectGroupIp(recent, t).filter(fresh), ...detectSharedDevice(shared, t).filter(fresh)];
  }

  private async faces(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const sinceIso = new Date(since).toISOString();
    const checked = await db.selectFrom('face_checks').select('user_id').distinct().where('at', '>=', sinceIso).limit(20_000).execute();
    const alerted = await db.selectFrom('face_alerts').select(['user_id', 'other_user_id']).where('created_at', '>=', sinceIso).limit(20_000).execute();
    const users = new Set([...checked.map((r) => r.user_id), ...alerted.flatMap((r) => [r.user_id, r.other_user_id].filter((u): u is string => !!u))]);
    const findings: Finding[] = [];
    const windowFrom = new Date(until - FACE_MISMATCH_WINDOW_DAYS * DAY).toISOString();
    for (const userId of users) {
      const checks: FaceCheckFact[] = (await db.selectFrom('face_checks').select(['id', 'user_id', 'at', 'result', 'reason', 'distance', 'context_id'])
        .where('user_id', '=', userId).where('at', '>=', windowFrom).orderBy('at').execute())
        .map((c) => ({ id: c.id, userId: c.user_id, at: Date.parse(c.at), result: c.result, reason: c.reason, distance: c.distance === null ? null : Number(c.distance), contextId: c.context_id }));
      const alerts: FaceAlertFact[] = (await db.selectFrom('face_alerts').select(['id', 'kind', 'user_id', 'other_user_id', 'created_at', 'distance'])
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('other_user_id', '=', userId)])).execute())
        .map((a) => ({ id: a.id, kind: a.kind, userId: a.user_id, otherUserId: a.other_user_id, at: Date.parse(a.created_at), distance: Number(a.distance) }));
      const missedRows = await db.selectFrom('learning_records').select(['id', 'session_id', 'at', 'data']).where('user_id', '=', userId).where('kind', '=', 'check_missed')
        .where('at', '>=', windowFrom).execute();
      const missed: CheckFact[] = missedRows.map((m) => {
        const d = JSON.parse(m.data) as { checkId?: string; kind?: string };
        return { recordId: m.id, sessionId: m.session_id, checkId: d.checkId ?? '', kind: d.kind ?? 'code', event: 'missed' as const, at: Date.parse(m.at), result: null };
      });
      // Face checks while learning name the learning session; the class is the session's.
      const contexts = [...new Set([...checks.map((c) => c.contextId), ...missed.map((m) => m.sessionId)].filter((c): c is string => !!c))];
      const classOfSession = new Map<string, string>();
      for (let i = 0; i < contexts.length; i += 500) {
        for (const s of await db.selectFrom('learning_sessions').select(['id', 'class_id']).where('id', 'in', contexts.slice(i, i + 500)).execute()) classOfSession.set(s.id, s.class_id);
      }
      const classOf = (id: string | null) => (id ? classOfSession.get(id) ?? null : null);
      const t = await this.thresholdsFor([...classOfSession.values()][0] ?? null);
      findings.push(
        ...detectFaceFailures(userId, checks, missed, t, classOf),
        ...detectFaceMismatch(userId, checks, alerts, t, classOf),
        ...detectSharedFace(userId, alerts, classOf),
      );
    }
    return findings;
  }

  private async classClusters(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const touched = await db.selectFrom('alerts').select('class_id').distinct().where('subject_type', '=', 'learner').where('last_seen_at', '>=', new Date(since).toISOString())
      .where('class_id', 'is not', null).limit(5000).execute();
    const findings: Finding[] = [];
    const weekFrom = new Date(until - 7 * DAY).toISOString();
    for (const { class_id } of touched) {
      if (!class_id) continue;
      const rows = await db.selectFrom('alerts').select(['id', 'user_id', 'kind', 'severity', 'status', 'last_seen_at']).where('class_id', '=', class_id)
        .where('subject_type', '=', 'learner').where('last_seen_at', '>=', weekFrom).execute();
      const { n } = await db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', class_id).where('status', '=', 'enrolled').executeTakeFirstOrThrow();
      const facts: LearnerAlertFact[] = rows.filter((r) => r.user_id).map((r) => ({ alertId: r.id, userId: r.user_id!, kind: r.kind, severity: r.severity, status: r.status, at: Date.parse(r.last_seen_at) }));
      findings.push(...detectClassCluster(class_id, Number(n), facts, isoWeek(until)));
    }
    return findings;
  }
}

function triggerReason(data: string): boolean {
  // The reason is near the end of the JSON; a substring test avoids parsing every heartbeat.
  for (const reason of TRIGGER_REASONS) if (data.includes(`"reason":"${reason}"`)) return true;
  return false;
}

function isoWeek(ms: number): string {
  const day = new Date(ms + 8 * HOUR);
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * DAY);
  return `week:${monday.toISOString().slice(0, 10)}`;
}
