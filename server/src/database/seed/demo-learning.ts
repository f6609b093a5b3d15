import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { beijingDate, addDays } from '../../platform/time.js';
import { sealBytes } from '../../platform/crypto.js';
import {
  chain,
  chainHeadOf,
  evidenceDraft,
  type Evidence,
  type EvidenceData,
  type EvidenceKind,
  type RecordDraft,
  type RecordRow,
} from '../../modules/learning/index.js';
import { newId } from '../../platform/ids.js';
import type { Services } from '../../services.js';
import { practiceSessions, seedTeacherQualifications, sessionsClassHours, type DemoVenue } from './demo-classes.js';

// Demo learning history for the supervision consoles (dashboards, learning trace, self-inspection), kept apart from
// the rest of the demo: one class of each demo institution that has been running for three weeks — electricians in
// Hangzhou (learners 13800000004–09) and appliance repairers in Ningbo (13800000011–16) — with two weeks of lesson
// sessions written the way the learning engine writes them (session rows, hash-chained records, progress, daily
// totals), some refused reports, checks missed or failed, a start from a second device, and face checks with photos
// (portraits cut from the sample photos that ship with @vladmandic/face-api). Only document lessons are used: their length is known
// before the demo videos finish transcoding. Idempotent: a class already there (by name) is left alone.

const BEAT_MS = 20_000;

type DemoLearningClass = {
  institutionRegion: string;
  name: string;
  occupationCode: string;
  level: number;
  courseTitle: string;
  phones: string[];
  ips: string[];
  teacherPhone: string;
  practice: string[];
  venue: DemoVenue;
};

const CLASSES: DemoLearningClass[] = [
  {
    institutionRegion: '330106',
    name: '电工（五级）2026 年第 2 期',
    occupationCode: '6-31-01-03',
    level: 5,
    courseTitle: '电工（五级）安全用电与电工基础',
    phones: ['13800000004', '13800000005', '13800000006', '13800000007', '13800000008', '13800000009'],
    ips: ['115.236.16.', '122.224.90.', '60.191.36.'],
    teacherPhone: '13900000031',
    practice: ['照明线路安装实操', '低压配电与电动机控制实操', '电工仪表使用实操'],
    venue: {
      venue_name: '西湖职业技能实训基地',
      address: '杭州市西湖区文三路 90 号',
      latitude: 30.2775,
      longitude: 120.1378,
    },
  },
  {
    institutionRegion: '330203',
    name: '家用电器产品维修工（四级）2026 年春季班',
    occupationCode: '4-12-03-01',
    level: 4,
    courseTitle: '家用电器产品维修工（四级）空调与冰箱维修',
    phones: ['13800000011', '13800000012', '13800000013', '13800000014', '13800000015', '13800000016'],
    ips: ['60.190.23.', '115.238.4.', '61.175.200.'],
    teacherPhone: '13900000032',
    practice: ['空调安装与检修实操', '冰箱制冷系统检修实操', '售后服务情景演练'],
    venue: {
      venue_name: '海曙家电维修实训中心',
      address: '宁波市海曙区望春工业园区 8 号',
      latitude: 29.8746,
      longitude: 121.5003,
    },
  },
];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49',
  'Mozilla/5.0 (Linux; Android 14; V2307A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];

// Webcam-like portraits cut from the group photos (one face each): sample number and the 600×450 box of the face.
const PORTRAITS: [number, number, number][] = [
  [2, 1170, 40],
  [3, 850, 60],
  [4, 50, 55],
  [6, 400, 260],
  [5, 1250, 350],
];

export async function samplePhotos(): Promise<Buffer[]> {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
    const out: Buffer[] = [];
    for (const [n, left, top] of PORTRAITS) {
      const file = path.join(dir, `sample${n}.jpg`);
      if (existsSync(file))
        out.push(
          await sharp(readFileSync(file))
            .extract({ left, top, width: 600, height: 450 })
            .resize(480, 360)
            .jpeg({ quality: 82 })
            .toBuffer(),
        );
    }
    return out;
  } catch {
    return [];
  }
}

export async function seedDemoLearning(services: Services): Promise<void> {
  const { db, clock, cipher, blobs } = services.infra;
  const now = clock.now();
  const at = now.toISOString();
  const photos = await samplePhotos();
  await seedTeacherQualifications(services);
  const general = await db
    .selectFrom('courses')
    .select('id')
    .where('institution_id', 'is', null)
    .where('general_module_code', 'is not', null)
    .where('status', '=', 'published')
    .orderBy('general_module_code')
    .execute();
  const policy = await services.policies.effective(db, '330000');

  for (const [ci, demo] of CLASSES.entries()) {
    const institution = await db
      .selectFrom('institutions')
      .select(['id', 'region_code'])
      .where('region_code', '=', demo.institutionRegion)
      .orderBy('credit_code')
      .executeTakeFirst();
    const trade =
      institution &&
      (await db
        .selectFrom('courses')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('title', '=', demo.courseTitle)
        .executeTakeFirst());
    if (!institution || !trade) continue;
    if (
      await db
        .selectFrom('classes')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('name', '=', demo.name)
        .executeTakeFirst()
    )
      continue;
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('institution_id', '=', institution.id)
      .where('role', '=', 'institution_admin')
      .executeTakeFirst();
    const regulator = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'regulator')
      .where('region_code', '=', institution.region_code)
      .executeTakeFirst();
    const learners: string[] = [];
    for (const phone of demo.phones) {
      const user = await db
        .selectFrom('users')
        .select(['id'])
        .where('phone_hash', '=', cipher.lookupHash('phone', phone))
        .where('role', '=', 'learner')
        .executeTakeFirst();
      if (user) learners.push(user.id);
    }
    if (!admin || learners.length === 0) continue;

    const teacher = await db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', cipher.lookupHash('phone', demo.teacherPhone))
      .where('role', '=', 'teacher')
      .executeTakeFirst();
    const standard = await db
      .selectFrom('skill_standards')
      .select('min_hours')
      .where('occupation_code', '=', demo.occupationCode)
      .where('level', '=', demo.level)
      .executeTakeFirst();
    // Practice days at the training base carry the hours the standard asks beyond the short demo courses.
    const practice = practiceSessions({
      now,
      minHours: standard?.min_hours ?? 12,
      classHourMinutes: policy.document.classHourMinutes,
      firstInDays: 2,
      lastInDays: 38,
      titles: demo.practice,
      venue: demo.venue,
    });

    const classId = newId();
    const courseIds = [...general.map((c) => c.id), trade.id];
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('classes')
        .values({
          id: classId,
          institution_id: institution.id,
          region_code: institution.region_code,
          name: demo.name,
          occupation_code: demo.occupationCode,
          level: demo.level,
          start_date: beijingDate(addDays(now, -21)),
          end_date: beijingDate(addDays(now, 39)),
          offline_hours: sessionsClassHours(practice, policy.document.classHourMinutes),
          assessment_plan: '理论考试（闭卷，60 分合格）+ 实操考核',
          self_enrol: 0,
          capacity: 40,
          status: 'approved',
          policy_refs: JSON.stringify({ national: policy.national, applied: policy.applied }),
          submitted_at: addDays(now, -30).toISOString(),
          review_due_at: addDays(now, -25).toISOString(),
          decided_at: addDays(now, -27).toISOString(),
          decided_by: regulator?.id ?? null,
          created_by: admin.id,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('class_courses')
        .values(courseIds.map((course_id, i) => ({ class_id: classId, course_id, sort: i + 1 })))
        .execute();
      if (teacher) await trx.insertInto('class_teachers').values({ class_id: classId, user_id: teacher.id }).execute();
      await trx
        .insertInto('class_sessions')
        .values(practice.map((session) => ({ id: newId(), class_id: classId, ...session })))
        .execute();
      await trx
        .insertInto('enrolments')
        .values(
          learners.map((user_id) => ({
            id: newId(),
            class_id: classId,
            user_id,
            status: 'enrolled' as const,
            source: 'import' as const,
            created_by: admin.id,
            created_at: at,
          })),
        )
        .execute();
    });

    // The class's document lessons in order: their planned minutes are their length.
    const lessons = await db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
      .select(['lessons.id', 'lessons.course_id', 'lessons.document_minutes'])
      .where('class_courses.class_id', '=', classId)
      .where('lessons.kind', '=', 'document')
      .orderBy('class_courses.sort')
      .orderBy('chapters.sort')
      .orderBy('lessons.sort')
      .execute();
    if (lessons.length === 0) continue;

    for (const [li, userId] of learners.entries()) {
      const seed = ci * 7 + li;
      const device = `demo-device-${ci}-${li}`;
      const ua = USER_AGENTS[seed % USER_AGENTS.length];
      const ip = `${demo.ips[seed % demo.ips.length]}${20 + li * 13}`;
      let head = await chainHeadOf(db, userId);
      const rows: RecordRow[] = [];
      const sessions: {
        id: string;
        lessonId: string;
        courseId: string;
        startedAt: string;
        ip: string;
        ua: string;
        device: string;
      }[] = [];
      const faceChecks: { sessionId: string; at: string; pass: boolean }[] = [];
      const credit = new Map<string, number>();
      const daily = new Map<string, number>();
      let lesson = 0;
      for (let daysAgo = 13; daysAgo >= 0 && lesson < lessons.length; daysAgo--) {
        // Most learners learn most days; who skips which day follows from the seed.
        if ((seed + daysAgo) % 4 === 0) continue;
        const current = lessons[lesson];
        const length = (current.document_minutes ?? 10) * 60_000;
        const done = credit.get(current.id) ?? 0;
        const beats = Math.min(Math.ceil((length - done) / BEAT_MS), 12 + ((seed * 5 + daysAgo * 3) % 20));
        const start = new Date(
          Date.parse(
            `${beijingDate(addDays(now, -daysAgo))}T${String(8 + ((seed + daysAgo) % 11)).padStart(2, '0')}:${String((seed * 7) % 60).padStart(2, '0')}:00.000+08:00`,
          ),
        );
        if (start.getTime() > now.getTime() - 30 * 60_000) continue;
        const sessionId = newId();
        const otherDevice = li === 2 && daysAgo === 3;
        let t = start.getTime();
        // Evidence goes through learning's documented builder (evidence.ts), typed by the union of record kinds.
        const draft = <K extends EvidenceKind>(kind: K, data: EvidenceData<K>, credited = 0): RecordDraft =>
          evidenceDraft({ userId, sessionId, at: new Date(t).toISOString() }, { kind, data } as Evidence, credited);
        const drafts: RecordDraft[] = [
          draft('session_started', {
            classId,
            courseId: current.course_id,
            lessonId: current.id,
            durationMs: length,
            positionMs: done,
            deviceId: device,
            ip,
            userAgent: ua,
          }),
        ];
        let credited = 0;
        for (let b = 1; b <= beats; b++) {
          t += BEAT_MS;
          const gain = Math.min(BEAT_MS, length - done - credited);
          credited += Math.max(0, gain);
          drafts.push(
            draft(
              'heartbeat',
              {
                seq: b,
                positionMs: done + b * BEAT_MS,
                playing: true,
                rate: 1,
                visible: true,
                focused: true,
                reason: gain > 0 ? null : 'lesson_complete',
              },
              Math.max(0, gain),
            ),
          );
          if (b === 6) {
            const checkId = newId();
            drafts.push(
              draft('check_issued', {
                checkId,
                kind: 'code',
                code: '4821',
                deadline: new Date(t + 60_000).toISOString(),
              }),
            );
            t += 9_000;
            // One learner lets checks lapse, another types them wrong: what the self-inspection should surface.
            if (li === 4 && daysAgo % 3 === 0)
              drafts.push(draft('check_missed', { checkId, kind: 'code', deadline: new Date(t).toISOString() }));
            else if (li === 5 && daysAgo % 4 === 1)
              drafts.push(
                draft('check_answered', { checkId, kind: 'code', result: 'failed', attempt: 3, committedMs: 0 }),
              );
            else
              drafts.push(
                draft('check_answered', { checkId, kind: 'code', result: 'passed', attempt: 1, committedMs: 0 }),
              );
          }
          if (b === 9 && daysAgo % 5 === 1) {
            t += 5_000;
            faceChecks.push({ sessionId, at: new Date(t).toISOString(), pass: !(li === 1 && ci === 1) });
          }
        }
        // A player replaying old reports (as scripts do) is refused and earns nothing.
        if (li === 1 && daysAgo % 2 === 0) {
          t += 2_000;
          drafts.push(draft('heartbeat_refused', { seq: 3, positionMs: done + 3 * BEAT_MS, reason: 'duplicate' }));
        }
        t += 3_000;
        if (otherDevice)
          drafts.push(
            draft('session_superseded', {
              bySession: newId(),
              lessonId: current.id,
              deviceId: `${device}-phone`,
              ip: `${demo.ips[(seed + 1) % demo.ips.length]}77`,
              heldMsDropped: 0,
            }),
          );
        else drafts.push(draft('session_ended', { creditedMs: credited, heldMsDropped: 0 }));
        const linked = chain(head, drafts);
        head = linked.head;
        rows.push(...linked.rows);
        sessions.push({
          id: sessionId,
          lessonId: current.id,
          courseId: current.course_id,
          startedAt: start.toISOString(),
          ip,
          ua,
          device,
        });
        credit.set(current.id, done + credited);
        const day = beijingDate(start);
        daily.set(day, (daily.get(day) ?? 0) + credited);
        if (done + credited >= length) lesson += 1;
      }

      await db.transaction().execute(async (trx) => {
        if (sessions.length) {
          await trx
            .insertInto('learning_sessions')
            .values(
              sessions.map((s) => ({
                id: s.id,
                user_id: userId,
                class_id: classId,
                course_id: s.courseId,
                lesson_id: s.lessonId,
                login_session_id: null,
                started_at: s.startedAt,
                ip: s.ip,
                user_agent: s.ua,
                device_id: s.device,
                start_position_ms: 0,
              })),
            )
            .execute();
        }
        for (let i = 0; i < rows.length; i += 200)
          await trx
            .insertInto('learning_records')
            .values(rows.slice(i, i + 200))
            .execute();
        for (const [lessonId, ms] of credit) {
          const l = lessons.find((x) => x.id === lessonId)!;
          const length = (l.document_minutes ?? 10) * 60_000;
          const last = sessions.filter((s) => s.lessonId === lessonId).at(-1)!;
          await trx
            .insertInto('lesson_progress')
            .values({
              user_id: userId,
              class_id: classId,
              lesson_id: lessonId,
              course_id: l.course_id,
              coverage: JSON.stringify([[0, ms]]),
              credited_ms: ms,
              duration_ms: length,
              face_passes: 0,
              completed_at: ms >= length ? last.startedAt : null,
              updated_at: last.startedAt,
            })
            .execute();
        }
        for (const [day, ms] of daily) {
          await trx
            .insertInto('learning_daily')
            .values({ user_id: userId, day, credited_ms: ms })
            .onConflict((oc) =>
              oc.columns(['user_id', 'day']).doUpdateSet((eb) => ({
                credited_ms: eb(eb.ref('learning_daily.credited_ms'), '+', eb.ref('excluded.credited_ms')),
              })),
            )
            .execute();
        }
      });

      for (const [fi, check] of faceChecks.entries()) {
        const id = newId();
        const photo = photos.length ? photos[(seed + fi) % photos.length] : null;
        const key = photo ? `faces/${userId}/checks/${id}.jpg.enc` : null;
        if (key && photo) await blobs.put(key, sealBytes(cipher, photo));
        await db
          .insertInto('face_checks')
          .values({
            id,
            user_id: userId,
            enrolment_id: null,
            context_kind: 'learning',
            context_id: check.sessionId,
            engine: 'demo',
            distance: check.pass ? 0.32 + (fi % 5) / 100 : 0.71,
            threshold: 0.5,
            result: check.pass ? 'pass' : 'fail',
            reason: check.pass ? null : 'mismatch',
            photo_key: key,
            at: check.at,
          })
          .execute();
      }
    }
  }
}
