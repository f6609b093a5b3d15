import { ManualClock } from '../../platform/clock.js';
import { sealBytes } from '../../platform/crypto.js';
import type { Actor } from '../../platform/context.js';
import { systemMeta } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { addDays, beijingDate } from '../../platform/time.js';
import { createExamServices } from '../../modules/exams/index.js';
import { bankQuestionSource } from '../../modules/exams/index.js';
import {
  chain,
  chainHeadOf,
  evidenceDraft,
  LearningTheoryProgress,
  type Evidence,
  type EvidenceData,
  type EvidenceKind,
  type RecordDraft,
} from '../../modules/learning/index.js';
import { createServices, type Services } from '../../services.js';
import { practiceSessions, sessionsClassHours, seedTeacherQualifications } from './demo-classes.js';
import { samplePhotos } from './demo-learning.js';
import {
  DEMO_BANK_NAME,
  DEMO_PAPER_NAME,
  DEMO_PAPER_RULES,
  DEMO_QUESTIONS,
  DEMO_TYPE_SCORES,
} from './demo-questions.js';

// Assessment in the demo world (issue 16), made at the end of the demo content job after the demo classes:
// - the Hangzhou school's electrician (level 5) question bank and a formal paper drawn by rules, and the formal theory
//   exam set on the running electrician class (its learners have not finished their lessons: the exam opens to each
//   when the learning engine says their theory is complete);
// - one certified learner: the school's first electrician class of the year (learner 13800000010), finished and
//   closed twelve days ago. Its history is played through the platform's own services on a clock set back in time
//   (a second service graph over the same database): the bank and paper, the exam, the attempt saved answer by answer
//   and submitted, the teacher's grading of the short answer, the practical items and the assessor's scores, closing
//   the class — which issues the signed certificate. What no service can make after the fact is written the way the
//   engines write it: the class as approved (like the other demo classes), the lessons learned (a hash-chained
//   evidence chain, as demo-learning.ts does) and the attendance at the practice days. The formal exam's face check
//   is left out of that attempt (the face engine is not run while seeding; the seed's exam engine has no verifier).
// Idempotent: the bank and the class are looked up by name.

const CERTIFIED_CLASS = '电工（五级）2026 年第 1 期';
const CERTIFIED_LEARNER = '13800000010';
const RUNNING_CLASS = '电工（五级）2026 年春季班';
const BEAT_MS = 20_000;
const VENUE = {
  venue_name: '西湖职业技能实训基地',
  address: '杭州市西湖区文三路 90 号',
  latitude: 30.2775,
  longitude: 120.1378,
};

/** Planned length of a demo lesson when its video is not probed yet (the demo content knows its lessons' lengths). */
export type LessonLength = (title: string) => number | null;

type Person = {
  id: string;
  role: Actor['role'];
  name: string;
  region_code: string | null;
  institution_id: string | null;
};
const actorOf = (u: Person): Actor => ({
  userId: u.id,
  role: u.role,
  name: u.name,
  regionCode: u.region_code,
  institutionId: u.institution_id,
  sessionId: `demo-seed-${u.id}`,
});

/** Beijing wall-clock time `days` from `now` at hh:mm. */
const beijingAt = (now: Date, days: number, hhmm: string) =>
  new Date(`${beijingDate(addDays(now, days))}T${hhmm}:00.000+08:00`);

export async function seedDemoExams(services: Services, lessonLength: LessonLength): Promise<void> {
  const { db, cipher } = services.infra;
  const institution = await db
    .selectFrom('institutions')
    .select(['id', 'region_code'])
    .where('region_code', '=', '330106')
    .orderBy('credit_code')
    .executeTakeFirst();
  if (!institution) return;
  const person = async (phone: string) =>
    db
      .selectFrom('users')
      .select(['id', 'role', 'name', 'region_code', 'institution_id'])
      .where('phone_hash', '=', cipher.lookupHash('phone', phone))
      .executeTakeFirst();
  const [admin, teacher, regulator, learner] = await Promise.all(
    ['13900000021', '13900000031', '13900000014', CERTIFIED_LEARNER].map(person),
  );
  if (!admin || !teacher || !regulator || !learner) return;
  const existingBank = await db
    .selectFrom('question_banks')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('name', '=', DEMO_BANK_NAME)
    .executeTakeFirst();
  if (existingBank) return;

  const now = services.infra.clock.now();
  const clock = new ManualClock(beijingAt(now, -85, '10:00'));
  // The same platform on a clock set back: every entry, audit line and signature made through it carries its time.
  const past = createServices({ ...services.infra, clock });
  const staff = actorOf(admin);

  // The bank and the formal paper, made by the school's administrator before the first class began.
  const bank = await past.questionBanks.create(
    staff,
    { name: DEMO_BANK_NAME, occupationCode: '6-31-01-03', level: 5 },
    systemMeta,
  );
  for (const q of DEMO_QUESTIONS) {
    clock.advance(90_000);
    await past.questionBanks.createQuestion(staff, bank.id, q, systemMeta);
  }
  clock.advance(3600_000);
  const paper = await past.papers.create(
    staff,
    {
      name: DEMO_PAPER_NAME,
      kind: 'formal',
      bankIds: [bank.id],
      mode: 'draw',
      questionIds: [],
      rules: DEMO_PAPER_RULES,
      typeScores: DEMO_TYPE_SCORES,
    },
    systemMeta,
  );

  await certifiedClass(services, past, clock, {
    institution,
    admin,
    teacher,
    regulator,
    learner,
    paperId: paper.id,
    lessonLength,
  });

  // The formal exam of the running class, set today: open until the class ends, the policy's pass mark.
  const running = await db
    .selectFrom('classes')
    .select(['id', 'end_date'])
    .where('institution_id', '=', institution.id)
    .where('name', '=', RUNNING_CLASS)
    .executeTakeFirst();
  if (running)
    await services.exams.create(
      staff,
      running.id,
      {
        paperId: paper.id,
        title: '电工（五级）理论考试',
        windowStart: now.toISOString(),
        windowEnd: new Date(`${running.end_date}T18:00:00.000+08:00`).toISOString(),
        timeLimitMinutes: 60,
        maxAttempts: 2,
      },
      systemMeta,
    );
}

async function certifiedClass(
  services: Services,
  past: Services,
  clock: ManualClock,
  input: {
    institution: { id: string; region_code: string };
    admin: Person;
    teacher: Person;
    regulator: Person;
    learner: Person;
    paperId: string;
    lessonLength: LessonLength;
  },
): Promise<void> {
  const { db, blobs, cipher } = services.infra;
  const { institution, admin, teacher, regulator, learner } = input;
  const now = services.infra.clock.now();
  const at = (days: number, hhmm: string) => beijingAt(now, days, hhmm);
  await seedTeacherQualifications(services);
  const [general, trade, standard] = await Promise.all([
    db
      .selectFrom('courses')
      .select('id')
      .where('institution_id', 'is', null)
      .where('general_module_code', 'is not', null)
      .where('status', '=', 'published')
      .orderBy('general_module_code')
      .execute(),
    db
      .selectFrom('courses')
      .select('id')
      .where('institution_id', '=', institution.id)
      .where('occupation_code', '=', '6-31-01-03')
      .where('level', '=', 5)
      .where('status', '=', 'published')
      .executeTakeFirst(),
    db
      .selectFrom('skill_standards')
      .select('min_hours')
      .where('occupation_code', '=', '6-31-01-03')
      .where('level', '=', 5)
      .executeTakeFirst(),
  ]);
  if (!trade) return;
  const policy = await services.policies.effective(db, institution.region_code);
  const classHour = policy.document.classHourMinutes;
  // Ten weeks long, ended twelve days ago; approved a week and a half before it began, as the other demo classes.
  const startIn = -70;
  const endIn = -12;
  const sessions = practiceSessions({
    now,
    minHours: standard?.min_hours ?? 12,
    classHourMinutes: classHour,
    firstInDays: -60,
    lastInDays: -16,
    titles: ['照明线路安装实操', '低压配电与电动机控制实操', '电工仪表使用实操', '安全用电与触电急救演练'],
    venue: VENUE,
  }).map((s) => ({ id: newId(), ...s }));
  const classId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('classes')
      .values({
        id: classId,
        institution_id: institution.id,
        region_code: institution.region_code,
        name: CERTIFIED_CLASS,
        occupation_code: '6-31-01-03',
        level: 5,
        start_date: beijingDate(addDays(now, startIn)),
        end_date: beijingDate(addDays(now, endIn)),
        offline_hours: sessionsClassHours(sessions, classHour),
        assessment_plan: '理论考试（闭卷，60 分合格）+ 实操考核',
        self_enrol: 0,
        capacity: 40,
        status: 'approved',
        policy_refs: JSON.stringify({ national: policy.national, applied: policy.applied }),
        submitted_at: at(-84, '09:30').toISOString(),
        review_due_at: at(-79, '18:00').toISOString(),
        decided_at: at(-81, '15:20').toISOString(),
        decided_by: regulator.id,
        created_by: admin.id,
        created_at: at(-86, '14:00').toISOString(),
        updated_at: at(-81, '15:20').toISOString(),
      })
      .execute();
    await trx
      .insertInto('class_courses')
      .values(
        [...general.map((c) => c.id), trade.id].map((course_id, i) => ({ class_id: classId, course_id, sort: i + 1 })),
      )
      .execute();
    await trx.insertInto('class_teachers').values({ class_id: classId, user_id: teacher.id }).execute();
    await trx
      .insertInto('class_sessions')
      .values(sessions.map((s) => ({ ...s, class_id: classId })))
      .execute();
    await trx
      .insertInto('enrolments')
      .values({
        id: newId(),
        class_id: classId,
        user_id: learner.id,
        status: 'enrolled',
        source: 'import',
        created_by: admin.id,
        created_at: at(-84, '09:00').toISOString(),
      })
      .execute();
    await trx
      .insertInto('class_reviews')
      .values([
        {
          id: newId(),
          class_id: classId,
          change_id: null,
          action: 'submitted',
          comment: '',
          prechecks: null,
          actor_id: admin.id,
          at: at(-84, '09:30').toISOString(),
        },
        {
          id: newId(),
          class_id: classId,
          change_id: null,
          action: 'approved',
          comment: '同意开班',
          prechecks: null,
          actor_id: regulator.id,
          at: at(-81, '15:20').toISOString(),
        },
      ])
      .execute();
  });

  // Every lesson learned, one a day from the second day of the class, under the learning engine's rules.
  const lessons = await db
    .selectFrom('lessons')
    .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
    .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
    .leftJoin('media', 'media.id', 'lessons.media_id')
    .select(['lessons.id', 'lessons.course_id', 'lessons.title', 'lessons.document_minutes', 'media.duration_ms'])
    .where('class_courses.class_id', '=', classId)
    .orderBy('class_courses.sort')
    .orderBy('chapters.sort')
    .orderBy('lessons.sort')
    .execute();
  await learnLessons(services, {
    userId: learner.id,
    classId,
    lessons: lessons.map((l) => ({
      id: l.id,
      courseId: l.course_id,
      ms:
        l.document_minutes !== null
          ? l.document_minutes * 60_000
          : Number(l.duration_ms ?? input.lessonLength(l.title) ?? 15 * 60_000),
    })),
    firstDay: startIn + 1,
  });

  // Present at every practice day: checked in and out with a photo at the training base.
  const photos = await samplePhotos();
  for (const s of sessions) {
    const keys = [] as string[];
    for (const side of ['in', 'out']) {
      const key = `attendance/${classId}/${s.id}/${learner.id}-${side}.jpg.enc`;
      if (photos.length) await blobs.put(key, sealBytes(cipher, photos[0]));
      keys.push(key);
    }
    const inAt = new Date(Date.parse(s.starts_at) - 8 * 60_000);
    const outAt = new Date(Date.parse(s.ends_at) + 4 * 60_000);
    await db
      .insertInto('attendance')
      .values({
        id: newId(),
        class_id: classId,
        session_id: s.id,
        user_id: learner.id,
        check_in_at: inAt.toISOString(),
        check_in_latitude: VENUE.latitude + 0.0001,
        check_in_longitude: VENUE.longitude - 0.0001,
        check_in_photo_key: keys[0],
        check_out_at: outAt.toISOString(),
        check_out_latitude: VENUE.latitude,
        check_out_longitude: VENUE.longitude + 0.0001,
        check_out_photo_key: keys[1],
        minutes: (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000,
      })
      .execute();
  }

  // The theory exam: set three weeks before the end, taken on the learner's one attempt, the short answer graded.
  const staff = actorOf(admin);
  const assessor = actorOf(teacher);
  const examiner = createExamServices({
    db,
    clock,
    hot: services.infra.hot,
    audit: past.audit,
    policies: past.policies,
    jobs: services.jobs, // the registered runner: the deadline job it queues finds the attempt submitted
    questions: bankQuestionSource(past.questionBanks),
    theory: new LearningTheoryProgress({ db }),
    face: null,
  });
  clock.set(at(endIn - 9, '10:00'));
  const exam = await examiner.exams.create(
    staff,
    classId,
    {
      paperId: input.paperId,
      title: '电工（五级）理论考试',
      windowStart: at(endIn - 4, '08:30').toISOString(),
      windowEnd: at(endIn - 3, '17:30').toISOString(),
      timeLimitMinutes: 90,
      maxAttempts: 2,
    },
    systemMeta,
  );
  clock.set(at(endIn - 8, '16:00'));
  await examiner.practical.setItems(
    staff,
    classId,
    [
      { title: '照明线路安装（单控、双控照明电路）', maxScore: 40 },
      { title: '三相异步电动机正反转控制线路安装', maxScore: 40 },
      { title: '安全用电与触电急救', maxScore: 20 },
    ],
    systemMeta,
  );
  clock.set(at(endIn - 4, '09:02'));
  const me = actorOf(learner);
  const device = 'demo-device-cert-0010';
  const meta = {
    ...systemMeta,
    ip: '115.236.16.142',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126',
  };
  const attempt = await examiner.examAttempts.start(me, exam.id, { deviceId: device }, meta);
  const drawn = await db
    .selectFrom('exam_attempts')
    .select('items')
    .where('id', '=', attempt.id)
    .executeTakeFirstOrThrow();
  const items = JSON.parse(drawn.items) as { versionId: string }[];
  const keys = await past.questionBanks.keysByIds(
    db,
    items.map((i) => i.versionId),
  );
  let wrong = 1; // one slip on a single-choice question
  for (const [index, item] of items.entries()) {
    clock.advance(95_000 + ((index * 37) % 60) * 1000);
    const key = keys.find((k) => k.versionId === item.versionId)!;
    let answer = key.answer.slice(0, 1);
    if (key.type === 'multiple') answer = key.answer;
    if (key.type === 'single' && wrong > 0 && index > 3) {
      answer = [['A', 'B', 'C', 'D'].find((k) => k !== key.answer[0])!];
      wrong -= 1;
    }
    if (key.type === 'short_answer')
      answer = ['先停电，再用合格的验电器验电，确认无电后装设接地线，最后悬挂“禁止合闸，有人工作”标示牌并装设遮栏。'];
    await examiner.examAttempts.save(me, attempt.id, { index, answer, deviceId: device });
  }
  clock.advance(6 * 60_000);
  await examiner.examAttempts.submit(me, attempt.id, { deviceId: device });
  clock.set(at(endIn - 4, '15:40'));
  for (const pending of await examiner.grading.queue(assessor, exam.id))
    await examiner.grading.decide(
      assessor,
      pending.attemptId,
      pending.index,
      { score: Math.round(pending.maxScore * 0.8) },
      systemMeta,
    );

  // The practical assessment at the training base, scored by the class's teacher.
  clock.set(at(endIn - 2, '11:30'));
  const { items: practical } = await examiner.practical.classAssessment(staff, classId);
  for (const [i, item] of practical.entries())
    await examiner.practical.enterScore(
      assessor,
      classId,
      {
        learnerId: learner.id,
        itemId: item.id,
        score: Math.round(item.maxScore * [0.85, 0.8, 0.9][i % 3]),
        evidenceMediaIds: [],
      },
      systemMeta,
    );

  // Closed on its last day: the certificate is issued and signed then (classes.onClosed → certificates).
  clock.set(at(endIn, '16:00'));
  await past.classes.close(staff, classId, systemMeta);
}

/** One session per lesson, a lesson a day from `firstDay`, written as the learning engine writes them. */
async function learnLessons(
  services: Services,
  input: { userId: string; classId: string; lessons: { id: string; courseId: string; ms: number }[]; firstDay: number },
): Promise<void> {
  const { db, clock } = services.infra;
  const now = clock.now();
  const { userId, classId } = input;
  const ip = '115.236.16.142';
  const ua =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const device = 'demo-device-cert-0010';
  let head = await chainHeadOf(db, userId);
  for (const [i, lesson] of input.lessons.entries()) {
    const start = beijingAt(now, input.firstDay + i * 2, i % 2 ? '19:40' : '20:10');
    const sessionId = newId();
    let t = start.getTime();
    const draft = <K extends EvidenceKind>(kind: K, data: EvidenceData<K>, credited = 0): RecordDraft =>
      evidenceDraft({ userId, sessionId, at: new Date(t).toISOString() }, { kind, data } as Evidence, credited);
    const drafts: RecordDraft[] = [
      draft('session_started', {
        classId,
        courseId: lesson.courseId,
        lessonId: lesson.id,
        durationMs: lesson.ms,
        positionMs: 0,
        deviceId: device,
        ip,
        userAgent: ua,
      }),
    ];
    let credited = 0;
    for (let seq = 1; credited < lesson.ms; seq++) {
      t += BEAT_MS;
      const gain = Math.min(BEAT_MS, lesson.ms - credited);
      credited += gain;
      drafts.push(
        draft(
          'heartbeat',
          { seq, positionMs: credited, playing: true, rate: 1, visible: true, focused: true, reason: null },
          gain,
        ),
      );
      if (seq === 15) {
        const checkId = newId();
        drafts.push(
          draft('check_issued', { checkId, kind: 'code', code: '3719', deadline: new Date(t + 60_000).toISOString() }),
        );
        t += 7_000;
        drafts.push(draft('check_answered', { checkId, kind: 'code', result: 'passed', attempt: 1, committedMs: 0 }));
      }
    }
    t += 2_000;
    drafts.push(draft('session_ended', { creditedMs: credited, heldMsDropped: 0 }));
    const linked = chain(head, drafts);
    head = linked.head;
    const end = new Date(t).toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('learning_sessions')
        .values({
          id: sessionId,
          user_id: userId,
          class_id: classId,
          course_id: lesson.courseId,
          lesson_id: lesson.id,
          login_session_id: null,
          started_at: start.toISOString(),
          ip,
          user_agent: ua,
          device_id: device,
          start_position_ms: 0,
        })
        .execute();
      for (let r = 0; r < linked.rows.length; r += 200)
        await trx
          .insertInto('learning_records')
          .values(linked.rows.slice(r, r + 200))
          .execute();
      await trx
        .insertInto('lesson_progress')
        .values({
          user_id: userId,
          class_id: classId,
          lesson_id: lesson.id,
          course_id: lesson.courseId,
          coverage: JSON.stringify([[0, lesson.ms]]),
          credited_ms: lesson.ms,
          duration_ms: lesson.ms,
          face_passes: 0,
          completed_at: end,
          updated_at: end,
        })
        .execute();
      await trx
        .insertInto('learning_daily')
        .values({ user_id: userId, day: beijingDate(start), credited_ms: lesson.ms })
        .onConflict((oc) =>
          oc.columns(['user_id', 'day']).doUpdateSet((eb) => ({
            credited_ms: eb(eb.ref('learning_daily.credited_ms'), '+', eb.ref('excluded.credited_ms')),
          })),
        )
        .execute();
    });
  }
}
