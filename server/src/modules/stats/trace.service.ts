import type { Kysely } from 'kysely';
import { containsText } from '../../adapters/db.js';
import type { GeoLocator } from '../../adapters/geoip.js';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/index.js';
import { canSeeClass, classScope } from '../classes/index.js';
import { decodeRecord } from '../learning/index.js';
import type { FaceEvidence } from '../faces/index.js';
import { canSeeUser, userScope } from '../identity/index.js';
import { statsPermissions } from './stats.scope.js';
import { attachFaceChecks, describeDevice, sessionEvents, type CheckTrace, type SessionEvents } from './trace.js';

export type TracedLearner = {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: string;
  institutionName: string | null;
  regionName: string | null;
};
export type FaceCheckTrace = {
  id: string;
  at: string;
  result: string;
  reason: string | null;
  distance: number | null;
  threshold: number;
  hasPhoto: boolean;
  context: string;
};
export type SessionTrace = {
  id: string;
  classId: string;
  className: string;
  courseTitle: string;
  lessonTitle: string;
  startedAt: string;
  lastAt: string;
  end: SessionEvents['end'];
  ip: string;
  place: string | null;
  deviceId: string;
  device: string;
  userAgent: string;
  creditedMs: number;
  heartbeats: number;
  refused: SessionEvents['refused'];
  checks: CheckTrace[];
  faceChecks: FaceCheckTrace[];
};
export type Timeline = {
  learner: TracedLearner;
  classes: { id: string; name: string; institutionName: string; status: string }[];
  sessions: SessionTrace[];
  /** Face checks of no listed session (attendance check-ins, checks outside the period shown). */
  otherFaceChecks: FaceCheckTrace[];
  totals: {
    sessions: number;
    creditedMs: number;
    refused: number;
    checks: number;
    checksPassed: number;
    checksFailed: number;
    faceChecksPassed: number;
    faceChecksFailed: number;
  };
  /** Why places are empty: no offline IP geolocation database is wired (private addresses have no place either). */
  placeNote: 'geoip_unavailable' | null;
  truncated: boolean;
  maySeePhotos: boolean;
};

const SESSION_LIMIT = 300;

/**
 * Traceability of a learner (可追溯): every lesson session in the classes the actor supervises, with where it came
 * from, what the server credited, every check and answer, refused reports and face checks with their photos. Scope is
 * the class (institution staff: their classes; regulators: classes of their region subtree; the operator: all), as
 * in LearningRecordsService; a learner is found when the actor sees them or supervises a class they are enrolled in.
 */
export class TraceService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      cipher: PiiCipher;
      audit: AuditService;
      faceEvidence: FaceEvidence;
      geo?: GeoLocator;
    },
  ) {}

  /** Province and city of an address from the offline database; null for private addresses or without one. */
  private place(ip: string): string | null {
    try {
      return this.deps.geo?.locate(ip).label || null;
    } catch {
      return null;
    }
  }

  /** The enrolments through which an actor reaches learners: those of the classes it may see (`classScope`). */
  private visibleEnrolments(actor: Actor) {
    return this.deps.db
      .selectFrom('enrolments')
      .innerJoin('classes', 'classes.id', 'enrolments.class_id')
      .select('enrolments.user_id')
      .where((eb) => classScope.where(eb, actor));
  }

  async search(
    actor: Actor,
    query: { q?: string; page: number; pageSize: number },
  ): Promise<{ items: TracedLearner[]; total: number }> {
    requirePermission(actor, statsPermissions['stats.trace']);
    const { db, cipher } = this.deps;
    let qb = db
      .selectFrom('users')
      .leftJoin('institutions', 'institutions.id', 'users.institution_id')
      .leftJoin('regions', 'regions.code', 'users.region_code')
      .select([
        'users.id',
        'users.name',
        'users.id_number_masked',
        'users.phone_masked',
        'users.status',
        'institutions.name as institution_name',
        'regions.name as region_name',
      ])
      .where('users.role', '=', 'learner');
    // A learner is reached directly (`userScope`, as in canSeeUser) or through a class the actor may see.
    qb = qb.where((eb) => eb.or([userScope.where(eb, actor), eb('users.id', 'in', this.visibleEnrolments(actor))]));
    const q = query.q?.trim();
    if (q) {
      qb = qb.where((eb) =>
        eb.or([
          containsText('users.name', q),
          eb('users.phone_hash', '=', cipher.lookupHash('phone', q)),
          eb('users.id_number_hash', '=', cipher.lookupHash('id', q.toUpperCase())),
        ]),
      );
    }
    const { total } = await qb
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await qb
      .orderBy('users.name')
      .orderBy('users.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(learnerRow), total: Number(total) };
  }

  /** The learner if the actor reaches them (see `search`); NOT_FOUND otherwise. */
  private async learner(actor: Actor, userId: string) {
    const row = await this.deps.db
      .selectFrom('users')
      .leftJoin('institutions', 'institutions.id', 'users.institution_id')
      .leftJoin('regions', 'regions.code', 'users.region_code')
      .select([
        'users.id',
        'users.name',
        'users.role',
        'users.id_number_masked',
        'users.phone_masked',
        'users.status',
        'users.region_code',
        'users.institution_id',
        'institutions.name as institution_name',
        'regions.name as region_name',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!row || row.role !== 'learner') throw new AppError('NOT_FOUND');
    const direct = canSeeUser(actor, row);
    if (!direct) {
      const via = await this.visibleEnrolments(actor).where('enrolments.user_id', '=', userId).executeTakeFirst();
      if (!via) throw new AppError('NOT_FOUND');
    }
    return { row, direct };
  }

  async timeline(actor: Actor, userId: string, period: { from?: string; to?: string } = {}): Promise<Timeline> {
    requirePermission(actor, statsPermissions['stats.trace']);
    const { db } = this.deps;
    const { row, direct } = await this.learner(actor, userId);
    const classes = (
      await db
        .selectFrom('enrolments')
        .innerJoin('classes', 'classes.id', 'enrolments.class_id')
        .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
        .select([
          'classes.id',
          'classes.name',
          'classes.status',
          'classes.region_code',
          'classes.institution_id',
          'institutions.name as institution_name',
        ])
        .where('enrolments.user_id', '=', userId)
        .execute()
    ).filter((c) => canSeeClass(actor, c));
    const classIds = classes.map((c) => c.id);

    let sq = db
      .selectFrom('learning_sessions')
      .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
      .innerJoin('courses', 'courses.id', 'learning_sessions.course_id')
      .select([
        'learning_sessions.id',
        'learning_sessions.class_id',
        'learning_sessions.started_at',
        'learning_sessions.ip',
        'learning_sessions.user_agent',
        'learning_sessions.device_id',
        'lessons.title as lesson_title',
        'courses.title as course_title',
      ])
      .where('learning_sessions.user_id', '=', userId)
      .where('learning_sessions.class_id', 'in', classIds.length ? classIds : ['-']);
    if (period.from) sq = sq.where('learning_sessions.started_at', '>=', period.from);
    if (period.to) sq = sq.where('learning_sessions.started_at', '<', period.to);
    const found = await sq
      .orderBy('learning_sessions.started_at', 'desc')
      .limit(SESSION_LIMIT + 1)
      .execute();
    const truncated = found.length > SESSION_LIMIT;
    const sessions = found.slice(0, SESSION_LIMIT);
    const ids = sessions.map((s) => s.id);

    const tallies: {
      session_id: string;
      kind: string;
      n: string | number;
      credited: string | number | null;
      last_at: unknown;
    }[] = [];
    const events: { session_id: string; kind: string; at: string; data: string }[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      tallies.push(
        ...(await db
          .selectFrom('learning_records')
          .select((eb) => [
            'session_id',
            'kind',
            eb.fn.countAll<string | number>().as('n'),
            eb.fn.sum<string | number>('credited_ms').as('credited'),
            eb.fn.max('at').as('last_at'),
          ])
          .where('user_id', '=', userId)
          .where('session_id', 'in', part)
          .groupBy(['session_id', 'kind'])
          .execute()),
      );
      // Heartbeats are counted, not listed: they are most of the chain and the credit they carry is in the tally.
      events.push(
        ...(await db
          .selectFrom('learning_records')
          .select(['session_id', 'kind', 'at', 'data'])
          .where('user_id', '=', userId)
          .where('session_id', 'in', part)
          .where('kind', '!=', 'heartbeat')
          .orderBy('chain_seq')
          .execute()),
      );
    }

    const spans = sessions.map((s) => {
      const mine = tallies.filter((t) => t.session_id === s.id);
      const lastAt = mine.reduce((last, t) => (String(t.last_at) > last ? String(t.last_at) : last), s.started_at);
      return { id: s.id, startedAt: s.started_at, lastAt };
    });
    const first = spans.reduce((min, s) => (s.startedAt < min ? s.startedAt : min), '9999');
    const faceRows = await db
      .selectFrom('face_checks')
      .select(['id', 'at', 'result', 'reason', 'distance', 'threshold', 'photo_key', 'context_kind', 'context_id'])
      .where('user_id', '=', userId)
      .$if(!!period.from, (q) => q.where('at', '>=', period.from!))
      .$if(!!period.to, (q) => q.where('at', '<', period.to!))
      .orderBy('at', 'desc')
      .limit(1000)
      .execute();
    const learningChecks = faceRows.filter((f) => f.context_kind === 'learning' && f.at >= first);
    const owner = attachFaceChecks(
      spans,
      learningChecks.map((f) => ({ id: f.id, at: f.at, contextId: f.context_id })),
    );
    const faceView = (f: (typeof faceRows)[number]): FaceCheckTrace => ({
      id: f.id,
      at: f.at,
      result: f.result,
      reason: f.reason,
      distance: f.distance === null ? null : Math.round(Number(f.distance) * 1000) / 1000,
      threshold: Number(f.threshold),
      hasPhoto: !!f.photo_key,
      context: f.context_kind,
    });

    const className = new Map(classes.map((c) => [c.id, c.name]));
    const traces: SessionTrace[] = sessions.map((s, i) => {
      const mine = tallies.filter((t) => t.session_id === s.id);
      const count = (kind: string) => Number(mine.find((t) => t.kind === kind)?.n ?? 0);
      const ev = sessionEvents(
        events.filter((e) => e.session_id === s.id).map((e) => ({ ...decodeRecord(e), at: e.at })),
      );
      return {
        id: s.id,
        classId: s.class_id,
        className: className.get(s.class_id) ?? '',
        courseTitle: s.course_title,
        lessonTitle: s.lesson_title,
        startedAt: s.started_at,
        lastAt: spans[i].lastAt,
        end: ev.end,
        ip: s.ip,
        place: this.place(s.ip),
        deviceId: s.device_id,
        device: describeDevice(s.user_agent),
        userAgent: s.user_agent,
        creditedMs: mine.reduce((sum, t) => sum + Number(t.credited ?? 0), 0),
        heartbeats: count('heartbeat'),
        refused: ev.refused,
        checks: ev.checks,
        faceChecks: learningChecks
          .filter((f) => owner.get(f.id) === s.id)
          .map(faceView)
          .reverse(),
      };
    });
    // Face checks of no visible session are the learner's own business of their institution (or the regulator above it).
    const other = direct
      ? faceRows.filter((f) => !(f.context_kind === 'learning' && owner.get(f.id))).map(faceView)
      : [];
    const all = traces.flatMap((t) => t.faceChecks);
    const checks = traces.flatMap((t) => t.checks);
    return {
      learner: learnerRow(row),
      classes: classes.map((c) => ({ id: c.id, name: c.name, institutionName: c.institution_name, status: c.status })),
      sessions: traces,
      otherFaceChecks: other,
      totals: {
        sessions: traces.length,
        creditedMs: traces.reduce((sum, t) => sum + t.creditedMs, 0),
        refused: traces.reduce((sum, t) => sum + t.refused.length, 0),
        checks: checks.length,
        checksPassed: checks.filter((c) => c.outcome === 'passed').length,
        checksFailed: checks.filter((c) => c.outcome === 'failed' || c.outcome === 'missed').length,
        faceChecksPassed: all.filter((f) => f.result === 'pass').length,
        faceChecksFailed: all.filter((f) => f.result !== 'pass').length,
      },
      placeNote: this.deps.geo ? null : 'geoip_unavailable',
      truncated,
      maySeePhotos: actor.role === 'regulator' || actor.role === 'institution_admin',
    };
  }

  /** A face check's photo, decrypted; regulators and the learner's institution only, every viewing audited. */
  async faceCheckPhoto(
    actor: Actor,
    checkId: string,
    meta: RequestMeta,
  ): Promise<{ bytes: Buffer; contentType: string }> {
    requirePermission(actor, statsPermissions['stats.trace_photos']);
    const { db } = this.deps;
    const check = await db
      .selectFrom('face_checks')
      .select(['id', 'user_id', 'photo_key', 'result', 'context_kind', 'context_id', 'at'])
      .where('id', '=', checkId)
      .executeTakeFirst();
    if (!check) throw new AppError('NOT_FOUND');
    const { row } = await this.learner(actor, check.user_id);
    if (!check.photo_key) throw new AppError('NOT_FOUND');
    await this.deps.audit.record(db, {
      actor,
      action: 'face.check_photo_viewed',
      targetType: 'face_check',
      targetId: check.id,
      institutionId: row.institution_id,
      regionCode: row.region_code,
      meta,
      details: { userId: row.id, result: check.result, context: check.context_kind, at: check.at },
    });
    const bytes = await this.deps.faceEvidence.readPhoto(check.photo_key);
    return { bytes, contentType: /\.png\.enc$/.test(check.photo_key) ? 'image/png' : 'image/jpeg' };
  }
}

function learnerRow(r: {
  id: string;
  name: string;
  id_number_masked: string;
  phone_masked: string;
  status: string;
  institution_name: string | null;
  region_name: string | null;
}): TracedLearner {
  return {
    id: r.id,
    name: r.name,
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    status: r.status,
    institutionName: r.institution_name ?? null,
    regionName: r.region_name ?? null,
  };
}
