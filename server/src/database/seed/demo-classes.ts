import { beijingDate } from '../../modules/classes/classes.service.js';
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

/** The demo teacher's qualifications (entered by the school's administrator when the teacher joined). */
export const DEMO_TEACHER_QUALIFICATIONS = [
  { occupationCode: '6-31-01-03', level: 3, certificateNo: 'Y330106202100731', kind: '职业技能等级证书' },
  { occupationCode: '4-10-01-05', level: 3, certificateNo: 'Y330106202200418', kind: '职业技能等级证书' },
];
const PRACTICE_DAY_HOURS = 6;

const VENUE = {
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

  // The teacher's qualifications, once (the seed may run again on a database that has them).
  for (const q of DEMO_TEACHER_QUALIFICATIONS) {
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
    // Practice days enough for the standard's minimum on their own, spread evenly over the rest of the period.
    const days = Math.ceil(((standard?.min_hours ?? 12) * classHour) / (PRACTICE_DAY_HOURS * 60));
    const lastDay = demo.startInDays + demo.days - 1;
    const step = Math.max(1, Math.floor((lastDay - demo.practice.firstInDays) / Math.max(1, days - 1)));
    const sessions = Array.from({ length: days }, (_, i) => ({
      title: `${demo.practice.titles[i % demo.practice.titles.length]}（第 ${i + 1} 次）`,
      inDays: demo.practice.firstInDays + i * step,
      hours: PRACTICE_DAY_HOURS,
    }));
    const classId = newId();
    const offlineMinutes = sessions.reduce((sum, s) => sum + s.hours * 60, 0);
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
          offline_hours: Math.floor(offlineMinutes / classHour),
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
        .values(
          sessions.map((s) => {
            // 09:00 Beijing time on the session's day.
            const starts = new Date(`${beijingDate(addDays(now, s.inDays))}T01:00:00.000Z`);
            return {
              id: newId(),
              class_id: classId,
              title: s.title,
              ...VENUE,
              starts_at: starts.toISOString(),
              ends_at: new Date(starts.getTime() + s.hours * 3600_000).toISOString(),
            };
          }),
        )
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
