import { beijingDate } from '../../platform/time.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/time.js';
import type { Services } from '../../services.js';

// Two approved demo classes of the Hangzhou school, made at the end of the demo content job (they need its published
// courses): an electrician class running now with learner 13800000001 on its roster, so "my classes" is not empty,
// and an elderly-care class open to self-enrolment, starting in two weeks, that any learner can join and leave.
// Idempotent: a class already there (by name) is left alone.
//
// Both pass their own pre-checks (prechecks.ts, as the reviewer saw them when approving): the start date was ahead on
// the day of the decision, the teacher holds a valid qualification in the occupation at a higher level, and the
// hours reach the standard's minimum — the demo's online courses are a few hours of short lessons, so the practice
// sessions at the training base carry the rest (six-hour days every few days through the class period; the online
// share stays under the policy's cap, which bounds it from above only).

type DemoClass = {
  name: string;
  occupationCode: string;
  level: number;
  startInDays: number;
  days: number;
  selfEnrol: boolean;
  capacity: number;
  courseOccupation: string;
  learners: string[];
  /** Practice days at the training base, six hours each, as many as the standard's minimum hours need. */
  practice: { titles: string[]; firstInDays: number };
};

/** The demo teachers' qualifications by phone (entered by their institution's administrator when they joined). */
export const DEMO_TEACHER_QUALIFICATIONS: Record<
  string,
  { occupationCode: string; level: number; certificateNo: string; kind: string }[]
> = {
  '13900000031': [
    { occupationCode: '6-31-01-03', level: 3, certificateNo: 'Y330106202100731', kind: '职业技能等级证书' },
    { occupationCode: '4-10-01-05', level: 3, certificateNo: 'Y330106202200418', kind: '职业技能等级证书' },
  ],
  '13900000032': [
    { occupationCode: '4-12-03-01', level: 2, certificateNo: 'Y330203201900256', kind: '职业技能等级证书' },
  ],
};
const PRACTICE_DAY_HOURS = 6;

/** Gives the demo teachers their qualifications, once (the seed may run again on a database that has them). */
export async function seedTeacherQualifications(services: Services): Promise<void> {
  const { db, clock, cipher } = services.infra;
  const now = clock.now();
  for (const [phone, qualifications] of Object.entries(DEMO_TEACHER_QUALIFICATIONS)) {
    const teacher = await db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', cipher.lookupHash('phone', phone))
      .where('role', '=', 'teacher')
      .executeTakeFirst();
    if (!teacher) continue;
    for (const q of qualifications) {
      const held = await db
        .selectFrom('teacher_qualifications')
        .select('id')
        .where('user_id', '=', teacher.id)
        .where('occupation_code', '=', q.occupationCode)
        .executeTakeFirst();
      if (held) continue;
      await db
        .insertInto('teacher_qualifications')
        .values({
          id: newId(),
          user_id: teacher.id,
          occupation_code: q.occupationCode,
          level: q.level,
          certificate_no: q.certificateNo,
          certificate_kind: q.kind,
          valid_until: beijingDate(addDays(now, 5 * 365)),
          status: 'valid',
          created_at: addDays(now, -60).toISOString(),
        })
        .execute();
    }
  }
}

export type DemoVenue = { venue_name: string; address: string; latitude: number; longitude: number };

/**
 * Practice days at a training base, six hours from 09:00 Beijing time, enough for the standard's minimum hours on
 * their own, spread evenly from `firstInDays` to `lastInDays` (days from now).
 */
export function practiceSessions(input: {
  now: Date;
  minHours: number;
  classHourMinutes: number;
  firstInDays: number;
  lastInDays: number;
  titles: string[];
  venue: DemoVenue;
}) {
  const days = Math.ceil((input.minHours * input.classHourMinutes) / (PRACTICE_DAY_HOURS * 60));
  const step = Math.max(1, Math.floor((input.lastInDays - input.firstInDays) / Math.max(1, days - 1)));
  return Array.from({ length: days }, (_, i) => {
    const starts = new Date(`${beijingDate(addDays(input.now, input.firstInDays + i * step))}T01:00:00.000Z`);
    return {
      title: `${input.titles[i % input.titles.length]}（第 ${i + 1} 次）`,
      ...input.venue,
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + PRACTICE_DAY_HOURS * 3600_000).toISOString(),
    };
  });
}

/** Offline class hours that practice sessions make (whole class hours of the policy's length). */
export const sessionsClassHours = (sessions: { starts_at: string; ends_at: string }[], classHourMinutes: number) =>
  Math.floor(
    sessions.reduce((sum, s) => sum + (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000, 0) / classHourMinutes,
  );

const VENUE: DemoVenue = {
  venue_name: '西湖职业技能实训基地',
  address: '杭州市西湖区文三路 90 号',
  latitude: 30.2775,
  longitude: 120.1378,
};

export const DEMO_CLASSES: DemoClass[] = [
  {
    name: '电工（五级）2026 年春季班',
    occupationCode: '6-31-01-03',
    level: 5,
    startInDays: -3,
    days: 60,
    selfEnrol: false,
    capacity: 40,
    courseOccupation: '6-31-01-03',
    learners: ['13800000001', '13800000002', '13800000003'],
    practice: {
      titles: ['照明线路安装实操', '低压配电与电动机控制实操', '电工仪表使用实操', '安全用电与触电急救演练'],
      firstInDays: 2,
    },
  },
  {
    name: '养老护理员（五级）免费培训班',
    occupationCode: '4-10-01-05',
    level: 5,
    startInDays: 14,
    days: 45,
    selfEnrol: true,
    capacity: 30,
    courseOccupation: '4-10-01-05',
    learners: [],
    practice: { titles: ['生活照料实训', '基础照护实训', '安全防护实训'], firstInDays: 16 },
  },
];

export async function seedDemoClasses(services: Services): Promise<void> {
  const { db, clock, cipher } = services.infra;
  const institution = await db
    .selectFrom('institutions')
    .select(['id', 'region_code'])
    .where('region_code', '=', '330106')
    .orderBy('credit_code')
    .executeTakeFirst();
  const people = await db
    .selectFrom('users')
    .select(['id', 'role', 'phone_hash', 'institution_id', 'region_code'])
    .where('role', 'in', ['institution_admin', 'teacher', 'regulator', 'learner'])
    .execute();
  const byPhone = (phone: string) => people.find((u) => u.phone_hash === cipher.lookupHash('phone', phone));
  const [admin, teacher, regulator] = [byPhone('13900000021'), byPhone('13900000031'), byPhone('13900000014')];
  if (!institution || !admin || !teacher || !regulator) return;
  const general = await db
    .selectFrom('courses')
    .select('id')
    .where('institution_id', 'is', null)
    .where('general_module_code', 'is not', null)
    .where('status', '=', 'published')
    .orderBy('general_module_code')
    .execute();
  const policy = await services.policies.effective(db, institution.region_code);
  const now = clock.now();
  const at = now.toISOString();
  const classHour = policy.document.classHourMinutes;

  await seedTeacherQualifications(services);

  for (const demo of DEMO_CLASSES) {
    if (
      await db
        .selectFrom('classes')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('name', '=', demo.name)
        .executeTakeFirst()
    )
      continue;
    const trade = await db
      .selectFrom('courses')
      .select('id')
      .where('institution_id', '=', institution.id)
      .where('occupation_code', '=', demo.courseOccupation)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!trade) continue;
    const standard = await db
      .selectFrom('skill_standards')
      .select('min_hours')
      .where('occupation_code', '=', demo.occupationCode)
      .where('level', '=', demo.level)
      .executeTakeFirst();
    const sessions = practiceSessions({
      now,
      minHours: standard?.min_hours ?? 12,
      classHourMinutes: classHour,
      firstInDays: demo.practice.firstInDays,
      lastInDays: demo.startInDays + demo.days - 1,
      titles: demo.practice.titles,
      venue: VENUE,
    });
    const classId = newId();
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
          start_date: beijingDate(addDays(now, demo.startInDays)),
          end_date: beijingDate(addDays(now, demo.startInDays + demo.days)),
          offline_hours: sessionsClassHours(sessions, classHour),
          assessment_plan: '理论考试（闭卷，60 分合格）+ 实操考核',
          self_enrol: demo.selfEnrol ? 1 : 0,
          capacity: demo.capacity,
          status: 'approved',
          policy_refs: JSON.stringify({ national: policy.national, applied: policy.applied }),
          submitted_at: addDays(now, -10).toISOString(),
          review_due_at: addDays(now, -3).toISOString(),
          decided_at: addDays(now, -7).toISOString(),
          decided_by: regulator.id,
          created_by: admin.id,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const courseIds = [...general.map((c) => c.id), trade.id];
      await trx
        .insertInto('class_courses')
        .values(courseIds.map((course_id, i) => ({ class_id: classId, course_id, sort: i + 1 })))
        .execute();
      await trx.insertInto('class_teachers').values({ class_id: classId, user_id: teacher.id }).execute();
      await trx
        .insertInto('class_sessions')
        .values(sessions.map((s) => ({ id: newId(), class_id: classId, ...s })))
        .execute();
      const learners = demo.learners.map(byPhone).filter((u) => u?.role === 'learner');
      if (learners.length) {
        await trx
          .insertInto('enrolments')
          .values(
            learners.map((u) => ({
              id: newId(),
              class_id: classId,
              user_id: u!.id,
              status: 'enrolled' as const,
              source: 'import' as const,
              created_by: admin.id,
              created_at: at,
            })),
          )
          .execute();
      }
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
            at: addDays(now, -10).toISOString(),
          },
          {
            id: newId(),
            class_id: classId,
            change_id: null,
            action: 'approved',
            comment: '同意开班',
            prechecks: null,
            actor_id: regulator.id,
            at: addDays(now, -7).toISOString(),
          },
        ])
        .execute();
    });
  }
}
