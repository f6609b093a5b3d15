import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { isPrivateIp, type GeoLocator } from '../../adapters/geoip.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { Type } from 'typebox';
import { beijingDate, CST_OFFSET_MS } from '../../platform/time.js';
import type { PoliciesService } from '../policies/index.js';
import { classPolicy } from '../classes/index.js';
import { defineJob, type JobContext, type LocalJobRunner } from '../jobs/index.js';
import { decodeRecord, decodeRecordOf, type RecordRow } from '../learning/index.js';
import type { AlertStore, UpsertResult } from './alert-store.js';
import {
  DAY,
  DEFAULT_THRESHOLDS,
  detectAttendanceAnomalies,
  detectClassCluster,
  detectFaceFailures,
  detectFaceMismatch,
  detectGroupIp,
  detectInstitutionClusters,
  detectInstitutionFlaggedLearners,
  detectInstitutionIpConcentration,
  detectSharedDevice,
  detectSharedFace,
  digestRecords,
  HOUR,
  MINUTE,
  runLearnerDetectors,
  thresholdsOf,
  type AttendanceFaceFact,
  type CheckFact,
  type CheckInFact,
  type FaceAlertFact,
  type FaceCheckFact,
  type Finding,
  type LearnerAlertFact,
  type RoomFact,
  type SessionFact,
  type Thresholds,
} from './detectors/index.js';
import { cidrContains, parseCidr, type Cidr } from '../../platform/cidr.js';
import { FACE_MISMATCH_WINDOW_DAYS } from './detectors/faces.js';
import { SHARED_DEVICE_WINDOW_DAYS } from './detectors/shared-device.js';
import { examFindings } from './exam-detection.js';

type DetectionJobs = JobContext<{ detection: DetectionService }>;
/** The learner detectors over one learner's recent records, queued by `observe` (registered in jobs.registry.ts). */
export const LEARNER_JOB = defineJob({
  id: 'alerts.learner',
  payload: Type.Object({ userId: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  maxAttempts: 3,
  handler: ({ userId }, { services }: DetectionJobs) => services.detection.scanLearner(userId),
});
/** The periodic scan (offline sessions, institution and teacher detectors); each run queues the next. */
export const SCAN_JOB = defineJob({
  id: 'alerts.scan',
  payload: Type.Object({}, { additionalProperties: false }),
  maxAttempts: 1,
  leaseSeconds: 900,
  handler: (_payload, { services }: DetectionJobs) => services.detection.periodic(),
});
/** A learner's detectors run this long after the event that asked for them (events close together share one run). */
export const LEARNER_DELAY_SECONDS = 30;
export const SCAN_INTERVAL_SECONDS = 300;
/** Institution and teacher detectors look at weeks of data: they run at most this often (within the periodic scan). */
export const WIDE_SCAN_EVERY_MS = HOUR;
/** How far back a learner's own detectors look. */
export const LEARNER_LOOKBACK_MS = 48 * HOUR;

/** Records that can change a learner's findings; plain credited heartbeats cannot. */
const TRIGGER_KINDS = new Set([
  'session_started',
  'session_superseded',
  'session_ended',
  'check_issued',
  'check_answered',
  'check_missed',
  'heartbeat_refused',
]);
// check_failed: reported playing in view while a failed check is on the screen (the real player blocks the lesson).
const TRIGGER_REASONS = new Set(['skipped_ahead', 'ahead_of_frontier', 'daily_cap', 'check_failed']);

type Logger = { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };

/**
 * Runs the detectors. Per-learner detectors run as events arrive: the learning engine hands every committed batch of
 * records to `observe`, which queues one `alerts.learner` job per learner (debounced), so any node's job runner does the
 * work away from the heartbeat path. Detectors that need many learners or a window (group learning, shared devices,
 * faces, class clusters) run in the periodic `alerts.scan` job, one runner at a time across nodes (a lease row).
 */
/** Learning sessions with their class and lesson, the rows the cross-learner detectors start from. */
function sessionFactsQuery(db: DbOrTrx) {
  return db
    .selectFrom('learning_sessions')
    .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
    .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
    .select([
      'learning_sessions.id',
      'learning_sessions.user_id',
      'learning_sessions.class_id',
      'learning_sessions.lesson_id',
      'learning_sessions.started_at',
      'learning_sessions.ip',
      'learning_sessions.user_agent',
      'learning_sessions.device_id',
      'classes.institution_id',
      'classes.region_code',
      'lessons.kind',
    ]);
}
type SessionFactsQuery = ReturnType<typeof sessionFactsQuery>;

export class DetectionService {
  private readonly queued = new Map<string, number>();
  private readonly enqueuing = new Set<Promise<void>>();
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private thresholdCache = new Map<string, Thresholds>();

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      jobs: LocalJobRunner;
      policies: PoliciesService;
      store: AlertStore;
      geo: GeoLocator;
      log?: Logger;
    },
  ) {}

  // ---- as events arrive ---------------------------------------------------------------------------------------

  /** Called by the learning engine after each commit; cheap, never throws. */
  observe(records: readonly RecordRow[]): void {
    const now = this.deps.clock.now().getTime();
    for (const r of records) {
      // The debounce first: a learner already queued costs no decoding of the heartbeat's data.
      if ((this.queued.get(r.user_id) ?? 0) > now) continue;
      if (!TRIGGER_KINDS.has(r.kind) && !(r.kind === 'heartbeat' && triggerReason(r))) continue;
      this.queued.set(r.user_id, now + LEARNER_DELAY_SECONDS * 1000);
      const queued = this.deps.jobs
        .enqueue(this.deps.db, LEARNER_JOB, { userId: r.user_id }, { delaySeconds: LEARNER_DELAY_SECONDS })
        .then(
          () => undefined,
          (err: unknown) => this.deps.log?.error({ err, userId: r.user_id }, 'could not queue early-warning detectors'),
        );
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
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['policy_refs', 'region_code'])
      .where('id', '=', classId)
      .executeTakeFirst();
    const t = klass
      ? thresholdsOf((await classPolicy(this.deps.policies, this.deps.db, klass)).document)
      : DEFAULT_THRESHOLDS;
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
    const first = await db
      .selectFrom('learning_sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('started_at', '>=', from)
      .orderBy('started_at')
      .limit(1)
      .executeTakeFirst();
    if (!first) return [];
    const start = await db
      .selectFrom('learning_records')
      .select('chain_seq')
      .where('session_id', '=', first.id)
      .where('kind', '=', 'session_started')
      .executeTakeFirst();
    const records = await db
      .selectFrom('learning_records')
      .select(['id', 'user_id', 'session_id', 'kind', 'at', 'data', 'credited_ms'])
      .where('user_id', '=', userId)
      .where('chain_seq', '>=', start?.chain_seq ?? 0)
      .orderBy('chain_seq')
      .limit(50_000)
      .execute();
    const sessions = await db
      .selectFrom('learning_sessions')
      .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
      .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
      .select([
        'learning_sessions.lesson_id',
        'lessons.kind',
        'learning_sessions.class_id',
        'classes.institution_id',
        'classes.region_code',
        'learning_sessions.started_at',
      ])
      .where('learning_sessions.user_id', '=', userId)
      .where('learning_sessions.started_at', '>=', from)
      .execute();
    const digest = digestRecords(userId, records, {
      lessonMedia: new Map(sessions.map((s) => [s.lesson_id, s.kind])),
      classInstitution: new Map(sessions.map((s) => [s.class_id, s.institution_id])),
    });
    const province = new Map(sessions.map((s) => [s.class_id, s.region_code.slice(0, 2)]));
    const latest = [...sessions].sort((a, b) => (a.started_at < b.started_at ? 1 : -1))[0];
    const t = await this.thresholdsFor(latest?.class_id ?? null);
    const findings = runLearnerDetectors(digest, t, {
      geo: this.deps.geo,
      classProvince: (id) => province.get(id) ?? null,
    });
    findings.push(...(await this.learnerCrowds(userId, now, t)));
    return this.deps.store.upsertAll(findings);
  }

  /**
   * Group learning as the learner's records arrive: every session at the public addresses the learner started from
   * within the last group window, and the group window before those. Only the learner's own finding is kept here
   * (each member's own job, or the periodic scan within five minutes, raises theirs), so a crowd of n costs n
   * findings, not n².
   */
  private async learnerCrowds(userId: string, now: number, t: Thresholds): Promise<Finding[]> {
    const windowMs = t.groupWindowMinutes * MINUTE;
    const own = await this.deps.db
      .selectFrom('learning_sessions')
      .select('ip')
      .distinct()
      .where('user_id', '=', userId)
      .where('started_at', '>=', new Date(now - windowMs).toISOString())
      .limit(20)
      .execute();
    const ips = own.map((r) => r.ip).filter((ip) => ip && !isPrivateIp(ip));
    if (ips.length === 0) return [];
    const around = await this.sessionFacts((qb) =>
      qb
        .where('learning_sessions.ip', 'in', ips)
        .where('learning_sessions.started_at', '>=', new Date(now - 2 * windowMs).toISOString())
        .where('learning_sessions.started_at', '<=', new Date(now).toISOString()),
    );
    const classIds = [...new Set(around.map((s) => s.classId))];
    const thresholds = new Map<string, Thresholds>();
    for (const id of classIds) thresholds.set(id, await this.thresholdsFor(id));
    const institutions = [...new Set(around.map((s) => s.institutionId).filter((id): id is string => !!id))];
    const rooms = (await Promise.all(institutions.map((id) => this.trainingRooms(id)))).flat();
    return detectGroupIp(around, (s) => thresholds.get(s.classId) ?? t, {
      roomsAt: (ip) => rooms.filter((r) => cidrContains(r.cidr, ip)),
      sharedCarrierAt: (ip) => this.deps.geo.locate(ip).sharedCarrier,
    }).filter((f) => f.userId === userId);
  }

  // ---- periodic ------------------------------------------------------------------------------------------------

  /** Makes sure one periodic scan is queued (called where the job runner starts). */
  async schedule(): Promise<void> {
    const queued = await this.deps.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', SCAN_JOB.id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (!queued) await this.deps.jobs.enqueue(this.deps.db, SCAN_JOB, {}, { delaySeconds: 10 });
  }

  /** The job: takes the lease, scans since the bookmark, queues the next run. */
  /** One run of SCAN_JOB. */
  async periodic(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    await db
      .insertInto('alert_scans')
      .values({
        name: 'main',
        scanned_until: new Date(now.getTime() - HOUR).toISOString(),
        locked_by: null,
        locked_until: null,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const lease = new Date(now.getTime() + 10 * MINUTE).toISOString();
    const claimed = await db
      .updateTable('alert_scans')
      .set({ locked_by: this.workerId, locked_until: lease })
      .where('name', '=', 'main')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    // Another node holds the lease and keeps its own chain of runs going.
    if (Number(claimed.numUpdatedRows) !== 1) return;
    try {
      const row = await db
        .selectFrom('alert_scans')
        .select('scanned_until')
        .where('name', '=', 'main')
        .executeTakeFirstOrThrow();
      await this.scan(Date.parse(row.scanned_until), now.getTime());
      await db
        .updateTable('alert_scans')
        .set({ scanned_until: now.toISOString() })
        .where('name', '=', 'main')
        .execute();
      // Institutions and teachers: hourly, under the same lease, with their own bookmark.
      await db
        .insertInto('alert_scans')
        .values({
          name: 'wide',
          scanned_until: new Date(now.getTime() - HOUR).toISOString(),
          locked_by: null,
          locked_until: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const wide = await db
        .selectFrom('alert_scans')
        .select('scanned_until')
        .where('name', '=', 'wide')
        .executeTakeFirstOrThrow();
      if (now.getTime() - Date.parse(wide.scanned_until) >= WIDE_SCAN_EVERY_MS) {
        await this.scanWide(Date.parse(wide.scanned_until), now.getTime());
        await db
          .updateTable('alert_scans')
          .set({ scanned_until: now.toISOString() })
          .where('name', '=', 'wide')
          .execute();
      }
    } catch (err) {
      this.deps.log?.error({ err }, 'early-warning scan failed; the next run covers the same window');
    } finally {
      await db
        .updateTable('alert_scans')
        .set({ locked_by: null, locked_until: null })
        .where('name', '=', 'main')
        .where('locked_by', '=', this.workerId)
        .execute();
      await this.deps.jobs.enqueue(db, SCAN_JOB, {}, { delaySeconds: SCAN_INTERVAL_SECONDS });
    }
  }

  /** The cross-account and face detectors over what happened since `since`, then class clusters. */
  async scan(since: number, until: number): Promise<{ findings: number; alerts: UpsertResult[] }> {
    const findings = [
      ...(await this.crossAccount(since, until)),
      ...(await this.faces(since, until)),
      // Exams (issue 16): identical answer sequences, one address for many, other faces during the exam.
      ...(await this.exams(since, until)),
    ];
    const results = await this.deps.store.upsertAll(findings);
    const clusters = await this.classClusters(since, until);
    const clusterResults = await this.deps.store.upsertAll(clusters);
    return { findings: findings.length + clusters.length, alerts: [...results, ...clusterResults] };
  }

  private async sessionFacts(
    where: (qb: SessionFactsQuery) => SessionFactsQuery,
  ): Promise<(SessionFact & { region: string })[]> {
    const rows = await where(sessionFactsQuery(this.deps.db)).limit(200_000).execute();
    return rows.map((r) => ({
      sessionId: r.id,
      userId: r.user_id,
      classId: r.class_id,
      lessonId: r.lesson_id,
      startedAt: Date.parse(r.started_at),
      lastAt: Date.parse(r.started_at),
      ip: r.ip,
      userAgent: r.user_agent,
      deviceId: r.device_id,
      webdriver: null,
      media: r.kind,
      institutionId: r.institution_id,
      recordId: null,
      region: r.region_code,
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
      const rows = await this.deps.db
        .selectFrom('learning_records')
        .select((eb) => ['session_id', eb.fn.max('at').as('last')])
        .where('session_id', 'in', ids.slice(i, i + 500))
        .where('kind', 'in', ['session_started', 'heartbeat', 'heartbeat_refused', 'check_answered'])
        .groupBy('session_id')
        .execute();
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
    const recent = await this.sessionFacts((qb) =>
      qb
        .where('learning_sessions.started_at', '>=', groupFrom)
        .where('learning_sessions.started_at', '<=', new Date(until).toISOString()),
    );
    for (const s of recent) classIds.add(s.classId);
    // Shared devices: every session of the devices that were used since the last scan, a week back.
    const devices = [...new Set(recent.filter((s) => s.startedAt >= since).map((s) => s.deviceId))];
    const deviceSessions: SessionFact[] = [];
    const weekAgo = new Date(until - SHARED_DEVICE_WINDOW_DAYS * DAY).toISOString();
    for (let i = 0; i < devices.length; i += 500) {
      deviceSessions.push(
        ...(await this.sessionFacts((qb) =>
          qb
            .where('learning_sessions.device_id', 'in', devices.slice(i, i + 500))
            .where('learning_sessions.started_at', '>=', weekAgo),
        )),
      );
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
    const rooms = await this.trainingRooms();
    const roomsAt = (ip: string): RoomFact[] => rooms.filter((r) => cidrContains(r.cidr, ip));
    const sharedCarrierAt = (ip: string) => this.deps.geo.locate(ip).sharedCarrier;
    return [
      ...detectGroupIp(recent, t, { roomsAt, sharedCarrierAt }).filter(fresh),
      ...detectSharedDevice(shared, t).filter(fresh),
    ];
  }

  /** The exam detectors; a class sitting its exam in its institution's declared room is judged by the room's seats. */
  private async exams(since: number, until: number): Promise<Finding[]> {
    const rooms = await this.trainingRooms();
    return examFindings(
      this.deps.db,
      since,
      until,
      (classId) => this.thresholdsFor(classId),
      (ip) => rooms.filter((r) => cidrContains(r.cidr, ip)),
    );
  }

  /** Every declared training room (a short list per institution; read once per scan). */
  private async trainingRooms(institutionId?: string): Promise<(RoomFact & { cidr: Cidr })[]> {
    let q = this.deps.db.selectFrom('training_rooms').select(['id', 'institution_id', 'name', 'seats', 'cidr']);
    if (institutionId) q = q.where('institution_id', '=', institutionId);
    const out: (RoomFact & { cidr: Cidr })[] = [];
    for (const r of await q.limit(100_000).execute()) {
      const parsed = parseCidr(r.cidr);
      if (parsed.ok)
        out.push({ roomId: r.id, institutionId: r.institution_id, name: r.name, seats: r.seats, cidr: parsed.cidr });
    }
    return out;
  }

  private async faces(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const sinceIso = new Date(since).toISOString();
    const checked = await db
      .selectFrom('face_checks')
      .select('user_id')
      .distinct()
      .where('at', '>=', sinceIso)
      .limit(20_000)
      .execute();
    const alerted = await db
      .selectFrom('face_alerts')
      .select(['user_id', 'other_user_id'])
      .where('created_at', '>=', sinceIso)
      .limit(20_000)
      .execute();
    const users = new Set([
      ...checked.map((r) => r.user_id),
      ...alerted.flatMap((r) => [r.user_id, r.other_user_id].filter((u): u is string => !!u)),
    ]);
    const findings: Finding[] = [];
    const windowFrom = new Date(until - FACE_MISMATCH_WINDOW_DAYS * DAY).toISOString();
    for (const userId of users) {
      const checks: FaceCheckFact[] = (
        await db
          .selectFrom('face_checks')
          .select(['id', 'user_id', 'at', 'result', 'reason', 'distance', 'context_id'])
          .where('user_id', '=', userId)
          .where('at', '>=', windowFrom)
          .orderBy('at')
          .execute()
      ).map((c) => ({
        id: c.id,
        userId: c.user_id,
        at: Date.parse(c.at),
        result: c.result,
        reason: c.reason,
        distance: c.distance === null ? null : Number(c.distance),
        contextId: c.context_id,
      }));
      const alerts: FaceAlertFact[] = (
        await db
          .selectFrom('face_alerts')
          .select(['id', 'kind', 'user_id', 'other_user_id', 'created_at', 'distance'])
          .where((eb) => eb.or([eb('user_id', '=', userId), eb('other_user_id', '=', userId)]))
          .execute()
      ).map((a) => ({
        id: a.id,
        kind: a.kind,
        userId: a.user_id,
        otherUserId: a.other_user_id,
        at: Date.parse(a.created_at),
        distance: Number(a.distance),
      }));
      const missedRows = await db
        .selectFrom('learning_records')
        .select(['id', 'session_id', 'at', 'data'])
        .where('user_id', '=', userId)
        .where('kind', '=', 'check_missed')
        .where('at', '>=', windowFrom)
        .execute();
      const missed: CheckFact[] = missedRows.map((m) => {
        const d = decodeRecordOf('check_missed', m);
        return {
          recordId: m.id,
          sessionId: m.session_id,
          checkId: d.checkId,
          kind: d.kind,
          event: 'missed' as const,
          at: Date.parse(m.at),
          result: null,
        };
      });
      // Face checks while learning name the learning session; the class is the session's.
      const contexts = [
        ...new Set(
          [...checks.map((c) => c.contextId), ...missed.map((m) => m.sessionId)].filter((c): c is string => !!c),
        ),
      ];
      const classOfSession = new Map<string, string>();
      for (let i = 0; i < contexts.length; i += 500) {
        for (const s of await db
          .selectFrom('learning_sessions')
          .select(['id', 'class_id'])
          .where('id', 'in', contexts.slice(i, i + 500))
          .execute())
          classOfSession.set(s.id, s.class_id);
      }
      const classOf = (id: string | null) => (id ? (classOfSession.get(id) ?? null) : null);
      const t = await this.thresholdsFor([...classOfSession.values()][0] ?? null);
      findings.push(
        ...detectFaceFailures(userId, checks, missed, t, classOf),
        ...detectFaceMismatch(userId, checks, alerts, t, classOf),
        ...detectSharedFace(userId, alerts, classOf),
      );
    }
    return findings;
  }

  // ---- institutions and teachers (hourly) --------------------------------------------------------------------

  /**
   * The institution and teacher detectors over what changed since `since`: institutions whose learners or classes
   * were flagged or who learned since then, offline sessions whose check-in window touches the interval. Windows are
   * keyed (a week, a month, an offline session), so running again over the same data changes nothing.
   */
  async scanWide(since: number, until: number): Promise<{ findings: number; alerts: UpsertResult[] }> {
    const findings = [...(await this.institutionFindings(since, until)), ...(await this.teacherFindings(since, until))];
    return { findings: findings.length, alerts: await this.deps.store.upsertAll(findings) };
  }

  /** The institution's region's current policy (read per run: a newly published version applies at once). */
  private async institutionThresholds(regionCode: string, cache: Map<string, Thresholds>): Promise<Thresholds> {
    const cached = cache.get(regionCode);
    if (cached) return cached;
    const t = thresholdsOf((await this.deps.policies.effective(this.deps.db, regionCode)).document);
    cache.set(regionCode, t);
    return t;
  }

  private async institutionFindings(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const sinceIso = new Date(since).toISOString();
    const flaggedSince = await db
      .selectFrom('alerts')
      .select('institution_id')
      .distinct()
      .where('subject_type', 'in', ['learner', 'class'])
      .where('last_seen_at', '>=', sinceIso)
      .where('institution_id', 'is not', null)
      .limit(20_000)
      .execute();
    const learnedSince = await db
      .selectFrom('learning_sessions')
      .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
      .select('classes.institution_id')
      .distinct()
      .where('learning_sessions.started_at', '>=', sinceIso)
      .limit(20_000)
      .execute();
    const ids = [
      ...new Set([...flaggedSince, ...learnedSince].map((r) => r.institution_id).filter((id): id is string => !!id)),
    ];
    const weekFrom = new Date(until - 7 * DAY).toISOString();
    const monthFrom = new Date(until - 30 * DAY).toISOString();
    const findings: Finding[] = [];
    const byRegion = new Map<string, Thresholds>();
    for (const institutionId of ids) {
      const inst = await db
        .selectFrom('institutions')
        .select(['id', 'region_code'])
        .where('id', '=', institutionId)
        .executeTakeFirst();
      if (!inst) continue;
      const t = await this.institutionThresholds(inst.region_code, byRegion);
      const { n: active } = await db
        .selectFrom('enrolments')
        .innerJoin('classes', 'classes.id', 'enrolments.class_id')
        .select((eb) => eb.fn.count<number>('enrolments.user_id').distinct().as('n'))
        .where('classes.institution_id', '=', institutionId)
        .where('classes.status', '=', 'approved')
        .where('enrolments.status', '=', 'enrolled')
        .executeTakeFirstOrThrow();
      const learnerAlerts: LearnerAlertFact[] = (
        await db
          .selectFrom('alerts')
          .select(['id', 'user_id', 'kind', 'severity', 'status', 'last_seen_at'])
          .where('institution_id', '=', institutionId)
          .where('subject_type', '=', 'learner')
          .where('last_seen_at', '>=', weekFrom)
          .limit(50_000)
          .execute()
      )
        .filter((r) => r.user_id)
        .map((r) => ({
          alertId: r.id,
          userId: r.user_id!,
          kind: r.kind,
          severity: r.severity,
          status: r.status,
          at: Date.parse(r.last_seen_at),
        }));
      findings.push(
        ...detectInstitutionFlaggedLearners(institutionId, Number(active), learnerAlerts, t, isoWeek(until)),
      );

      const clusters = (
        await db
          .selectFrom('alerts')
          .select(['id', 'class_id', 'severity', 'status', 'last_seen_at'])
          .where('institution_id', '=', institutionId)
          .where('kind', '=', 'class_cluster')
          .where('last_seen_at', '>=', monthFrom)
          .execute()
      )
        .filter((r) => r.class_id)
        .map((r) => ({
          alertId: r.id,
          classId: r.class_id!,
          severity: r.severity,
          status: r.status,
          at: Date.parse(r.last_seen_at),
        }));
      const { n: classCount } = await db
        .selectFrom('classes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('institution_id', '=', institutionId)
        .where('status', 'in', ['approved', 'closed'])
        .executeTakeFirstOrThrow();
      findings.push(...detectInstitutionClusters(institutionId, clusters, Number(classCount), t, monthKey(until)));

      const pairs = await db
        .selectFrom('learning_sessions')
        .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
        .select((eb) => [
          'learning_sessions.user_id',
          'learning_sessions.ip',
          eb.fn.countAll<number>().as('n'),
          eb.fn.min('learning_sessions.started_at').as('first'),
          eb.fn.max('learning_sessions.started_at').as('last'),
        ])
        .where('classes.institution_id', '=', institutionId)
        .where('learning_sessions.started_at', '>=', weekFrom)
        .where('learning_sessions.started_at', '<=', new Date(until).toISOString())
        .groupBy(['learning_sessions.user_id', 'learning_sessions.ip'])
        .limit(200_000)
        .execute();
      const rooms = await this.trainingRooms(institutionId);
      findings.push(
        ...detectInstitutionIpConcentration(
          institutionId,
          pairs.map((r) => ({
            userId: r.user_id,
            ip: r.ip,
            sessions: Number(r.n),
            firstAt: Date.parse(String(r.first)),
            lastAt: Date.parse(String(r.last)),
          })),
          (ip) => rooms.some((r) => cidrContains(r.cidr, ip)),
          t,
          isoWeek(until),
        ),
      );
    }
    return findings;
  }

  /** Offline sessions whose check-in window (30 min before the start to 30 min after the end) touches the interval. */
  private async teacherFindings(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const margin = 30 * MINUTE;
    const sessions = await db
      .selectFrom('class_sessions')
      .select(['id', 'class_id', 'title', 'starts_at', 'ends_at'])
      .where('ends_at', '>=', new Date(since - margin).toISOString())
      .where('starts_at', '<=', new Date(until + margin).toISOString())
      .limit(20_000)
      .execute();
    const findings: Finding[] = [];
    for (const s of sessions) {
      const rows = await db
        .selectFrom('attendance')
        .select(['id', 'user_id', 'check_in_at', 'check_in_latitude', 'check_in_longitude'])
        .where('session_id', '=', s.id)
        .execute();
      const attempts = await db
        .selectFrom('face_checks')
        .innerJoin('enrolments', 'enrolments.user_id', 'face_checks.user_id')
        .select(['face_checks.id', 'face_checks.user_id', 'face_checks.at', 'face_checks.result', 'face_checks.reason'])
        .where('enrolments.class_id', '=', s.class_id)
        .where('face_checks.context_kind', '=', 'attendance')
        .where('face_checks.at', '>=', new Date(Date.parse(s.starts_at) - margin).toISOString())
        .where('face_checks.at', '<=', new Date(Date.parse(s.ends_at) + margin).toISOString())
        .execute();
      if (rows.length === 0 && attempts.length === 0) continue;
      const teacherIds = (
        await db.selectFrom('class_teachers').select('user_id').where('class_id', '=', s.class_id).execute()
      ).map((r) => r.user_id);
      if (teacherIds.length === 0) continue;
      // Who sent each check-in: its audit entry keeps the request's address and browser.
      const sent = new Map<string, { ip: string | null; user_agent: string | null }>();
      for (let i = 0; i < rows.length; i += 500) {
        const audit = await db
          .selectFrom('audit_log')
          .select(['target_id', 'ip', 'user_agent'])
          .where('action', '=', 'attendance.checked_in')
          .where('target_type', '=', 'attendance')
          .where(
            'target_id',
            'in',
            rows.slice(i, i + 500).map((r) => r.id),
          )
          .execute();
        for (const a of audit) if (a.target_id) sent.set(a.target_id, a);
      }
      const checkIns: CheckInFact[] = rows.map((r) => ({
        attendanceId: r.id,
        userId: r.user_id,
        at: Date.parse(r.check_in_at),
        latitude: Number(r.check_in_latitude),
        longitude: Number(r.check_in_longitude),
        userAgent: sent.get(r.id)?.user_agent ?? null,
        ip: sent.get(r.id)?.ip ?? null,
      }));
      const faces: AttendanceFaceFact[] = attempts.map((f) => ({
        faceCheckId: f.id,
        userId: f.user_id,
        at: Date.parse(f.at),
        result: f.result,
        reason: f.reason,
      }));
      const t = await this.thresholdsFor(s.class_id);
      findings.push(
        ...detectAttendanceAnomalies(
          {
            sessionId: s.id,
            classId: s.class_id,
            title: s.title,
            startsAt: Date.parse(s.starts_at),
            endsAt: Date.parse(s.ends_at),
            teacherIds,
          },
          checkIns,
          faces,
          t,
        ),
      );
    }
    return findings;
  }

  private async classClusters(since: number, until: number): Promise<Finding[]> {
    const { db } = this.deps;
    const touched = await db
      .selectFrom('alerts')
      .select('class_id')
      .distinct()
      .where('subject_type', '=', 'learner')
      .where('last_seen_at', '>=', new Date(since).toISOString())
      .where('class_id', 'is not', null)
      .limit(5000)
      .execute();
    const findings: Finding[] = [];
    const weekFrom = new Date(until - 7 * DAY).toISOString();
    for (const { class_id } of touched) {
      if (!class_id) continue;
      const rows = await db
        .selectFrom('alerts')
        .select(['id', 'user_id', 'kind', 'severity', 'status', 'last_seen_at'])
        .where('class_id', '=', class_id)
        .where('subject_type', '=', 'learner')
        .where('last_seen_at', '>=', weekFrom)
        .execute();
      const { n } = await db
        .selectFrom('enrolments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('class_id', '=', class_id)
        .where('status', '=', 'enrolled')
        .executeTakeFirstOrThrow();
      const facts: LearnerAlertFact[] = rows
        .filter((r) => r.user_id)
        .map((r) => ({
          alertId: r.id,
          userId: r.user_id!,
          kind: r.kind,
          severity: r.severity,
          status: r.status,
          at: Date.parse(r.last_seen_at),
        }));
      findings.push(...detectClassCluster(class_id, Number(n), facts, isoWeek(until)));
    }
    return findings;
  }
}

function monthKey(ms: number): string {
  return `month:${beijingDate(ms).slice(0, 7)}`;
}

function triggerReason(record: RecordRow): boolean {
  const evidence = decodeRecord(record);
  return evidence.kind === 'heartbeat' && evidence.data.reason !== null && TRIGGER_REASONS.has(evidence.data.reason);
}

function isoWeek(ms: number): string {
  const day = new Date(ms + CST_OFFSET_MS);
  const monday = new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * DAY,
  );
  return `week:${monday.toISOString().slice(0, 10)}`;
}
