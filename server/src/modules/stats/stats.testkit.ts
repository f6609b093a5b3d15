import type { Platform } from '../../bootstrap.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import {
  chain,
  chainHeadOf,
  evidenceDraft,
  type Evidence,
  type EvidenceData,
  type EvidenceKind,
  type RecordDraft,
} from '../learning/index.js';

// A statistics world for tests: one running class of each demo institution (Hangzhou's Xihu school, Ningbo's Haishu
// company), a course of two document lessons, rosters, and learning evidence written the way the engine writes it
// (a session row and hash-chained records), at the times a test chooses.

export type StatsWorld = {
  institutions: { A: string; B: string };
  classes: { A: string; B: string; A2: string };
  course: string;
  lessons: [string, string];
  learners: { a1: string; a2: string; a3: string; b1: string; b2: string };
};

const userByPhone = async (p: Platform, phone: string) =>
  (
    await p.services.infra.db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
      .executeTakeFirstOrThrow()
  ).id;

export async function createStatsWorld(p: Platform): Promise<StatsWorld> {
  const { db, clock } = p.services.infra;
  const now = clock.now();
  const at = now.toISOString();
  const institutions = await db.selectFrom('institutions').select(['id', 'region_code']).execute();
  const A = institutions.find((i) => i.region_code === '330106')!.id;
  const B = institutions.find((i) => i.region_code === '330203')!.id;
  const admin = await userByPhone(p, '13900000021');
  const course = newId();
  const chapter = newId();
  const lessons: [string, string] = [newId(), newId()];
  await db
    .insertInto('courses')
    .values({
      id: course,
      institution_id: null,
      occupation_code: null,
      level: null,
      category_code: null,
      general_module_code: null,
      title: '安全生产通识',
      summary: '',
      status: 'published',
      search_tokens: '',
      created_by: admin,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db.insertInto('chapters').values({ id: chapter, course_id: course, title: '第一章', sort: 1 }).execute();
  await db
    .insertInto('lessons')
    .values(
      lessons.map((id, i) => ({
        id,
        course_id: course,
        chapter_id: chapter,
        title: `第 ${i + 1} 讲`,
        kind: 'document' as const,
        media_id: null,
        document_minutes: 30,
        sort: i + 1,
      })),
    )
    .execute();

  const klass = async (institutionId: string, region: string, name: string, occupation: string) => {
    const id = newId();
    await db
      .insertInto('classes')
      .values({
        id,
        institution_id: institutionId,
        region_code: region,
        name,
        occupation_code: occupation,
        level: 5,
        start_date: beijingDate(new Date(now.getTime() - 20 * 86_400_000)),
        end_date: beijingDate(new Date(now.getTime() + 40 * 86_400_000)),
        offline_hours: 4,
        assessment_plan: '理论考试',
        self_enrol: 0,
        capacity: 50,
        status: 'approved',
        policy_refs: null,
        submitted_at: at,
        review_due_at: at,
        decided_at: at,
        decided_by: null,
        created_by: admin,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db.insertInto('class_courses').values({ class_id: id, course_id: course, sort: 1 }).execute();
    return id;
  };
  const classes = {
    A: await klass(A, '330106', '电工（五级）统计测试班', '6-31-01-03'),
    B: await klass(B, '330203', '家电维修（四级）统计测试班', '4-12-03-01'),
    A2: await klass(A, '330106', '家电维修（五级）统计测试班', '4-12-03-01'),
  };
  const learners = {
    a1: await userByPhone(p, '13800000001'),
    a2: await userByPhone(p, '13800000002'),
    a3: await userByPhone(p, '13800000003'),
    b1: await userByPhone(p, '13800000011'),
    b2: await userByPhone(p, '13800000012'),
  };
  const enrol = (classId: string, userIds: string[]) =>
    db
      .insertInto('enrolments')
      .values(
        userIds.map((user_id) => ({
          id: newId(),
          class_id: classId,
          user_id,
          status: 'enrolled' as const,
          source: 'manual' as const,
          created_by: admin,
          created_at: at,
        })),
      )
      .execute();
  await enrol(classes.A, [learners.a1, learners.a2, learners.a3]);
  await enrol(classes.A2, [learners.a1]);
  await enrol(classes.B, [learners.b1, learners.b2]);
  return { institutions: { A, B }, classes, course, lessons, learners };
}

export type SessionScript = {
  userId: string;
  classId: string;
  course: string;
  lesson: string;
  startAt: Date;
  /** Credit of each accepted heartbeat, 20 s apart. */
  beats: number[];
  refused?: number;
  deviceId?: string;
  ip?: string;
  /** A code check issued after the beats, and how it went. */
  check?: 'passed' | 'failed' | 'missed';
  end?: 'ended' | 'open';
  /** Ended by a start of the same learner on this device instead of an end. */
  supersededBy?: { deviceId: string; ip: string };
};

/** Writes one lesson session as the engine would: the session row and its records on the learner's chain. */
export async function writeSession(p: Platform, s: SessionScript): Promise<string> {
  const db = p.services.infra.db;
  const id = newId();
  let t = s.startAt.getTime();
  const iso = () => new Date(t).toISOString();
  const draft = <K extends EvidenceKind>(kind: K, data: EvidenceData<K>, credited = 0): RecordDraft =>
    evidenceDraft({ userId: s.userId, sessionId: id, at: iso() }, { kind, data } as Evidence, credited);
  const drafts: RecordDraft[] = [
    draft('session_started', {
      classId: s.classId,
      courseId: s.course,
      lessonId: s.lesson,
      durationMs: 600_000,
      positionMs: 0,
      deviceId: s.deviceId ?? 'device-1',
      ip: s.ip ?? '10.1.2.3',
      userAgent: 'Mozilla/5.0',
    }),
  ];
  s.beats.forEach((credited, i) => {
    t += 20_000;
    drafts.push(draft('heartbeat', { seq: i + 1, positionMs: (i + 1) * 20_000, reason: null }, credited));
  });
  for (let i = 0; i < (s.refused ?? 0); i++) {
    t += 1_000;
    drafts.push(draft('heartbeat_refused', { seq: 1, positionMs: 999_000, reason: 'duplicate' }));
  }
  if (s.check) {
    t += 1_000;
    drafts.push(
      draft('check_issued', {
        checkId: `chk-${id}`,
        kind: 'code',
        code: '1234',
        deadline: new Date(t + 60_000).toISOString(),
      }),
    );
    t += 5_000;
    if (s.check === 'missed')
      drafts.push(draft('check_missed', { checkId: `chk-${id}`, kind: 'code', deadline: new Date(t).toISOString() }));
    else
      drafts.push(
        draft('check_answered', { checkId: `chk-${id}`, kind: 'code', result: s.check, attempt: 1, committedMs: 0 }),
      );
  }
  if (s.supersededBy) {
    t += 1_000;
    drafts.push(
      draft('session_superseded', {
        bySession: 'next',
        lessonId: s.lesson,
        deviceId: s.supersededBy.deviceId,
        ip: s.supersededBy.ip,
        heldMsDropped: 0,
      }),
    );
  } else if (s.end !== 'open') {
    t += 1_000;
    drafts.push(draft('session_ended', { creditedMs: s.beats.reduce((a, b) => a + b, 0), heldMsDropped: 0 }));
  }
  const linked = chain(await chainHeadOf(db, s.userId), drafts);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('learning_sessions')
      .values({
        id,
        user_id: s.userId,
        class_id: s.classId,
        course_id: s.course,
        lesson_id: s.lesson,
        login_session_id: null,
        started_at: s.startAt.toISOString(),
        ip: s.ip ?? '10.1.2.3',
        user_agent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
        device_id: s.deviceId ?? 'device-1',
        start_position_ms: 0,
      })
      .execute();
    await trx.insertInto('learning_records').values(linked.rows).execute();
  });
  return id;
}
