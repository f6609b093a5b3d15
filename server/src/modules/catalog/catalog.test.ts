import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '../media/index.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';

// The catalogue through its HTTP API on the configured dialect: reference data, authoring with hours and the
// standard flag, tenancy, Chinese full-text search, versioned policies, campaigns and regional columns.

let p: TestPlatform;
const s = {} as Record<'operator' | 'adminA' | 'teacherA' | 'adminB' | 'learnerA' | 'xihu', Session>;

beforeAll(async () => {
  p = await createTestPlatform();
  s.operator = await login(p, DEMO.operator);
  s.adminA = await login(p, DEMO.adminA);
  s.teacherA = await login(p, DEMO.teacherA);
  s.adminB = await login(p, DEMO.adminB);
  s.learnerA = await login(p, DEMO.learnerA);
  s.xihu = await login(p, DEMO.xihuRegulator);
});
afterAll(async () => {
  await p?.drop();
});

async function uploadPdf(session: Session, name: string, pages = 3): Promise<string> {
  const body = await makeDemoPdf({ title: name, pages });
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/media?name=${encodeURIComponent(name)}`,
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().media.id;
}

/** A course with one chapter and document lessons of `minutes` in all (at most 600 per lesson), optionally published. */
async function makeCourse(
  session: Session,
  fields: { title: string } & Record<string, unknown>,
  minutes: number,
  publish = true,
): Promise<any> {
  const created = await call(p, session, 'POST', '/api/courses', { summary: '', ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.course.id;
  const chapter = await call(p, session, 'POST', `/api/courses/${id}/chapters`, { title: '第一章' });
  const mediaId = await uploadPdf(session, `${fields.title}.pdf`);
  for (let left = minutes; left > 0; left -= 600) {
    const lesson = await call(p, session, 'POST', `/api/chapters/${chapter.body.id}/lessons`, {
      title: '讲义',
      kind: 'document',
      mediaId,
      documentMinutes: Math.min(600, left),
    });
    expect(lesson.status, JSON.stringify(lesson.body)).toBe(201);
  }
  if (!publish) return (await call(p, session, 'GET', `/api/courses/${id}`)).body.course;
  const published = await call(p, session, 'POST', `/api/courses/${id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.course;
}

describe('reference data', () => {
  it('seeds the occupation classification, standards, categories and the national policy', async () => {
    const occupations = await call(p, null, 'GET', '/api/catalog/occupations');
    expect(occupations.body.items.length).toBeGreaterThanOrEqual(100);
    const electrician = occupations.body.items.find((o: any) => o.code === '6-31-01-03');
    expect(electrician.name).toEqual({ zh: '电工', en: 'Electrician' });
    expect(electrician.levels).toEqual([5, 4, 3, 2, 1]);

    const categories = await call(p, null, 'GET', '/api/catalog/categories');
    expect(categories.body.items.length).toBeGreaterThanOrEqual(15);
    expect(categories.body.items.every((c: any) => c.occupationCount > 0)).toBe(true);

    const detail = await call(p, null, 'GET', '/api/catalog/occupations/4-10-01-05');
    expect(detail.body.occupation.name.zh).toBe('养老护理员');
    expect(detail.body.occupation.path.map((c: any) => c.code)).toEqual(['4', '4-10', '4-10-01']);
    expect(detail.body.occupation.standards.length).toBeGreaterThanOrEqual(3);
    expect(detail.body.occupation.standards[0]).toMatchObject({
      level: 5,
      minHours: expect.any(Number),
      maxOnlinePercent: expect.any(Number),
    });
    expect(detail.body.occupation.standards[0].modules.length).toBeGreaterThan(1);
    expect(detail.body.occupation.courseCategories.map((c: any) => c.code)).toContain('ELDERLY_CARE');

    const levels = await call(p, null, 'GET', '/api/catalog/levels');
    expect(levels.body.items.map((l: any) => l.label)).toEqual([
      '五级/初级工',
      '四级/中级工',
      '三级/高级工',
      '二级/技师',
      '一级/高级技师',
    ]);
  });

  it('searches occupations by name, tag and code, and filters by course category', async () => {
    const byTag = await call(p, null, 'GET', `/api/catalog/occupations?q=${encodeURIComponent('月嫂')}`);
    expect(byTag.body.items.map((o: any) => o.name.zh)).toContain('家政服务员');
    const inCategory = await call(p, null, 'GET', '/api/catalog/occupations?category=ELECTRICAL');
    expect(inCategory.body.items.map((o: any) => o.code)).toContain('6-31-01-03');
    expect(inCategory.body.items.map((o: any) => o.code)).not.toContain('4-10-01-05');
    expect((await call(p, null, 'GET', '/api/catalog/occupations/9-99-99-99')).status).toBe(400);
    expect((await call(p, null, 'GET', '/api/catalog/occupations/8-99-99-99')).status).toBe(404);
  });

  it('resolves regional policies: a 30-minute class hour in Ningbo, 45 elsewhere', async () => {
    const haishu = await call(p, null, 'GET', '/api/catalog/policy?region=330203');
    expect(haishu.body.policy.document.classHourMinutes).toBe(30);
    // Zhejiang's shipped override (its subsidy rules) applies first, then Ningbo's.
    expect(haishu.body.policy.applied.map((a: any) => a.scope)).toEqual(['330000', '330200']);
    const xihu = await call(p, null, 'GET', '/api/catalog/policy?region=330106');
    expect(xihu.body.policy.document.classHourMinutes).toBe(45);
    expect(xihu.body.policy.document.requiredGeneralModules).toContain('GEN-FIRE-SAFETY');
    const modules = await call(p, null, 'GET', '/api/catalog/general-modules?region=330106');
    expect(modules.body.items.filter((m: any) => m.required).length).toBe(5);
  });
});

describe('course authoring', () => {
  it('computes class hours from server figures under the region policy and flags courses below the standard', async () => {
    const course = await makeCourse(
      s.adminA,
      { title: '养老护理员（五级）照护基础', occupationCode: '4-10-01-05', level: 5, categoryCode: 'ELDERLY_CARE' },
      90,
    );
    expect(course.status).toBe('published');
    expect(course.minutes).toBe(90);
    expect(course.classHours).toBe(2); // 90 minutes at 45 minutes per class hour (Xihu district)
    expect(course.classHourMinutes).toBe(45);
    expect(course.standard.status).toBe('below');
    expect(course.standard.requiredOnlineHours).toBeGreaterThan(2);

    // The same 90 minutes count as 3 class hours under Ningbo's 30-minute class hour.
    const ningbo = await makeCourse(
      s.adminB,
      { title: '电工（四级）配电基础', occupationCode: '6-31-01-03', level: 4, categoryCode: 'ELECTRICAL' },
      90,
    );
    expect(ningbo.classHours).toBe(3);

    // Enough hours meet the standard: required online hours = min hours x the stricter online share.
    const required = course.standard.requiredOnlineHours as number;
    const long = await makeCourse(
      s.adminA,
      { title: '养老护理员（五级）完整理论', occupationCode: '4-10-01-05', level: 5 },
      Math.ceil(required * 45),
    );
    expect(long.standard.status).toBe('met');
  });

  it('refuses what authors may not do, with coded errors', async () => {
    expect((await call(p, s.learnerA, 'POST', '/api/courses', { title: '学员不能建课', summary: '' })).status).toBe(
      403,
    );
    expect((await call(p, s.xihu, 'POST', '/api/courses', { title: '监管不能建课', summary: '' })).status).toBe(403);
    const unknown = await call(p, s.adminA, 'POST', '/api/courses', { title: '多余字段', summary: '', price: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_FIELD');
    const badOccupation = await call(p, s.adminA, 'POST', '/api/courses', {
      title: '错误职业',
      summary: '',
      occupationCode: '8-99-99-99',
    });
    expect(badOccupation.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'occupationCode' });

    // An explicit null is null (not an empty string that would break the category reference).
    const nulls = await call(p, s.adminA, 'POST', '/api/courses', {
      title: '空值字段',
      summary: '',
      categoryCode: null,
      occupationCode: null,
      level: null,
      generalModuleCode: null,
    });
    expect(nulls.status).toBe(201);
    expect(nulls.body.course).toMatchObject({
      categoryCode: null,
      occupationCode: null,
      level: null,
      generalModuleCode: null,
    });

    const empty = await call(p, s.adminA, 'POST', '/api/courses', { title: '空课程', summary: '' });
    expect((await call(p, s.adminA, 'POST', `/api/courses/${empty.body.course.id}/publish`)).body.error.code).toBe(
      'COURSE_EMPTY',
    );
    const chapter = await call(p, s.adminA, 'POST', `/api/courses/${empty.body.course.id}/chapters`, {
      title: '第一章',
    });
    await call(p, s.adminA, 'POST', `/api/chapters/${chapter.body.id}/lessons`, { title: '还没有视频', kind: 'video' });
    expect((await call(p, s.adminA, 'POST', `/api/courses/${empty.body.course.id}/publish`)).body.error.code).toBe(
      'COURSE_MEDIA_NOT_READY',
    );
  });

  it('keeps authoring inside the institution: another institution sees nothing, the own teacher may edit', async () => {
    const draft = await makeCourse(s.adminA, { title: '机构A草稿课程' }, 30, false);
    expect(draft.status).toBe('draft');
    expect((await call(p, s.adminB, 'GET', `/api/courses/${draft.id}`)).status).toBe(404);
    expect((await call(p, s.adminB, 'PATCH', `/api/courses/${draft.id}`, { title: '改名' })).status).toBe(404);
    expect((await call(p, s.learnerA, 'GET', `/api/catalog/courses/${draft.id}`)).status).toBe(404);
    const renamed = await call(p, s.teacherA, 'PATCH', `/api/courses/${draft.id}`, { title: '机构A草稿课程（修订）' });
    expect(renamed.status).toBe(200);
    expect((await call(p, s.adminB, 'GET', '/api/courses')).body.items.map((c: any) => c.id)).not.toContain(draft.id);
    expect((await call(p, s.adminA, 'GET', '/api/courses')).body.items.map((c: any) => c.id)).toContain(draft.id);
    // Another institution's media cannot be put into one's course.
    const foreignMedia = await uploadPdf(s.adminB, 'B的讲义.pdf');
    const chapter = draft.chapters[0];
    const refused = await call(p, s.adminA, 'POST', `/api/chapters/${chapter.id}/lessons`, {
      title: '借用',
      kind: 'document',
      mediaId: foreignMedia,
      documentMinutes: 10,
    });
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'mediaId' });
  });

  it('orders chapters and lessons and removes them only from drafts', async () => {
    const created = await call(p, s.adminA, 'POST', '/api/courses', { title: '排序测试课程', summary: '' });
    const id = created.body.course.id;
    const first = await call(p, s.adminA, 'POST', `/api/courses/${id}/chapters`, { title: '甲' });
    await call(p, s.adminA, 'POST', `/api/courses/${id}/chapters`, { title: '乙' });
    await call(p, s.adminA, 'POST', `/api/chapters/${first.body.id}/move`, { direction: 'down' });
    const detail = await call(p, s.adminA, 'GET', `/api/courses/${id}`);
    expect(detail.body.course.chapters.map((c: any) => c.title)).toEqual(['乙', '甲']);
    expect((await call(p, s.adminA, 'DELETE', `/api/chapters/${first.body.id}`)).status).toBe(200);
    expect(
      (await call(p, s.adminA, 'GET', `/api/courses/${id}`)).body.course.chapters.map((c: any) => c.title),
    ).toEqual(['乙']);
  });
});

describe('public catalogue search and browse', () => {
  let electrician: any;
  let elderly: any;
  beforeAll(async () => {
    electrician = await makeCourse(
      s.adminA,
      { title: '维修电工基础与安全操作', occupationCode: '6-31-01-03', level: 5, categoryCode: 'ELECTRICAL' },
      45,
    );
    elderly = await makeCourse(
      s.adminA,
      { title: '居家老人生活照护', occupationCode: '4-10-01-05', level: 4, categoryCode: 'ELDERLY_CARE' },
      45,
    );
    await makeCourse(s.adminA, { title: '电工草稿不应出现', occupationCode: '6-31-01-03', level: 5 }, 45, false);
  });

  const search = async (q: string, extra = '') =>
    (await call(p, null, 'GET', `/api/catalog/courses?q=${encodeURIComponent(q)}${extra}`)).body;

  it('finds electrician courses with "电工" and elderly-care courses with "养老"', async () => {
    const e = await search('电工');
    expect(e.items.map((c: any) => c.id)).toContain(electrician.id);
    expect(e.items.map((c: any) => c.id)).not.toContain(elderly.id);
    expect(e.items.every((c: any) => c.status === 'published')).toBe(true);
    // "养老" is not in the title: it comes from the occupation's name 养老护理员.
    const o = await search('养老');
    expect(o.items.map((c: any) => c.id)).toContain(elderly.id);
    expect(o.items.map((c: any) => c.id)).not.toContain(electrician.id);
    expect((await search('Electrician')).items.map((c: any) => c.id)).toContain(electrician.id);
    expect((await search('照护 居家')).items.map((c: any) => c.id)).toEqual([elderly.id]);
    expect((await search('量子物理')).total).toBe(0);
    expect((await search('！？')).total).toBe(0);
  });

  it('browses by category, occupation, level and region with paging', async () => {
    const byCategory = (await call(p, null, 'GET', '/api/catalog/courses?category=ELECTRICAL')).body;
    expect(byCategory.items.every((c: any) => c.categoryCode === 'ELECTRICAL')).toBe(true);
    const byLevel = (await call(p, null, 'GET', '/api/catalog/courses?occupation=4-10-01-05&level=4')).body;
    expect(byLevel.items.map((c: any) => c.id)).toEqual([elderly.id]);
    const ningbo = (await call(p, null, 'GET', '/api/catalog/courses?region=330200')).body;
    expect(
      ningbo.items.every((c: any) => c.institutionId === null || c.institutionName === '宁波海曙智造电器有限公司'),
    ).toBe(true);
    expect(ningbo.items.map((c: any) => c.id)).not.toContain(electrician.id);
    const page = (await call(p, null, 'GET', '/api/catalog/courses?pageSize=1&page=2')).body;
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(2);
    const detail = (await call(p, null, 'GET', `/api/catalog/courses/${electrician.id}`)).body.course;
    expect(detail.chapters[0].lessons[0]).toMatchObject({ kind: 'document', pageCount: 3 });
    expect(detail.standard.status).toBe('below');
  });

  it('marks courses free inside an active campaign for the region only', async () => {
    const now = p.clock.now().getTime();
    const campaign = await call(p, s.operator, 'POST', '/api/campaigns', {
      nameZh: '杭州养老护理免费学',
      nameEn: 'Hangzhou free elderly care',
      regionCode: '330100',
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 86400_000).toISOString(),
      courseIds: [],
      categoryCodes: ['ELDERLY_CARE'],
    });
    expect(campaign.status).toBe(201);
    expect(campaign.body.campaign.state).toBe('active');
    const inXihu = (
      await call(p, null, 'GET', `/api/catalog/courses?q=${encodeURIComponent('照护')}&region=330106`)
    ).body.items.find((c: any) => c.id === elderly.id);
    expect(inXihu.free).toBe(true);
    const inHaishu = (await call(p, null, 'GET', `/api/catalog/courses/${elderly.id}?region=330203`)).body.course;
    expect(inHaishu.free).toBe(false);
    expect(
      (await call(p, null, 'GET', '/api/catalog/campaigns?region=330106')).body.items.map((c: any) => c.id),
    ).toContain(campaign.body.campaign.id);
    expect(
      (await call(p, null, 'GET', '/api/catalog/campaigns?region=330203')).body.items.map((c: any) => c.id),
    ).not.toContain(campaign.body.campaign.id);
    // After the end date the course is no longer free.
    p.clock.advance(2 * 86400_000);
    const later = (await call(p, null, 'GET', `/api/catalog/courses/${elderly.id}?region=330106`)).body.course;
    expect(later.free).toBe(false);
    // Two days on, the sessions have idled out: sign in again for the rest of the file.
    for (const [key, phone] of [
      ['operator', DEMO.operator],
      ['adminA', DEMO.adminA],
      ['teacherA', DEMO.teacherA],
      ['adminB', DEMO.adminB],
      ['learnerA', DEMO.learnerA],
      ['xihu', DEMO.xihuRegulator],
    ] as const) {
      s[key] = await login(p, phone);
    }

    const backwards = await call(p, s.operator, 'POST', '/api/campaigns', {
      nameZh: '日期颠倒',
      nameEn: 'Backwards',
      regionCode: null,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now - 1000).toISOString(),
      courseIds: [electrician.id],
      categoryCodes: [],
    });
    expect(backwards.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'endsAt' });
    expect((await call(p, s.adminA, 'GET', '/api/campaigns')).status).toBe(403);
  });

  it('shows a province column in its cities and counties, not elsewhere', async () => {
    const column = await call(p, s.operator, 'POST', '/api/columns', {
      regionCode: '330000',
      titleZh: '浙江精品课程',
      titleEn: 'Zhejiang featured',
      sort: 1,
      courseIds: [elderly.id, electrician.id],
    });
    expect(column.status).toBe(201);
    const inXihu = (await call(p, null, 'GET', '/api/catalog/columns?region=330106')).body.items;
    expect(inXihu.find((c: any) => c.id === column.body.column.id).courses.map((c: any) => c.id)).toEqual([
      elderly.id,
      electrician.id,
    ]);
    expect((await call(p, null, 'GET', '/api/catalog/columns?region=440300')).body.items).toEqual([]);
    const draft = await makeCourse(s.adminA, { title: '未发布课程不能进专栏' }, 10, false);
    const refused = await call(p, s.operator, 'PUT', `/api/columns/${column.body.column.id}`, {
      regionCode: '330000',
      titleZh: '浙江精品课程',
      titleEn: 'Zhejiang featured',
      sort: 1,
      courseIds: [draft.id],
    });
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'courseIds' });
  });
});

describe('versioned policies and reference edits', () => {
  it('publishes new versions, keeps the history, audits every change and validates documents', async () => {
    const before = (await call(p, null, 'GET', '/api/catalog/policy?region=330106')).body.policy;
    const national = (await call(p, s.operator, 'GET', '/api/policies/national')).body.items;
    expect(national.map((v: any) => v.version)).toEqual([1]);
    const published = await call(p, s.operator, 'POST', '/api/policies/330000', {
      document: { classHourMinutes: 40, dailyCapHours: 6 },
      note: '浙江省试行40分钟学时',
    });
    expect(published.status).toBe(201);
    // Version 1 of Zhejiang is the shipped override (its subsidy rules, docs/subsidy-sources.md).
    expect(published.body.policy.version).toBe(2);
    const again = await call(p, s.operator, 'POST', '/api/policies/330000', {
      document: { classHourMinutes: 45 },
      note: '恢复45分钟',
    });
    expect(again.body.policy.version).toBe(3);
    const history = (await call(p, s.operator, 'GET', '/api/policies/330000')).body.items;
    expect(history.map((v: any) => [v.version, v.document.classHourMinutes])).toEqual([
      [3, 45],
      [2, 40],
      [1, undefined],
    ]);
    const after = (await call(p, null, 'GET', '/api/catalog/policy?region=330106')).body.policy;
    // The latest override applies; the refs say exactly which versions made the effective document.
    expect(after.document.classHourMinutes).toBe(45);
    expect(after.document.dailyCapHours).toBe(before.document.dailyCapHours);
    expect(after.applied).toEqual([{ scope: '330000', version: 3, id: again.body.policy.id }]);
    // A class approved under the earlier versions keeps them: resolving its stored refs gives the old rules.
    const kept = await p.services.policies.atVersions(
      p.database.db,
      { national: before.national, applied: [{ scope: '330000', version: 2, id: published.body.policy.id }] },
      '330106',
    );
    expect(kept.document.classHourMinutes).toBe(40);
    expect(kept.document.dailyCapHours).toBe(6);
    const original = await p.services.policies.atVersions(
      p.database.db,
      { national: before.national, applied: before.applied },
      '330106',
    );
    expect(original.document).toEqual(before.document);
    // Ningbo's own override still wins below the province.
    expect(
      (await call(p, null, 'GET', '/api/catalog/policy?region=330203')).body.policy.document.classHourMinutes,
    ).toBe(30);

    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'policy.published')
      .execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.details).version])).toEqual([
      [s.operator.userId, 2],
      [s.operator.userId, 3],
    ]);

    const invalid = await call(p, s.operator, 'POST', '/api/policies/national', {
      document: { classHourMinutes: 45 },
      note: '缺少字段',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    const badOverride = await call(p, s.operator, 'POST', '/api/policies/330000', {
      document: { classHourMinutes: 5 },
      note: '太短',
    });
    expect(badOverride.body.error.field).toBe('document.classHourMinutes');
    const unknownField = await call(p, s.operator, 'POST', '/api/policies/330000', {
      document: { subsidyPerHour: 30 },
      note: '未知字段',
    });
    expect(unknownField.status).toBe(400);
    expect(
      (
        await call(p, s.xihu, 'POST', '/api/policies/330106', {
          document: { classHourMinutes: 30 },
          note: '区县不能改',
        })
      ).status,
    ).toBe(403);
    expect((await call(p, s.operator, 'GET', '/api/policies/330000')).body.items).toHaveLength(3);
  });

  it('lets only operators edit occupations and standards, audited', async () => {
    const standard = {
      minHours: 80,
      maxOnlinePercent: 40,
      modules: [
        { zh: '职业道德', en: 'Ethics' },
        { zh: '线路安装', en: 'Wiring' },
      ],
      basis: 'GB standard 2024 draft',
    };
    expect((await call(p, s.adminA, 'PUT', '/api/catalog/occupations/6-31-01-03/standards/5', standard)).status).toBe(
      403,
    );
    const updated = await call(p, s.operator, 'PUT', '/api/catalog/occupations/6-31-01-03/standards/5', standard);
    expect(updated.status).toBe(200);
    expect(updated.body.occupation.standards.find((x: any) => x.level === 5)).toMatchObject({
      minHours: 80,
      maxOnlinePercent: 40,
      estimated: false,
      basis: 'GB standard 2024 draft',
    });
    const renamed = await call(p, s.operator, 'PATCH', '/api/catalog/occupations/6-31-01-03', {
      tags: ['电工', '电气', '水电工'],
    });
    expect(renamed.body.occupation.tags).toContain('水电工');
    const actions = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', '6-31-01-03')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['occupation.updated', 'standard.updated']);
  });
});
