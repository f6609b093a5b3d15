// Sets up classes through the HTTP API, for the steps a test does not need to click through: published courses for
// the online hours and the required general modules, a teacher's qualification, a roster, the submission.
import { makeDemoPdf } from '../../server/src/modules/media/index';
import { makeIdNumber, makeName, makePhone } from './identity';
import { DEMO_PASSWORD } from './ui';

export type ApiSession = {
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  upload: <T = any>(path: string, bytes: Buffer | string, contentType: string) => Promise<{ status: number; body: T }>;
};

/** Signs in with a password and keeps the session and CSRF cookies for the calls that follow. */
export async function apiSignIn(baseUrl: string, login: string, password: string = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const cookie = cookies.join('; ');
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('yx_csrf='))?.slice('yx_csrf='.length) ?? '');
  const send = async (method: string, path: string, body: BodyInit | undefined, contentType?: string) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        accept: 'application/json',
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call: (method, path, body) =>
      send(
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? undefined : 'application/json',
      ),
    upload: (path, bytes, contentType) =>
      send('POST', path, typeof bytes === 'string' ? bytes : new Uint8Array(bytes), contentType),
  };
}

async function ok<T>(what: string, promise: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const { status, body } = await promise;
  if (!expected.includes(status)) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** A published course of PDF lessons adding up to `minutes` (documents count their planned minutes). */
export async function publishedCourse(
  session: ApiSession,
  fields: { title: string } & Record<string, unknown>,
  minutes: number,
): Promise<string> {
  const { course } = await ok(
    'create course',
    session.call<{ course: { id: string } }>('POST', '/api/courses', { summary: '', ...fields }),
  );
  const chapter = await ok(
    'add chapter',
    session.call<{ id: string }>('POST', `/api/courses/${course.id}/chapters`, { title: '第一章' }),
  );
  const pdf = await makeDemoPdf({ title: String(fields.title), pages: 2 });
  const { media } = await ok(
    'upload',
    session.upload<{ media: { id: string } }>(
      `/api/media?name=${encodeURIComponent(`${fields.title}.pdf`)}`,
      pdf,
      'application/pdf',
    ),
  );
  for (let left = minutes, n = 1; left > 0; left -= 600, n += 1) {
    await ok(
      'add lesson',
      session.call('POST', `/api/chapters/${chapter.id}/lessons`, {
        title: `讲义 ${n}`,
        kind: 'document',
        mediaId: media.id,
        documentMinutes: Math.min(600, left),
      }),
    );
  }
  await ok('publish', session.call('POST', `/api/courses/${course.id}/publish`));
  return course.id;
}

/** A calendar date in China Standard Time, `days` from today. */
export function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export type Person = { name: string; idNumber: string; phone: string };

export function makePeople(count: number): Person[] {
  return Array.from({ length: count }, () => ({ name: makeName(), idNumber: makeIdNumber(), phone: makePhone() }));
}

/** A roster as CSV with the template's header; the server reads .xlsx and CSV alike. */
export function rosterCsv(people: Person[]): string {
  return ['姓名,身份证号,手机号', ...people.map((p) => `${p.name},${p.idNumber},${p.phone}`)].join('\n') + '\n';
}

const OCCUPATION = '6-31-01-03'; // 电工
const LEVEL = 5;

export type ClassWorld = {
  admin: ApiSession;
  operator: ApiSession;
  generalCourseIds: string[];
  tradeCourseId: string;
  teacherId: string;
  /** Class hours: what the standard asks, what the courses give online and what the sessions must give offline. */
  plan: { minHours: number; online: number; offline: number; classHourMinutes: number };
};

/**
 * Everything a passing electrician (level 5) class of the Hangzhou school needs, made once per server: platform
 * courses for the required general modules, a trade course for the rest of the online share, and a qualification
 * for the school's teacher.
 */
export async function prepareClassWorld(baseUrl: string): Promise<ClassWorld> {
  const [admin, operator] = await Promise.all([apiSignIn(baseUrl, '13900000021'), apiSignIn(baseUrl, '13900000001')]);
  const me = await ok('me', admin.call<{ user: { regionCode: string } }>('GET', '/api/auth/me'));
  const region = me.user.regionCode;
  const { policy } = await ok(
    'policy',
    admin.call<{
      policy: { document: { classHourMinutes: number; maxOnlineShare: number; onlineHourFactor: number } };
    }>('GET', `/api/catalog/policy?region=${region}`),
  );
  const { occupation } = await ok(
    'occupation',
    admin.call<{ occupation: { standards: { level: number; minHours: number; maxOnlinePercent: number }[] } }>(
      'GET',
      `/api/catalog/occupations/${OCCUPATION}`,
    ),
  );
  const standard = occupation.standards.find((s) => s.level === LEVEL);
  if (!standard) throw new Error(`no standard for ${OCCUPATION} level ${LEVEL}`);
  const { classHourMinutes, maxOnlineShare, onlineHourFactor } = policy.document;
  const cap = Math.min(maxOnlineShare, standard.maxOnlinePercent / 100);
  const target = Math.floor(standard.minHours * cap);

  // A course per required general module: the platform's own when it has one (the demo content), else a new one.
  const { items: modules } = await ok(
    'modules',
    admin.call<{ items: { code: string; name: { zh: string }; required: boolean; courses: { id: string }[] }[] }>(
      'GET',
      `/api/catalog/general-modules?region=${region}`,
    ),
  );
  const generalCourseIds: string[] = [];
  let generalHours = 0;
  for (const m of modules.filter((x) => x.required)) {
    const id =
      m.courses[0]?.id ??
      (await publishedCourse(
        operator,
        { title: `${m.name.zh}（通用必修课）`, generalModuleCode: m.code },
        classHourMinutes,
      ));
    const { course } = await ok(
      'course hours',
      admin.call<{ course: { classHours: number } }>('GET', `/api/catalog/courses/${id}?region=${region}`),
    );
    generalCourseIds.push(id);
    generalHours += course.classHours;
  }
  const tradeHours = Math.max(1, Math.floor(target - generalHours));
  const tradeCourseId = await publishedCourse(
    admin,
    { title: '电工（五级）安全用电与电工基础', occupationCode: OCCUPATION, level: LEVEL },
    tradeHours * classHourMinutes,
  );
  // Offline hours: enough to reach the standard, and enough to keep the online share under the cap.
  const counted = Math.round((generalHours + tradeHours) * onlineHourFactor * 10) / 10;
  const offline = Math.max(Math.ceil(standard.minHours - counted), Math.ceil(counted * (1 / cap - 1)));
  const online = generalHours + tradeHours;

  const { items: teachers } = await ok(
    'teachers',
    admin.call<{ items: { id: string }[] }>('GET', '/api/users?role=teacher'),
  );
  const teacherId = teachers[0].id;
  await ok(
    'qualification',
    admin.call('POST', `/api/teachers/${teacherId}/qualifications`, {
      occupationCode: OCCUPATION,
      level: 3,
      certificateNo: `S${Date.now()}`,
      validUntil: '2035-12-31',
    }),
  );
  return {
    admin,
    operator,
    generalCourseIds,
    tradeCourseId,
    teacherId,
    plan: { minHours: standard.minHours, online, offline, classHourMinutes },
  };
}

/** The body of a class that passes every pre-check once it has learners. */
export function passingClassBody(world: ClassWorld, name: string): Record<string, unknown> {
  const start = beijingDay(7);
  const sessionStart = Date.parse(`${beijingDay(10)}T01:00:00.000Z`);
  return {
    name,
    occupationCode: OCCUPATION,
    level: LEVEL,
    startDate: start,
    endDate: beijingDay(60),
    offlineHours: world.plan.offline,
    assessmentPlan: '理论考试（闭卷，60 分合格）+ 实操考核',
    selfEnrol: false,
    capacity: 50,
    courseIds: [...world.generalCourseIds, world.tradeCourseId],
    teacherIds: [world.teacherId],
    sessions: [
      {
        title: '低压配电实操',
        venueName: '西湖实训基地 3 号车间',
        address: '杭州市西湖区文三路 100 号',
        latitude: 30.2741,
        longitude: 120.1551,
        startsAt: new Date(sessionStart).toISOString(),
        endsAt: new Date(sessionStart + world.plan.offline * world.plan.classHourMinutes * 60_000).toISOString(),
      },
    ],
  };
}

/** Creates a passing class with `learners` new people imported from a roster file; submits it when asked. */
export async function createPassingClass(
  world: ClassWorld,
  name: string,
  options: { learners?: number; submit?: boolean } = {},
): Promise<string> {
  const { class: created } = await ok(
    'create class',
    world.admin.call<{ class: { id: string } }>('POST', '/api/classes', passingClassBody(world, name)),
  );
  const csv = rosterCsv(makePeople(options.learners ?? 3));
  await ok(
    'import',
    world.admin.upload(`/api/classes/${created.id}/enrolments/import?mode=all&name=roster.csv`, csv, 'text/csv'),
  );
  if (options.submit) await ok('submit', world.admin.call('POST', `/api/classes/${created.id}/submit`));
  return created.id;
}
