import { beijingDate } from '../../platform/time.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/time.js';
import type { Services } from '../../services.js';

// Two approved demo classes of the Hangzhou school, made at the end of the demo content job (they need its published
// courses): an electrician class running now with learner 13800000001 on its roster, so "my classes" is not empty,
// and an elderly-care class open to self-enrolment, starting in two weeks, that any learner can join and leave.
// Idempotent: a class already there (by name) is left alone.

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
  sessions: { title: string; inDays: number; hours: number }[];
};

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
    sessions: [
      { title: '照明线路安装实操', inDays: 20, hours: 6 },
      { title: '低压配电与电动机控制实操', inDays: 27, hours: 6 },
    ],
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
    sessions: [
      { title: '生活照料实训', inDays: 30, hours: 6 },
      { title: '基础照护与安全防护实训', inDays: 37, hours: 6 },
    ],
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
    const classId = newId();
    const offlineMinutes = demo.sessions.reduce((sum, s) => sum + s.hours * 60, 0);
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
          offline_hours: Math.floor(offlineMinutes / policy.document.classHourMinutes),
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
          demo.sessions.map((s) => {
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
